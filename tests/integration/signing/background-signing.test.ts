import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ComponentPdfRow } from '../../../db/repositories/component-signing-repository';
import type { AuditService } from '../../../electron/core/audit/audit-service';
import { FileStore } from '../../../electron/core/platform/file-store';
import { BackgroundSigning } from '../../../electron/core/signing/background-signing';
import { DossierSigningService, type DossierSigningDeps } from '../../../electron/core/signing/dossier-signing-service';
import { keyObjectSigner } from '../../../electron/core/signing/keys/p12-key';
import type { SigningKey } from '../../../electron/core/signing/signing-key';
import { verifyPdfSignatures } from '../../../electron/core/signing/verify/verify-pdf-signatures';
import { AppError } from '../../../shared/ipc/result';
import { testCaAndSigner, type TestIdentity } from '../../helpers/test-pki';

/**
 * Issue 16 §3: signing after the citizen has left. One session opened with the PIN signs the dossiers
 * queued at acceptance; a token that cannot (PIN per signature) is refused; a token pulled out keeps
 * what is left queued. Real PAdES signatures with one test key for the file.
 */
const SIGNED_AT = new Date('2026-03-02T03:00:00Z');
let dir: string;
let ca: TestIdentity;
let signer: TestIdentity;
let files: FileStore;
let rows: Array<ComponentPdfRow & { dossierId: string }>;
let outbox: unknown[];
let service: DossierSigningService;
let opened: number;
let closed: number;
let keyFactory: () => SigningKey;
let deps: DossierSigningDeps;

async function componentPdf(dossierId: string, componentCode: string): Promise<void> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(`${dossierId} ${componentCode}`);
  const stored = files.put(await doc.save({ useObjectStreams: false }));
  rows.push({
    id: `${dossierId}-${componentCode}`,
    dossierId,
    dossierCode: `code-${dossierId}`,
    componentCode,
    sha256: stored.sha256,
    pageCount: 1,
    signedAt: null,
  });
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-background-'));
  ({ ca, signer } = await testCaAndSigner(new Date('2026-01-01T00:00:00Z'), 'UBND xã Nền'));
  files = new FileStore(dir);
  rows = [];
  outbox = [];
  opened = 0;
  closed = 0;
  keyFactory = () => keyObjectSigner(signer.privateKey, signer.certificate, [ca.certificate]);
  deps = {
    signing: {
      pdfs: (dossierId: string) => rows.filter((row) => row.dossierId === dossierId),
      replaceWithSigned: (_dossierId: string, row: ComponentPdfRow, signed: { sha256: string; signedAt: string }) => {
        Object.assign(
          rows.find((candidate) => candidate.id === row.id)!,
          { sha256: signed.sha256, signedAt: signed.signedAt },
        );
      },
    } as unknown as DossierSigningDeps['signing'],
    files,
    outbox: { append: (command: unknown) => outbox.push(command) } as unknown as DossierSigningDeps['outbox'],
    audit: { record: () => undefined } as unknown as AuditService,
    clock: { now: () => SIGNED_AT },
    newId: () => `id-${outbox.length}`,
    transaction: (work) => work(),
    openKey: async () => {
      throw new Error('not used');
    },
    reason: 'Ký số bản sao điện tử thành phần hồ sơ',
  };
  service = new DossierSigningService(deps);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function background(wrap: (key: SigningKey) => SigningKey = (key) => key): BackgroundSigning {
  return new BackgroundSigning({
    signing: service,
    openKey: async () => {
      opened += 1;
      const key = wrap(keyFactory());
      return {
        ...key,
        sign: key.sign,
        close: async () => {
          closed += 1;
          await key.close();
        },
      };
    },
    signerNameOf: async () => 'UBND xã Nền',
  });
}

const PIN = { kind: 'pkcs11' as const, modulePath: '/token.so', pin: '1234' };

