import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { dvcqgDossier } from '../../central/dvcqg';
import { createEnrolmentCode } from '../../central/enrolment';
import { ComponentSigningRepository } from '../../db/repositories/component-signing-repository';
import { OutboxRepository } from '../../db/repositories/outbox-repository';
import { DossierSigningService } from '../../electron/core/signing/dossier-signing-service';
import { openSigningKey } from '../../electron/core/signing/open-signing-key';
import { AppError } from '../../shared/ipc/result';
import { gatewayStats } from '../../central/stats';
import { eq } from 'drizzle-orm';
import fs from 'node:fs';
import path from 'node:path';
import { dossierFiles } from '../../central/db/schema';
import { gatewayReportFacts } from '../../central/reports/report-facts';
import { TRUST_ANCHOR_DIR } from '../../electron/core/signing/verify/trust-anchors';
import { FileStore } from '../../electron/core/platform/file-store';
import { verifyPdfSignatures } from '../../electron/core/signing/verify/verify-pdf-signatures';
import { createSync } from '../../electron/core/sync';
import { newId } from '../../electron/core/platform/uuid-ids';
import { createSoftHsmToken, SOFTHSM_MODULE, type SoftHsmToken } from '../helpers/softhsm';
import { CITIZEN, KHAI_SINH, SITE, startReception, type TestCore } from '../helpers/test-core';
import { testCaAndSigner, type TestIdentity } from '../helpers/test-pki';
import { startGateway, type Gateway } from './gateway-fixture';

/**
 * Issue 16 §3 end to end: a component digitized at the counter reaches DVCQG as digitized
 * (DuocSoHoa 1) only once the batch is signed with the unit's token and synced.
 */
let gateway: Gateway;
let token: SoftHsmToken;
let ca: TestIdentity;
let t: TestCore;
let sync: ReturnType<typeof createSync>;

async function componentPdf(text: string): Promise<string> {
  const doc = await PDFDocument.create();
  doc.addPage().drawText(text);
  return Buffer.from(await doc.save({ useObjectStreams: false })).toString('base64');
}

beforeAll(async () => {
  const pki = await testCaAndSigner(new Date('2026-01-01T00:00:00Z'), 'UBND xã Thử Nghiệm');
  ca = pki.ca;
  token = createSoftHsmToken(pki.signer, [ca.certificate], 'quay-mot-cua');
  gateway = await startGateway();
}, 60_000);

afterAll(async () => {
  t?.core.close();
  await gateway?.close();
  token?.remove();
});

