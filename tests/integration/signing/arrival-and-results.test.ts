import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditService } from '../../../electron/core/audit/audit-service';
import { FileStore } from '../../../electron/core/platform/file-store';
import { ArrivalVerifier } from '../../../electron/core/signing/arrival-verifier';
import { DossierSigningService, type DossierSigningDeps } from '../../../electron/core/signing/dossier-signing-service';
import { keyObjectSigner } from '../../../electron/core/signing/keys/p12-key';
import { signPdf } from '../../../electron/core/signing/pades-signer';
import { trustFingerprint } from '../../../electron/core/signing/verify/trust-anchors';
import type { SignatureVerdict } from '../../../shared/signing/verdict';
import { issueCertificate, testCaAndSigner, type TestIdentity } from '../../helpers/test-pki';

/**
 * Issue 16 §3-4 through the signing service: the badge's verdict on a stored PDF that came in, and the
 * signing hook for results digitized at the return desk. One CA and key pair for the file.
 */
const SIGNED_AT = new Date('2026-03-02T03:00:00Z');
let dir: string;
let ca: TestIdentity;
let signer: TestIdentity;
let stranger: TestIdentity;
let files: FileStore;
let anchors: Uint8Array[];
let audited: Array<{ action: string; details: unknown }>;
let service: DossierSigningService;
let arrivals: ArrivalVerifier;
let unsigned: { sha256: string; bytes: number };

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-arrival-'));
  ({ ca, signer } = await testCaAndSigner(new Date('2026-01-01T00:00:00Z'), 'Sở Tư pháp tỉnh Thử Nghiệm'));
  stranger = await issueCertificate({ commonName: 'Người lạ', notBefore: new Date('2026-01-01T00:00:00Z'), days: 365 });
  files = new FileStore(dir);
  anchors = [ca.certificate];
  audited = [];
  const doc = await PDFDocument.create();
  doc.addPage().drawText('Giay khai sinh');
  unsigned = files.put(await doc.save({ useObjectStreams: false }));
  const deps: DossierSigningDeps = {
    signing: {} as DossierSigningDeps['signing'],
    files,
    outbox: {} as DossierSigningDeps['outbox'],
    audit: {
      record: (_actor: unknown, action: string, _subject: unknown, details: unknown) => audited.push({ action, details }),
    } as unknown as AuditService,
    clock: { now: () => SIGNED_AT },
    newId: () => 'id',
    transaction: (work) => work(),
    openKey: async () => keyObjectSigner(signer.privateKey, signer.certificate, [ca.certificate]),
    reason: 'test',
  };
  service = new DossierSigningService(deps);
  const kept = new Map<string, { trustFingerprint: string; verdict: SignatureVerdict }>();
  arrivals = new ArrivalVerifier({
    files,
    verifications: { find: (sha256) => kept.get(sha256), put: (sha256, verification) => kept.set(sha256, verification) },
    trust: async () => ({ anchors, crls: [], fingerprint: trustFingerprint(anchors, []) }),
    clock: { now: () => SIGNED_AT },
  });
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('signatures of PDFs that arrive, and results signed at the return desk', () => {
  it('signs a result in one session and stores the signed copy beside the scan; the badge names the signer', async () => {
    const outcome = await service.signStoredFiles(
      'a1',
      [{ sha256: unsigned.sha256, fileName: 'ket-qua.pdf' }],
      { kind: 'p12', path: 'x', password: 'y' },
      'result',
    );
    expect(outcome.failed).toEqual([]);
    expect(outcome.signed).toEqual([
      {
        from: unsigned.sha256,
        file: {
          sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
          fileName: 'ket-qua.pdf',
          mediaType: 'application/pdf',
          bytes: expect.any(Number),
        },
      },
    ]);
    expect(audited).toEqual([{ action: 'document.signed', details: { files: ['ket-qua.pdf'] } }]);
    const verdict = await arrivals.verdict(outcome.signed[0]!.file.sha256);
    expect(verdict).toMatchObject({
      signed: true,
      valid: true,
      signatures: [{ signerName: 'Sở Tư pháp tỉnh Thử Nghiệm', valid: true, reasons: [] }],
    });
    expect(await arrivals.verdict(unsigned.sha256)).toEqual({ signed: false, valid: false, signatures: [] });
  });

  it('gives the reasons in Vietnamese for a byte changed after signing and for a signer outside the trust anchors', async () => {
    const signed = await signPdf(files.read(unsigned.sha256), keyObjectSigner(stranger.privateKey, stranger.certificate, []), {
      signingTime: SIGNED_AT,
    });
    const untrusted = await arrivals.verdict(files.put(signed).sha256);
    expect(untrusted).toMatchObject({ signed: true, valid: false, signatures: [{ signerName: 'Người lạ', valid: false }] });
    expect(untrusted.signatures[0]!.reasons.join(' ')).toMatch(/tin cậy/);

    const good = await signPdf(files.read(unsigned.sha256), keyObjectSigner(signer.privateKey, signer.certificate, [ca.certificate]), {
      signingTime: SIGNED_AT,
    });
    const changed = Buffer.from(good);
    changed[200] = changed[200] === 0x41 ? 0x42 : 0x41;
    const tampered = await arrivals.verdict(files.put(changed).sha256);
    expect(tampered.valid).toBe(false);
    expect(tampered.signatures[0]!.reasons.length).toBeGreaterThan(0);
  });

  it('answers an image as unsigned and a file not in the store with a stable code', async () => {
    expect(await arrivals.verdict(files.put(Buffer.from('\x89PNG\r\n\x1a\n')).sha256)).toEqual({
      signed: false,
      valid: false,
      signatures: [],
    });
    await expect(arrivals.verdict('0'.repeat(64))).rejects.toMatchObject({ code: 'SIGN_FILE_MISSING' });
    await expect(
      service.signStoredFiles(null, [{ sha256: '0'.repeat(64), fileName: 'mat.pdf' }], { kind: 'p12', path: 'x', password: 'y' }, 'result'),
    ).rejects.toMatchObject({ code: 'SIGN_FILE_MISSING' });
  });
});
