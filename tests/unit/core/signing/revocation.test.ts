import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it } from 'vitest';
import { errorMessage } from '../../../../shared/i18n/vi';
import { keyObjectSigner } from '../../../../electron/core/signing/keys/p12-key';
import { signPdf } from '../../../../electron/core/signing/pades-signer';
import { verifyPdfSignatures } from '../../../../electron/core/signing/verify/verify-pdf-signatures';
import { issueCertificate, issueCrl, type TestIdentity } from '../../../helpers/test-pki';

/**
 * Revocation against the CRLs the province distributes with the trust anchors (docs/devices.md §7.4):
 * a test CA made here issues a CRL revoking a signer; EC keys keep the key generation fast.
 */
const FROM = new Date('2026-01-01T00:00:00Z');
const SIGNED_AT = new Date('2026-03-02T03:00:00Z');
const CRL_URL = 'http://crl.thu-nghiem.gov.vn/ca.crl';
let ca: TestIdentity;
let otherCa: TestIdentity;
let signer: TestIdentity;
let noDistributionPoint: TestIdentity;
let signed: Uint8Array;

async function signedBy(who: TestIdentity): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Ket qua giai quyet');
  return signPdf(await doc.save({ useObjectStreams: false }), keyObjectSigner(who.privateKey, who.certificate, [ca.certificate]), {
    signingTime: SIGNED_AT,
  });
}

beforeAll(async () => {
  ca = await issueCertificate({ commonName: 'CA thử nghiệm', isCa: true, notBefore: FROM, days: 3650, keyType: 'ec' });
  otherCa = await issueCertificate({ commonName: 'CA thử nghiệm', isCa: true, notBefore: FROM, days: 3650, keyType: 'ec' });
  signer = await issueCertificate({ commonName: 'Sở Tư pháp', issuer: ca, notBefore: FROM, days: 365, keyType: 'ec', crlUrl: CRL_URL });
  noDistributionPoint = await issueCertificate({ commonName: 'Phòng Tư pháp', issuer: ca, notBefore: FROM, days: 365, keyType: 'ec' });
  signed = await signedBy(signer);
});

describe('revocation of the signer certificate', () => {
  it('makes a signature invalid when the certificate was revoked before the signing time', async () => {
    const crl = await issueCrl(ca, new Date('2026-03-05T00:00:00Z'), [
      { certificate: signer.certificate, at: new Date('2026-02-20T00:00:00Z') },
    ]);
    const [check] = (await verifyPdfSignatures(signed, [ca.certificate], [crl])).signatures;
    expect(check!.valid).toBe(false);
    expect(check!.revocation).toEqual({ status: 'revoked', revokedAt: '2026-02-20T00:00:00.000Z' });
    expect(check!.reasons).toEqual([{ code: 'SIG_CERT_REVOKED', message: errorMessage('SIG_CERT_REVOKED', { time: '2026-02-20 07:00' }) }]);
  });

  it('keeps a signature valid when the certificate was revoked after the signing time, and says so', async () => {
    const crl = await issueCrl(ca, new Date('2026-04-01T00:00:00Z'), [
      { certificate: signer.certificate, at: new Date('2026-03-10T00:00:00Z') },
    ]);
    const result = await verifyPdfSignatures(signed, [ca.certificate], [crl]);
    expect(result.valid).toBe(true);
    expect(result.signatures[0]!.revocation).toEqual({ status: 'revokedAfterSigning', revokedAt: '2026-03-10T00:00:00.000Z' });
    expect(result.signatures[0]!.notes.map((note) => note.code)).toEqual(['SIG_REVOKED_AFTER_SIGNING']);
  });

  it('says the certificate is good when its issuer CRL does not list it', async () => {
    const crl = await issueCrl(ca, new Date('2026-03-05T00:00:00Z'), [{ certificate: noDistributionPoint.certificate, at: FROM }]);
    const result = await verifyPdfSignatures(signed, [ca.certificate], [crl]);
    expect(result.valid).toBe(true);
    expect(result.signatures[0]!.revocation).toEqual({ status: 'good', crlThisUpdate: '2026-03-05T00:00:00.000Z' });
    expect(result.signatures[0]!.notes).toEqual([]);
  });

  it('notes "not checked" without failing when no CRL of the issuer is available', async () => {
    const result = await verifyPdfSignatures(signed, [ca.certificate], []);
    expect(result.valid).toBe(true);
    expect(result.signatures[0]!.revocation).toEqual({ status: 'unchecked', hasDistributionPoint: true });
    expect(result.signatures[0]!.notes).toEqual([{ code: 'SIG_REVOCATION_UNCHECKED', message: errorMessage('SIG_REVOCATION_UNCHECKED') }]);
    const without = await verifyPdfSignatures(await signedBy(noDistributionPoint), [ca.certificate], []);
    expect(without.signatures[0]!.revocation).toEqual({ status: 'unchecked', hasDistributionPoint: false });
  });

  it('ignores a CRL with the issuer name that the issuer did not sign', async () => {
    const forged = await issueCrl(otherCa, new Date('2026-03-05T00:00:00Z'), [{ certificate: signer.certificate, at: FROM }]);
    const result = await verifyPdfSignatures(signed, [ca.certificate], [forged, new Uint8Array([1, 2, 3])]);
    expect(result.valid).toBe(true);
    expect(result.signatures[0]!.revocation.status).toBe('unchecked');
  });

  it('uses the newest CRL of the issuer', async () => {
    const older = await issueCrl(ca, new Date('2026-03-01T00:00:00Z'), []);
    const newer = await issueCrl(ca, new Date('2026-03-20T00:00:00Z'), [
      { certificate: signer.certificate, at: new Date('2026-02-01T00:00:00Z') },
    ]);
    const result = await verifyPdfSignatures(signed, [ca.certificate], [older, newer]);
    expect(result.signatures[0]!.revocation.status).toBe('revoked');
  });
});
