// npm run bench:sign — 100 component PDFs of 3 scanned pages signed in one batch (PAdES B-B, one
// session, one PIN entry), with a SoftHSM2 token through PKCS#11 and with a PKCS#12 key in memory
// (the baseline). Prints time per PDF and the share of it spent inside the key's sign() — for the
// token, the PKCS#11 round trip; a USB token adds its own (slower) RSA on the card.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PDFDocument } from 'pdf-lib';
import { renderScanPage } from '../../electron/core/demo/scan-page';
import { keyObjectSigner } from '../../electron/core/signing/keys/p12-key';
import { openPkcs11Key } from '../../electron/core/signing/keys/pkcs11-key';
import { signBatch } from '../../electron/core/signing/sign-batch';
import type { SigningKey } from '../../electron/core/signing/signing-key';
import { createSoftHsmToken, SOFTHSM_MODULE } from '../../tests/helpers/softhsm';
import { testCaAndSigner } from '../../tests/helpers/test-pki';
import { ms, summarize } from './stats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const COUNT = 100;
const SIGNED_AT = new Date('2026-03-02T03:00:00Z');

async function componentPdf(index: number): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let page = 1; page <= 3; page += 1) {
    const jpeg = renderScanPage(
      { title: `Thành phần ${index + 1}`, lines: [`Hồ sơ mẫu số ${index + 1}`, 'Nguyễn Văn An, xã Thử Nghiệm'], footer: `Trang ${page}/3` },
      { fontDir: path.join(root, 'build', 'fonts'), skewDegrees: (index % 5) - 2 },
    );
    const image = await doc.embedJpg(jpeg);
    doc.addPage([595, 842]).drawImage(image, { x: 0, y: 0, width: 595, height: 842 });
  }
  return doc.save({ useObjectStreams: false });
}

/** Wraps a key so the time inside sign() — the token's part — is summed. */
function metered(key: SigningKey): { key: SigningKey; inKey: () => number } {
  let total = 0;
  return {
    key: {
      ...key,
      sign: async (data) => {
        const start = performance.now();
        try {
          return await key.sign(data);
        } finally {
          total += performance.now() - start;
        }
      },
    },
    inKey: () => total,
  };
}

async function run(label: string, key: SigningKey, pdfs: Uint8Array[]): Promise<{ perPdf: number; sample: Uint8Array }> {
  const warm = metered(key);
  await signBatch([{ id: 'warm', pdf: pdfs[0]! }], warm.key, () => ({ signingTime: SIGNED_AT }));
  const { key: counting, inKey } = metered(key);
  const perFile: number[] = [];
  let last = performance.now();
  const start = last;
  const results = await signBatch(
    pdfs.map((pdf, i) => ({ id: String(i), pdf })),
    counting,
    () => ({ signingTime: SIGNED_AT, reason: 'Ký số bản sao điện tử' }),
    () => {
      const now = performance.now();
      perFile.push(now - last);
      last = now;
    },
  );
  const total = performance.now() - start;
  if (results.some((result) => !result.ok)) throw new Error(`${label}: not every PDF was signed`);
  const stats = summarize(perFile);
  const perPdf = total / pdfs.length;
  const keyShare = inKey() / total;
  console.log(
    `${label.padEnd(22)} ${ms(perPdf)} per PDF (p50 ${ms(stats.p50)}, p95 ${ms(stats.p95)}), in the key ${ms(inKey() / pdfs.length)} per PDF = ${(keyShare * 100).toFixed(1)} %`,
  );
  const sample = results[0]!;
  return { perPdf, sample: sample.ok ? sample.pdf : new Uint8Array() };
}

const { ca, signer } = await testCaAndSigner(new Date('2026-01-01T00:00:00Z'), 'Bộ phận Một cửa (bench)');
const pdfs = await Promise.all(Array.from({ length: COUNT }, (_, i) => componentPdf(i)));
const size = pdfs.reduce((sum, pdf) => sum + pdf.length, 0) / COUNT;
console.log(`bench:sign — ${COUNT} component PDFs of 3 pages (${(size / 1024).toFixed(0)} KB each), RSA 2048, SHA-256, PAdES B-B`);
console.log(
  `load average ${os
    .loadavg()
    .map((n) => n.toFixed(1))
    .join(' ')} on ${os.cpus().length} cores (other work shares this machine)`,
);

const p12 = await run('PKCS#12 (baseline)', keyObjectSigner(signer.privateKey, signer.certificate, [ca.certificate]), pdfs);
const token = createSoftHsmToken(signer, [ca.certificate], 'quay-bench');
try {
  const tokenKey = await openPkcs11Key({ modulePath: SOFTHSM_MODULE, tokenLabel: token.label, pin: token.pin });
  const hsm = await run('SoftHSM2 (PKCS#11)', tokenKey, pdfs);
  await tokenKey.close();
  const file = path.join(token.dir, 'check.pdf');
  fs.writeFileSync(file, hsm.sample);
  console.log(
    `pdfsig on a token-signed sample: ${/Signature is Valid/.test(execFileSync('pdfsig', [file], { encoding: 'utf8' })) ? 'valid' : 'NOT valid'}`,
  );
  console.log(`ratio SoftHSM2 / PKCS#12: ${(hsm.perPdf / p12.perPdf).toFixed(2)}× per PDF`);
} finally {
  token.remove();
}
