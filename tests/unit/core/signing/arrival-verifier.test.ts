import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FileStore } from '../../../../electron/core/platform/file-store';
import { ArrivalVerifier, type VerificationStore } from '../../../../electron/core/signing/arrival-verifier';
import { keyObjectSigner } from '../../../../electron/core/signing/keys/p12-key';
import { signPdf } from '../../../../electron/core/signing/pades-signer';
import { trustFingerprint, type TrustMaterial } from '../../../../electron/core/signing/verify/trust-anchors';
import { errorMessage, formatMessage, uiText } from '../../../../shared/i18n/vi';
import type { SignatureVerdict } from '../../../../shared/signing/verdict';
import { tempDir } from '../../../helpers/test-core';
import { issueCertificate, issueCrl, type TestIdentity } from '../../../helpers/test-pki';

/** Verify on arrival (docs/devices.md §7.4): once per file, kept with it, made again when the trust material changes. */
const FROM = new Date('2026-01-01T00:00:00Z');
const SIGNED_AT = new Date('2026-03-02T03:00:00Z');
let dir: string;
let files: FileStore;
let ca: TestIdentity;
let signer: TestIdentity;
let signedSha: string;

function material(anchors: Uint8Array[], crls: Uint8Array[] = []): TrustMaterial {
  return { anchors, crls, fingerprint: trustFingerprint(anchors, crls) };
}

function verifier(trust: () => TrustMaterial) {
  const kept = new Map<string, { trustFingerprint: string; verdict: SignatureVerdict; verifiedAt: string }>();
  const writes: string[] = [];
  const verifications: VerificationStore = {
    find: (sha256) => kept.get(sha256),
    put: (sha256, verification) => {
      writes.push(sha256);
      kept.set(sha256, verification);
    },
  };
  const arrivals = new ArrivalVerifier({ files, verifications, trust: async () => trust(), clock: { now: () => SIGNED_AT } });
  return { arrivals, kept, writes };
}

beforeAll(async () => {
  dir = tempDir();
  files = new FileStore(dir);
  ca = await issueCertificate({ commonName: 'CA thử nghiệm', isCa: true, notBefore: FROM, days: 3650, keyType: 'ec' });
  signer = await issueCertificate({
    commonName: 'Sở Xây dựng',
    issuer: ca,
    notBefore: FROM,
    days: 365,
    keyType: 'ec',
    crlUrl: 'http://crl.example/ca.crl',
  });
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Giay phep xay dung');
  const signed = await signPdf(await doc.save({ useObjectStreams: false }), keyObjectSigner(signer.privateKey, signer.certificate, []), {
    signingTime: SIGNED_AT,
  });
  signedSha = files.put(signed).sha256;
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('signature verdicts made when a file arrives', () => {
  it('checks a file once when it arrives and answers later asks from the kept verdict', async () => {
    const { arrivals, kept, writes } = verifier(() => material([ca.certificate]));
    const first = await arrivals.arrived(signedSha);
    expect(first).toMatchObject({ signed: true, valid: true, signatures: [{ signerName: 'Sở Xây dựng', revocation: 'unchecked' }] });
    expect(first.signatures[0]!.notes).toEqual([
      errorMessage('SIG_REVOCATION_UNCHECKED', { certificate: formatMessage(uiText.signing.certificateOfSigner, { name: 'Sở Xây dựng' }) }),
    ]);
    expect(kept.get(signedSha)?.verifiedAt).toBe(SIGNED_AT.toISOString());
    expect(await arrivals.verdict(signedSha)).toEqual(first);
    expect(await arrivals.verdicts([signedSha, signedSha])).toEqual(new Map([[signedSha, first]]));
    expect(writes).toEqual([signedSha]);
  });

  it('checks again when the admin imports other anchors or a CRL, and keeps the new verdict', async () => {
    let trust = material([]);
    const { arrivals, writes } = verifier(() => trust);
    expect((await arrivals.arrived(signedSha)).signatures[0]!.reasons).toEqual([errorMessage('SIG_NO_TRUST_ANCHORS')]);
    trust = material([ca.certificate]);
    expect((await arrivals.verdict(signedSha)).valid).toBe(true);
    trust = material(
      [ca.certificate],
      [await issueCrl(ca, new Date('2026-03-05T00:00:00Z'), [{ certificate: signer.certificate, at: FROM }])],
    );
    const revoked = await arrivals.verdict(signedSha);
    expect(revoked).toMatchObject({ valid: false, signatures: [{ revocation: 'revoked' }] });
    expect(await arrivals.verdict(signedSha)).toEqual(revoked);
    expect(writes).toHaveLength(3);
  });

  it('makes again a verdict kept under the same anchors before the chain above the signer was checked', async () => {
    const { arrivals, kept, writes } = verifier(() => material([ca.certificate]));
    // The fingerprint as it was made before: the anchors' and CRLs' hashes only, no version of the checks.
    const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
    const before = sha256(`anchor:${sha256(ca.certificate)}\n`);
    const stale: SignatureVerdict = { signed: true, valid: false, signatures: [] };
    kept.set(signedSha, { trustFingerprint: before, verdict: stale, verifiedAt: FROM.toISOString() });
    expect((await arrivals.verdict(signedSha)).valid).toBe(true);
    expect(writes).toEqual([signedSha]);
  });

  it('leaves files not stored here out of a list, and refuses one asked for alone with a stable code', async () => {
    const { arrivals } = verifier(() => material([ca.certificate]));
    const absent = 'a'.repeat(64);
    expect([...(await arrivals.verdicts([absent, signedSha])).keys()]).toEqual([signedSha]);
    await expect(arrivals.verdict(absent)).rejects.toMatchObject({ code: 'SIGN_FILE_MISSING' });
    expect(await arrivals.arrived(files.put(Buffer.from('\x89PNG\r\n\x1a\n')).sha256)).toEqual({
      signed: false,
      valid: false,
      signatures: [],
    });
  });
});