describe('signing in the background after the citizen has left', () => {
  it('signs the queued dossiers with one session, and keeps a dossier whose PDFs are not assembled yet', async () => {
    await componentPdf('d1', 'TP01');
    await componentPdf('d1', 'TP02');
    const queue = background();
    await queue.enqueue('d1');
    await queue.enqueue('d2');
    expect(queue.status()).toMatchObject({ active: false, queued: ['d1', 'd2'] });
    expect(rows.every((row) => row.signedAt === null)).toBe(true);

    expect(await queue.start('a1', PIN)).toEqual({ active: true, signerName: 'UBND xã Nền', queued: ['d2'], lastError: null });
    expect(rows.filter((row) => row.dossierId === 'd1').map((row) => row.signedAt)).toEqual([
      SIGNED_AT.toISOString(),
      SIGNED_AT.toISOString(),
    ]);
    expect(outbox).toHaveLength(1);
    for (const row of rows) expect((await verifyPdfSignatures(files.read(row.sha256), [ca.certificate])).valid).toBe(true);

    // d2's PDF arrives after OCR: the open session signs it at the next pass, without the PIN again.
    await componentPdf('d2', 'TP01');
    await queue.drain();
    expect(queue.status().queued).toEqual([]);
    expect(rows.find((row) => row.dossierId === 'd2')!.signedAt).toBe(SIGNED_AT.toISOString());
    expect(opened).toBe(1);
    await queue.stop();
    expect(closed).toBe(1);
    expect(queue.status().active).toBe(false);
  });

  it('refuses a token that asks the PIN for every signature', async () => {
    const queue = background((key) => ({ ...key, allowsBackground: false }));
    await expect(queue.start('a1', PIN)).rejects.toMatchObject({ code: 'SIGN_BACKGROUND_NOT_ALLOWED' });
    expect(queue.status().active).toBe(false);
  });

  it('ends the session when the token is pulled out, keeping the dossier queued with the reason', async () => {
    await componentPdf('d3', 'TP01');
    const queue = background((key) => ({
      ...key,
      sign: async () => {
        throw new AppError('SIGN_TOKEN_REMOVED');
      },
    }));
    await queue.enqueue('d3');
    const status = await queue.start('a1', PIN);
    expect(status).toMatchObject({ active: false, queued: ['d3'], lastError: { code: 'SIGN_TOKEN_REMOVED' } });
    expect(rows.find((row) => row.dossierId === 'd3')!.signedAt).toBeNull();
  });
});

describe('one document in the officer’s open session (receipts and notices of online dossiers, issue 16 §3)', () => {
  async function notice(): Promise<Uint8Array> {
    const doc = await PDFDocument.create();
    doc.addPage().drawText('Phieu tu choi');
    return doc.save({ useObjectStreams: false });
  }

  it('signs with the open session and never asks for a PIN: without a session, or with a failing token, the document comes back unsigned', async () => {
    let pulledOut = false;
    let keysOpened = 0;
    const own = new DossierSigningService({
      ...deps,
      openKey: async () => {
        keysOpened += 1;
        const key = keyFactory();
        return pulledOut
          ? {
              ...key,
              sign: async () => {
                throw new AppError('SIGN_TOKEN_REMOVED');
              },
            }
          : key;
      },
    });
    const pdf = await notice();

    expect(await own.signInSession('a1', pdf, 'refused:TTHC')).toEqual({ pdf, signed: false, error: null });
    expect(keysOpened).toBe(0);

    await own.background.start('a1', PIN);
    const signed = await own.signInSession('a1', pdf, 'refused:TTHC');
    expect(signed.signed).toBe(true);
    const check = await verifyPdfSignatures(signed.pdf, [ca.certificate]);
    expect(check.valid).toBe(true);
    expect(check.signatures).toHaveLength(1);
    expect(keysOpened).toBe(1);
    await own.background.stop();

    pulledOut = true;
    await own.background.start('a1', PIN);
    expect(await own.signInSession('a1', pdf, 'refused:TTHC')).toEqual({
      pdf,
      signed: false,
      error: expect.objectContaining({ code: 'SIGN_TOKEN_REMOVED' }),
    });
    // The token went away: the session is over, as in a pass over the queue.
    expect(own.background.status().active).toBe(false);
  });
});
