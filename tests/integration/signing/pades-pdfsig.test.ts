import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyObjectSigner } from '../../../electron/core/signing/keys/p12-key';
import { signPdf } from '../../../electron/core/signing/pades-signer';
import { renderStamp } from '../../../electron/core/signing/stamp/render-stamp';
import { stampLines } from '../../../shared/signing/stamp-text';
import { testCaAndSigner, type TestIdentity } from '../../helpers/test-pki';

const SIGNED_AT = new Date('2026-03-02T03:00:00Z');
let dir: string;
let ca: TestIdentity;
let signer: TestIdentity;

async function threePages(): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  for (let i = 1; i <= 3; i += 1) doc.addPage([595, 842]).drawText(`Trang ${i}`, { x: 50, y: 780 });
  return doc.save({ useObjectStreams: false });
}

function pdfsig(bytes: Uint8Array, name: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, bytes);
  return execFileSync('pdfsig', [file], { encoding: 'utf8' });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-pades-'));
  ({ ca, signer } = await testCaAndSigner(new Date('2026-01-01T00:00:00Z')));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('PAdES signatures checked by poppler pdfsig', () => {
  it('signs with ETSI.CAdES.detached over the total document', async () => {
    const key = keyObjectSigner(signer.privateKey, signer.certificate, [ca.certificate]);
    const signed = await signPdf(await threePages(), key, { signingTime: SIGNED_AT, reason: 'Ký số bản sao điện tử' });
    const report = pdfsig(signed, 'one.pdf');
    expect(report).toContain('Signature #1');
    expect(report).toContain('Signature Type: ETSI.CAdES.detached');
    expect(report).toContain('Signature Validation: Signature is Valid.');
    expect(report).toContain('Total document signed');
    expect(report).toContain('Bộ phận Một cửa UBND xã Thử Nghiệm');
  });
});

describe('a second signature and the visible stamp', () => {
  it('keeps the first signature valid: pdfsig lists both, the last over the total document', async () => {
    const key = keyObjectSigner(signer.privateKey, signer.certificate, [ca.certificate]);
    const once = await signPdf(await threePages(), key, { signingTime: SIGNED_AT });
    const stamp = renderStamp(
      stampLines({ signerName: 'Bộ phận Một cửa UBND xã Thử Nghiệm', unitName: 'UBND xã Thử Nghiệm', signingTime: SIGNED_AT }),
      path.resolve('build/fonts'),
      595,
    );
    const twice = await signPdf(once, key, { signingTime: new Date('2026-03-02T04:00:00Z'), stamp });
    expect(Buffer.from(twice.subarray(0, once.length)).equals(Buffer.from(once))).toBe(true);
    const report = pdfsig(twice, 'two.pdf');
    expect(report).toContain('Signature #2');
    expect(report.match(/Signature Validation: Signature is Valid\./g)).toHaveLength(2);
    expect(report).toMatch(/Signature #2[\s\S]*Total document signed/);
    expect(execFileSync('pdfinfo', [path.join(dir, 'two.pdf')], { encoding: 'utf8' })).toMatch(/Pages:\s+3/);
  });

  it('writes the stamp in Vietnamese: who signed, the unit, the time in Vietnam', () => {
    expect(stampLines({ signerName: 'Nguyễn Văn Ân', unitName: 'UBND xã Đắk Ơ', signingTime: SIGNED_AT })).toEqual([
      'Ký bởi: Nguyễn Văn Ân',
      'Cơ quan: UBND xã Đắk Ơ',
      'Thời gian ký: 10:00 02/03/2026',
    ]);
  });
});