describe('signing the digitized components of a dossier with the unit token', () => {
  it('reports DuocSoHoa 0 before signing and 1 after the signed batch is synced', async () => {
    t = await startReception();
    sync = createSync({ database: t.core.database, dataDir: t.dataDir, clock: t.clock, timeoutMs: 5_000 });
    const { engine, client } = sync;
    const { code: enrolment } = await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: 'Quầy 1' });
    await client.enroll(gateway.url, enrolment, 'Quầy 1');
    const files = [];
    for (const name of ['to-khai', 'giay-chung-sinh'])
      files.push(await t.must('admin-window', 'reception.storeFile', { fileName: `${name}.pdf`, dataBase64: await componentPdf(name) }));
    const { dossier } = await t.must('admin-window', 'reception.accept', {
      draft: {
        procedureCode: KHAI_SINH,
        owner: CITIZEN,
        components: [
          { code: 'TP01', state: 'attached', files: [files[0]] },
          { code: 'TP02', state: 'attached', files: [files[1]] },
        ],
      },
    });
    await engine.pushOnce();
    const before = (await dvcqgDossier(gateway.database.db, dossier.code, gateway.url)).DongBoHoSoMC.TaiLieuNop;
    expect(before.map((f) => [f.MaThanhPhanHoSo, f.IsDeleted, f.DuocSoHoa])).toEqual([
      ['TP01', 'False', '0'],
      ['TP02', 'False', '0'],
    ]);
    expect((await gatewayStats(gateway.database.db)).perAgency[SITE.agencyCode]).toMatchObject({ files: 2, signedFiles: 0 });
    expect(await t.must('admin-window', 'signing.status', { dossierId: dossier.id })).toEqual([
      { componentCode: 'TP01', signedAt: null },
      { componentCode: 'TP02', signedAt: null },
    ]);

    const wrongPin = await t.call('admin-window', 'signing.signDossier', {
      dossierId: dossier.id,
      key: { kind: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: token.label, pin: '000000' },
    });
    expect(wrongPin).toMatchObject({ ok: false, error: { code: 'SIGN_TOKEN_PIN_INCORRECT' } });

    const key = { kind: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: token.label, pin: token.pin };
    expect(await t.must('admin-window', 'signing.signDossier', { dossierId: dossier.id, key })).toEqual({
      signed: ['TP01', 'TP02'],
      failed: [],
    });
    const status = await t.must('admin-window', 'signing.status', { dossierId: dossier.id });
    expect(status.map((s: { signedAt: string | null }) => s.signedAt)).toEqual([t.clock.now().toISOString(), t.clock.now().toISOString()]);
    const day = dossier.receivedLocal.slice(0, 10);
    const [stats] = await t.must('admin-window', 'digitization.stats', { fromDate: day, toDate: day });
    expect(stats).toMatchObject({ digitizedComponents: 2, signedComponents: 2 });
    await engine.pushOnce();

    const after = (await dvcqgDossier(gateway.database.db, dossier.code, gateway.url)).DongBoHoSoMC.TaiLieuNop;
    const current = after.filter((f) => f.IsDeleted === 'False');
    expect(current.map((f) => [f.MaThanhPhanHoSo, f.DuocSoHoa])).toEqual([
      ['TP01', '1'],
      ['TP02', '1'],
    ]);
    // The unsigned scans the signed PDFs replaced are reported deleted, never as digitized.
    expect(after.filter((f) => f.IsDeleted === 'True').map((f) => [f.MaThanhPhanHoSo, f.DuocSoHoa])).toEqual([
      ['TP01', '0'],
      ['TP02', '0'],
    ]);
    expect((await gatewayStats(gateway.database.db)).perAgency[SITE.agencyCode]).toMatchObject({ files: 4, signedFiles: 2 });
    const store = new FileStore(t.dataDir);
    for (const file of current) expect((await verifyPdfSignatures(store.read(file.TepDinhKemId), [ca.certificate])).valid).toBe(true);
    expect(await t.call('admin-window', 'signing.signDossier', { dossierId: dossier.id, key })).toMatchObject({
      ok: false,
      error: { code: 'SIGN_NOTHING_TO_SIGN' },
    });
  }, 60_000);

  it('sends only the PDFs signed before the token was pulled out; the rest stay not yet signed', async () => {
    const { dossier } = await t.must('admin-window', 'reception.accept', {
      draft: {
        procedureCode: KHAI_SINH,
        owner: CITIZEN,
        components: await Promise.all(
          ['TP01', 'TP02'].map(async (code) => ({
            code,
            state: 'attached',
            files: [
              await t.must('admin-window', 'reception.storeFile', {
                fileName: `${code}.pdf`,
                dataBase64: await componentPdf(`${code} again`),
              }),
            ],
          })),
        ),
      },
    });
    const db = t.core.database.db;
    const outbox = new OutboxRepository(db);
    const service = new DossierSigningService({
      signing: new ComponentSigningRepository(db),
      files: new FileStore(t.dataDir),
      outbox,
      audit: { record: vi.fn() } as never,
      clock: t.clock,
      // Command ids as the core makes them: this dossier's commands are pushed by the next test.
      newId,
      transaction: (work) => t.core.database.sqlite.transaction(work).immediate(),
      // The token answers the first signature, then is gone (CKR_DEVICE_REMOVED as the key reports it).
      openKey: async (choice) => {
        const key = await openSigningKey(choice);
        let calls = 0;
        return {
          certificate: key.certificate,
          chain: key.chain,
          algorithm: key.algorithm,
          sign: async (data: Uint8Array) => {
            calls += 1;
            if (calls > 1) throw new AppError('SIGN_TOKEN_REMOVED');
            return key.sign(data);
          },
          close: () => key.close(),
        };
      },
      reason: 'test',
    });
    const result = await service.signDossier(null, dossier.id, {
      kind: 'pkcs11',
      modulePath: SOFTHSM_MODULE,
      tokenLabel: token.label,
      pin: token.pin,
    });
    expect(result.signed).toEqual(['TP01']);
    expect(result.failed).toEqual([{ componentCode: 'TP02', error: expect.objectContaining({ code: 'SIGN_TOKEN_REMOVED' }) }]);
    expect(service.status(dossier.id).map((s) => [s.componentCode, s.signedAt !== null])).toEqual([
      ['TP01', true],
      ['TP02', false],
    ]);
    const sent = t.core.database.sqlite
      .prepare(`SELECT payload FROM outbox WHERE dossier_id = ? AND kind = 'dossier.filesAttached'`)
      .pluck()
      .all(dossier.id) as string[];
    expect(
      sent.map((p) => JSON.parse(p).files.map((f: { componentCode: string; signed: boolean }) => [f.componentCode, f.signed])),
    ).toEqual([[['TP01', true]]]);
  }, 60_000);
  it('carries the signed state of results signed at the return desk to the gateway, its statistics and its report', async () => {
    // The province's root CA is data in the data folder, against which the counter checks the result it hands over.
    fs.mkdirSync(path.join(t.dataDir, TRUST_ANCHOR_DIR), { recursive: true });
    fs.writeFileSync(path.join(t.dataDir, TRUST_ANCHOR_DIR, 'root.cer'), ca.certificate);
    const { dossier } = await t.must('admin-window', 'reception.accept', {
      draft: {
        procedureCode: KHAI_SINH,
        owner: CITIZEN,
        components: [
          { code: 'TP01', state: 'waived', waiveReason: 'Đã có bản điện tử' },
          { code: 'TP02', state: 'waived', waiveReason: 'Đã có bản điện tử' },
        ],
      },
    });
    const scanned = [];
    for (const name of ['giay-khai-sinh', 'trich-luc'])
      scanned.push(await t.must('admin-window', 'reception.storeFile', { fileName: `${name}.pdf`, dataBase64: await componentPdf(name) }));
    const key = { kind: 'pkcs11', modulePath: SOFTHSM_MODULE, tokenLabel: token.label, pin: token.pin };
    const { signed } = await t.must('admin-window', 'signing.signFiles', {
      files: [{ sha256: scanned[0].sha256, fileName: scanned[0].fileName }],
      purpose: 'result',
      key,
    });
    expect(signed).toHaveLength(1);
    // Everything before the hand-over is at the gateway, so the figures below move by the results alone.
    await sync.engine.pushOnce();
    const before = (await gatewayStats(gateway.database.db)).perAgency[SITE.agencyCode]!;
    await t.must('admin-window', 'dossier.markReturned', {
      dossierId: dossier.id,
      collectorName: CITIZEN.fullName,
      note: '',
      results: [
        { name: 'Giấy khai sinh', file: signed[0].file },
        { name: 'Trích lục khai sinh', file: scanned[1] },
      ],
      confirmUnsettled: { reason: 'Trả theo đề nghị của người dân' },
    });
    await sync.engine.pushOnce();

    const rows = await gateway.database.db
      .select({ component: dossierFiles.componentCode, sha256: dossierFiles.sha256, signed: dossierFiles.signed })
      .from(dossierFiles)
      .where(eq(dossierFiles.dossierCode, dossier.code));
    expect(rows.map((r) => [r.component, r.sha256, r.signed]).sort()).toEqual([
      ['KQ1', signed[0].file.sha256, true],
      ['KQ2', scanned[1].sha256, false],
    ]);
    expect((await gatewayStats(gateway.database.db)).perAgency[SITE.agencyCode]).toMatchObject({
      files: before.files + 2,
      signedFiles: before.signedFiles + 1,
    });
    const fact = (await gatewayReportFacts(gateway.database.db, SITE.agencyCode)).find((f) => f.code === dossier.code);
    expect(fact).toMatchObject({ resultsDigitized: 2, componentsSigned: 0 });
  }, 60_000);
});
