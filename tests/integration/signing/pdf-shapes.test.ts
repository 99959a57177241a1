import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { keyObjectSigner } from '../../../electron/core/signing/keys/p12-key';
import { signPdf } from '../../../electron/core/signing/pades-signer';
import { verifyPdfSignatures } from '../../../electron/core/signing/verify/verify-pdf-signatures';
import { testCaAndSigner, type TestIdentity } from '../../helpers/test-pki';

const SIGNED_AT = new Date('2026-03-02T03:00:00Z');
let dir: string;
let ca: TestIdentity;
let signer: TestIdentity;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-pdf-shapes-'));
  ({ ca, signer } = await testCaAndSigner(new Date('2026-01-01T00:00:00Z')));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function signTwiceAndCheck(original: Uint8Array, name: string): Promise<string> {
  const key = keyObjectSigner(signer.privateKey, signer.certificate, []);
  const twice = await signPdf(await signPdf(original, key, { signingTime: SIGNED_AT }), key, { signingTime: SIGNED_AT });
  const file = path.join(dir, name);
  fs.writeFileSync(file, twice);
  execFileSync('qpdf', ['--check', file], { stdio: 'pipe' });
  const verified = await verifyPdfSignatures(twice, [ca.certificate]);
  expect(verified.signatures.map((s) => s.valid)).toEqual([true, true]);
  return execFileSync('pdfsig', [file], { encoding: 'utf8' });
}

describe('PDFs of other shapes signed incrementally', () => {
  it('a PDF with object streams and a cross-reference stream (as most producers write today)', async () => {
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Ket qua giai quyet');
    const report = await signTwiceAndCheck(await doc.save({ useObjectStreams: true }), 'xref-stream.pdf');
    expect(report.match(/Signature is Valid\./g)).toHaveLength(2);
  });

  it('a PDF that already has a form with an indirect AcroForm and fields', async () => {
    const doc = await PDFDocument.create();
    const page = doc.addPage();
    doc.getForm().createTextField('hoTen').addToPage(page, { x: 50, y: 700 });
    const report = await signTwiceAndCheck(await doc.save({ useObjectStreams: false }), 'form.pdf');
    expect(report).toContain('Signature Field Name: Signature2');
  });
});
