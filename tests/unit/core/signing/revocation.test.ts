import { PDFDocument } from 'pdf-lib';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { errorMessage, formatMessage, uiText } from '../../../../shared/i18n/vi';
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
const signerAs = (name: string) => ({ name, position: 'signer', serialNumber: expect.stringMatching(/^[0-9a-f]+$/) });
const signerLabel = (name: string) => formatMessage(uiText.signing.certificateOfSigner, { name });

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
    expect(check!.revocation).toEqual({ status: 'revoked', revokedAt: '2026-02-20T00:00:00.000Z', certificate: signerAs('Sở Tư pháp') });
    expect(check!.reasons).toEqual([
      {
        code: 'SIG_CERT_REVOKED',
        message: errorMessage('SIG_CERT_REVOKED', { certificate: signerLabel('Sở Tư pháp'), time: '2026-02-20 07:00' }),
      },
    ]);
    expect(check!.reasons[0]!.message).toBe(
      'Chứng thư số của người ký “Sở Tư pháp” đã bị thu hồi lúc 2026-02-20 07:00, trước thời điểm ký.',
    );
  });

  it('keeps a signature valid when the certificate was revoked after the signing time, and says so', async () => {
    const crl = await issueCrl(ca, new Date('2026-04-01T00:00:00Z'), [
      { certificate: signer.certificate, at: new Date('2026-03-10T00:00:00Z') },
    ]);
    const result = await verifyPdfSignatures(signed, [ca.certificate], [crl]);
    expect(result.valid).toBe(true);
    expect(result.signatures[0]!.revocation).toEqual({
      status: 'revokedAfterSigning',
      revokedAt: '2026-03-10T00:00:00.000Z',
      certificate: signerAs('Sở Tư pháp'),
    });
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
    expect(result.signatures[0]!.revocation).toEqual({
      status: 'unchecked',
      hasDistributionPoint: true,
      certificate: signerAs('Sở Tư pháp'),
    });
    expect(result.signatures[0]!.notes).toEqual([
      { code: 'SIG_REVOCATION_UNCHECKED', message: errorMessage('SIG_REVOCATION_UNCHECKED', { certificate: signerLabel('Sở Tư pháp') }) },
    ]);
    const without = await verifyPdfSignatures(await signedBy(noDistributionPoint), [ca.certificate], []);
    expect(without.signatures[0]!.revocation).toEqual({
      status: 'unchecked',
      hasDistributionPoint: false,
      certificate: signerAs('Phòng Tư pháp'),
    });
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

/**
 * The chain above the signer: a root CA (the anchor) issues an intermediate CA, which issues the signer; the CMS
 * carries the intermediate. The root's CRL lists intermediates, the intermediate's lists signers.
 */
describe('revocation of an intermediate CA in the signer chain', () => {
  let root: TestIdentity;
  let forgedRoot: TestIdentity;
  let intermediate: TestIdentity;
  let leaf: TestIdentity;
  let underIntermediate: Uint8Array;

  const intermediateAs = () => ({
    name: 'CA trung gian thử nghiệm',
    position: 'intermediate',
    serialNumber: expect.stringMatching(/^[0-9a-f]+$/),
  });
  const label = (name: string) => formatMessage(uiText.signing.certificateOfIntermediate, { name });
  const verify = (crls: Uint8Array[]) => verifyPdfSignatures(underIntermediate, [root.certificate], crls);
  const cleanIntermediateCrl = () => issueCrl(intermediate, new Date('2026-03-05T00:00:00Z'), []);

  beforeAll(async () => {
    root = await issueCertificate({ commonName: 'CA gốc thử nghiệm', isCa: true, notBefore: FROM, days: 3650, keyType: 'ec' });
    forgedRoot = await issueCertificate({ commonName: 'CA gốc thử nghiệm', isCa: true, notBefore: FROM, days: 3650, keyType: 'ec' });
    intermediate = await issueCertificate({
      commonName: 'CA trung gian thử nghiệm',
      issuer: root,
      isCa: true,
      notBefore: FROM,
      days: 1825,
      keyType: 'ec',
      crlUrl: 'http://crl.thu-nghiem.gov.vn/root.crl',
    });
    leaf = await issueCertificate({
      commonName: 'UBND xã Thử Nghiệm',
      issuer: intermediate,
      notBefore: FROM,
      days: 365,
      keyType: 'ec',
      crlUrl: CRL_URL,
    });
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Giay xac nhan');
    underIntermediate = await signPdf(
      await doc.save({ useObjectStreams: false }),
      keyObjectSigner(leaf.privateKey, leaf.certificate, [intermediate.certificate]),
      { signingTime: SIGNED_AT },
    );
  });

  it('makes every signature under an intermediate revoked before the signing time revoked, naming the intermediate', async () => {
    const rootCrl = await issueCrl(root, new Date('2026-03-05T00:00:00Z'), [
      { certificate: intermediate.certificate, at: new Date('2026-02-20T00:00:00Z') },
    ]);
    const result = await verify([rootCrl, await cleanIntermediateCrl()]);
    expect(result.valid).toBe(false);
    const [check] = result.signatures;
    expect(check!.revocation).toEqual({ status: 'revoked', revokedAt: '2026-02-20T00:00:00.000Z', certificate: intermediateAs() });
    expect(check!.reasons).toEqual([
      {
        code: 'SIG_CERT_REVOKED',
        message: errorMessage('SIG_CERT_REVOKED', { certificate: label('CA trung gian thử nghiệm'), time: '2026-02-20 07:00' }),
      },
    ]);
    expect(check!.revocationChain.map((link) => [link.certificate.position, link.revocation.status])).toEqual([
      ['signer', 'good'],
      ['intermediate', 'revoked'],
    ]);
  });

  it('keeps the signature valid when the intermediate was revoked after the signing time, and says so', async () => {
    const rootCrl = await issueCrl(root, new Date('2026-04-01T00:00:00Z'), [
      { certificate: intermediate.certificate, at: new Date('2026-03-10T00:00:00Z') },
    ]);
    const result = await verify([rootCrl, await cleanIntermediateCrl()]);
    expect(result.valid).toBe(true);
    expect(result.signatures[0]!.revocation).toEqual({
      status: 'revokedAfterSigning',
      revokedAt: '2026-03-10T00:00:00.000Z',
      certificate: intermediateAs(),
    });
    expect(result.signatures[0]!.notes).toEqual([
      {
        code: 'SIG_REVOKED_AFTER_SIGNING',
        message: errorMessage('SIG_REVOKED_AFTER_SIGNING', { certificate: label('CA trung gian thử nghiệm'), time: '2026-03-10 07:00' }),
      },
    ]);
  });

  it('says good when the root CRL does not list the intermediate and the intermediate CRL does not list the signer', async () => {
    const rootCrl = await issueCrl(root, new Date('2026-03-04T00:00:00Z'), [{ certificate: forgedRoot.certificate, at: FROM }]);
    const result = await verify([rootCrl, await cleanIntermediateCrl()]);
    expect(result.valid).toBe(true);
    expect(result.signatures[0]!.revocation).toEqual({ status: 'good', crlThisUpdate: '2026-03-04T00:00:00.000Z' });
    expect(result.signatures[0]!.notes).toEqual([]);
  });

  it('notes the intermediate "not checked" when only the signer’s CRL is at hand', async () => {
    const result = await verify([await cleanIntermediateCrl()]);
    expect(result.valid).toBe(true);
    expect(result.signatures[0]!.revocation).toEqual({ status: 'unchecked', hasDistributionPoint: true, certificate: intermediateAs() });
    expect(result.signatures[0]!.notes).toEqual([
      {
        code: 'SIG_REVOCATION_UNCHECKED',
        message: errorMessage('SIG_REVOCATION_UNCHECKED', { certificate: label('CA trung gian thử nghiệm') }),
      },
    ]);
  });

  it('ignores a CRL revoking the intermediate under the root’s name that the root did not sign', async () => {
    const forged = await issueCrl(forgedRoot, new Date('2026-03-05T00:00:00Z'), [{ certificate: intermediate.certificate, at: FROM }]);
    const result = await verify([forged, await cleanIntermediateCrl()]);
    expect(result.valid).toBe(true);
    expect(result.signatures[0]!.reasons).toEqual([]);
    expect(result.signatures[0]!.revocation).toMatchObject({ status: 'unchecked', certificate: { position: 'intermediate' } });
  });

  it('judges by the signing time whatever the verification time: a CRL past its nextUpdate still decides, for the signer and the intermediate', async () => {
    // Both CRLs are issued on 2026-03-05 with a nextUpdate a week later; the counter verifies in 2026 and years on.
    const rootCrl = await issueCrl(root, new Date('2026-03-05T00:00:00Z'), [
      { certificate: intermediate.certificate, at: new Date('2026-02-20T00:00:00Z') },
    ]);
    const leafCrl = await issueCrl(intermediate, new Date('2026-03-05T00:00:00Z'), [
      { certificate: leaf.certificate, at: new Date('2026-02-25T00:00:00Z') },
    ]);
    const cleanRootCrl = await issueCrl(root, new Date('2026-03-05T00:00:00Z'), []);
    const at = async (now: string) => {
      vi.useFakeTimers({ toFake: ['Date'], now: new Date(now) });
      try {
        const revoked = (await verify([rootCrl, leafCrl])).signatures[0]!;
        const clean = (await verify([cleanRootCrl, await cleanIntermediateCrl()])).signatures[0]!;
        return { revoked: [revoked.valid, revoked.revocationChain.map((link) => link.revocation.status)], clean: clean.revocation };
      } finally {
        vi.useRealTimers();
      }
    };
    const fresh = await at('2026-03-06T00:00:00Z');
    expect(fresh).toEqual({
      revoked: [false, ['revoked', 'revoked']],
      clean: { status: 'good', crlThisUpdate: '2026-03-05T00:00:00.000Z' },
    });
    expect(await at('2031-06-01T00:00:00Z')).toEqual(fresh);
  });
});
