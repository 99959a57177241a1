import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { keyObjectSigner } from '../../../electron/core/signing/keys/p12-key';
import { signPdf } from '../../../electron/core/signing/pades-signer';
import { verifyPdfSignatures } from '../../../electron/core/signing/verify/verify-pdf-signatures';
import { issueCertificate, testCaAndSigner, type TestIdentity } from '../../helpers/test-pki';

const FROM = new Date('2026-01-01T00:00:00Z');
const SIGNED_AT = new Date('2026-03-02T03:00:00Z');
let ca: TestIdentity;
let signer: TestIdentity;
let pdf: Uint8Array;

beforeAll(async () => {
  ({ ca, signer } = await testCaAndSigner(FROM));
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Giay khai sinh');
  pdf = await doc.save({ useObjectStreams: false });
});

const sign = (bytes: Uint8Array, who = signer, at = SIGNED_AT) =>
  signPdf(bytes, keyObjectSigner(who.privateKey, who.certificate, []), { signingTime: at });

describe('verifying the signatures of a PDF that arrives', () => {
  it('accepts an intact signature chained to a trust anchor, naming the signer and time', async () => {
    const result = await verifyPdfSignatures(await sign(pdf), [ca.certificate]);
    expect(result.valid).toBe(true);
    expect(result.signatures).toEqual([
      expect.objectContaining({
        index: 1,
        signerName: signer.name,
        signingTime: SIGNED_AT.toISOString(),
        coversWholeDocument: true,
        reasons: [],
      }),
    ]);
  });

  it('keeps both of two signatures valid', async () => {
    const result = await verifyPdfSignatures(await sign(await sign(pdf)), [ca.certificate]);
    expect(result.signatures.map((s) => [s.valid, s.coversWholeDocument])).toEqual([
      [true, false],
      [true, true],
    ]);
  });

  it('finds one byte changed after signing', async () => {
    const signed = Buffer.from(await sign(pdf));
    const at = signed.indexOf('/MediaBox') + 3; // inside the signed range, before the signature
    signed[at] = signed[at] === 0x61 ? 0x62 : 0x61;
    const result = await verifyPdfSignatures(signed, [ca.certificate]);
    expect(result.valid).toBe(false);
    expect(result.signatures[0]!.reasons.map((r) => r.code)).toEqual(['SIG_DIGEST_MISMATCH']);
    expect(result.signatures[0]!.reasons[0]!.message).toContain('đã bị thay đổi sau khi ký');
  });

  it('finds content appended after signing that no signature covers', async () => {
    const signed = await sign(pdf);
    const appended = Buffer.concat([signed, Buffer.from('\n% added later\n')]);
    const result = await verifyPdfSignatures(appended, [ca.certificate]);
    expect(result.signatures[0]!.reasons.map((r) => r.code)).toEqual(['SIG_MODIFIED_AFTER_SIGNING']);
  });

  it('refuses a certificate from a CA that is not a trust anchor', async () => {
    const other = await testCaAndSigner(FROM, 'Người ký lạ');
    const result = await verifyPdfSignatures(await sign(pdf, other.signer), [ca.certificate]);
    expect(result.valid).toBe(false);
    expect(result.signatures[0]!.reasons.map((r) => r.code)).toEqual(['SIG_UNTRUSTED']);
    expect(result.signatures[0]!.reasons[0]!.message).toContain('không được cấp bởi tổ chức chứng thực được tin cậy');
  });

  it('refuses a signer from a foreign CA even when the signature carries an intermediate that does chain to an anchor', async () => {
    const intermediate = await issueCertificate({
      commonName: 'CA trung gian',
      issuer: ca,
      isCa: true,
      notBefore: FROM,
      days: 365,
      keyType: 'ec',
    });
    const other = await testCaAndSigner(FROM, 'Người ký lạ');
    const carrying = await signPdf(pdf, keyObjectSigner(other.signer.privateKey, other.signer.certificate, [intermediate.certificate]), {
      signingTime: SIGNED_AT,
    });
    const result = await verifyPdfSignatures(carrying, [ca.certificate]);
    expect(result.valid).toBe(false);
    expect(result.signatures[0]!.reasons.map((r) => r.code)).toEqual(['SIG_UNTRUSTED']);
    // Signed by that intermediate's own key, the same signer is trusted: the chain checked is the signer's.
    const underIntermediate = await issueCertificate({
      commonName: 'Ký dưới CA trung gian',
      issuer: intermediate,
      notBefore: FROM,
      days: 365,
    });
    const good = await signPdf(
      pdf,
      keyObjectSigner(underIntermediate.privateKey, underIntermediate.certificate, [intermediate.certificate]),
      {
        signingTime: SIGNED_AT,
      },
    );
    expect((await verifyPdfSignatures(good, [ca.certificate])).valid).toBe(true);
  });

  it('refuses a signature made when the certificate was no longer valid', async () => {
    const expired = await issueCertificate({ commonName: 'Hết hạn', issuer: ca, notBefore: FROM, days: 10 });
    const result = await verifyPdfSignatures(await sign(pdf, expired), [ca.certificate]);
    expect(result.signatures[0]!.reasons.map((r) => r.code)).toEqual(['SIG_CERT_NOT_VALID_AT_SIGNING']);
  });

  it('checks the chain at the signing time, not today: a signer and CA long expired (CA 2009-2019) still verify for a 2009 signature', async () => {
    const old = await testCaAndSigner(new Date('2009-01-01T00:00:00Z'), 'Ký năm 2009');
    const signedIn2009 = new Date('2009-06-01T02:00:00Z');
    const result = await verifyPdfSignatures(await sign(pdf, old.signer, signedIn2009), [old.ca.certificate]);
    expect(result.valid).toBe(true);
    expect(result.signatures[0]).toMatchObject({ signingTime: signedIn2009.toISOString(), timestamped: false, reasons: [] });
  });

  it('accepts an ECDSA P-256 signature', async () => {
    const ec = await issueCertificate({ commonName: 'Ký ECDSA', issuer: ca, notBefore: FROM, days: 365, keyType: 'ec' });
    const result = await verifyPdfSignatures(await sign(pdf, ec), [ca.certificate]);
    expect(result.signatures.map((s) => [s.signerName, s.valid])).toEqual([['Ký ECDSA', true]]);
  });

  it('says when no trust anchor is installed, rather than calling the signer untrusted', async () => {
    const result = await verifyPdfSignatures(await sign(pdf), []);
    expect(result.signatures[0]!.reasons.map((r) => r.code)).toEqual(['SIG_NO_TRUST_ANCHORS']);
  });

  it('says a PDF without signatures is not valid', async () => {
    expect(await verifyPdfSignatures(pdf, [ca.certificate])).toEqual({ valid: false, signatures: [] });
  });
});
