import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore } from '../../../central/blobs';
import { sha256Hex } from '../../../central/credentials';
import { dossierFiles } from '../../../central/db/schema';
import { dvcqgDossier } from '../../../central/dvcqg';
import { createEnrolmentCode } from '../../../central/enrolment';
import { DvcqgClient } from '../../../central/portal/dvcqg-client';
import { pullOnlineSubmissions } from '../../../central/portal/portal-intake';
import { fromVietnamLocal } from '../../../shared/domain/vietnam-time';
import { fakePipeline, imagePdf, pagePng, ScriptedBarcodes, ScriptedScanner } from '../../helpers/digitize-fakes';
import { CITIZEN, FakeClock, KHAI_SINH, SITE, startWithAdmin, type TestCore } from '../../helpers/test-core';
import { DvcqgPortalSimulator, PORTAL_AUTH_PATH, PORTAL_INTEGRATION_PATH } from '../../peers/dvcqg-portal-simulator';
import { startGateway, type Gateway } from '../gateway-fixture';

/**
 * Issue 15 §1, the files of an online dossier end to end in one process: the citizen attaches a PDF at the portal
 * simulator, the gateway's intake fetches it into its blob store, the counter (a full core over HTTP) opens it from
 * the claim, the officer scans a paper supplement for another component and accepts; the received dossier keeps the
 * filed PDF by its hash beside the component PDF assembled from the scanned pages, and DongBoHoSoMC lists both
 * under their catalogue component codes. Every clock is the test's.
 */
const CLIENT = 'w';
const SCANNER = { kind: 'sane', id: 'test:0' };
const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n% to khai cua cong dan\n');
const PORTAL = { username: 'tinh', password: 'mat-khau', dstcode: 'H56', madonvi: '000.00.00.H56' };
const now = fromVietnamLocal('2026-03-09T09:00');

let gateway: Gateway;
let portal: DvcqgPortalSimulator;
let counter: TestCore;
const scanner = new ScriptedScanner();
const barcodes = new ScriptedBarcodes();

beforeAll(async () => {
  gateway = await startGateway({ now: () => now.getTime() });
  portal = await DvcqgPortalSimulator.start({ ...PORTAL, now: () => fromVietnamLocal('2026-03-06T17:20') });
  counter = await startWithAdmin(undefined, fakePipeline(scanner, barcodes), new FakeClock(now));
  await counter.must(CLIENT, 'auth.signIn', { username: 'quantri', password: 'QuanTri2026' });
  await counter.must(CLIENT, 'site.update', SITE);
  const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: 'Quầy 1' });
  await counter.must(CLIENT, 'sync.enroll', { gatewayUrl: gateway.url, code, counterName: 'Quầy 1' });
}, 120_000);

afterAll(async () => {
  await counter?.core.services.digitization.ocrIdle();
  counter?.core.close();
  await portal?.close();
  await gateway?.close();
});

describe('the files of an online dossier, from the portal to DongBoHoSoMC (issue 15 §1)', () => {
  it('are fetched at intake, opened at the counter, kept by the received dossier beside a scanned supplement, and listed to DVCQG', async () => {
    portal.submitOnline({
      MaTTHC: KHAI_SINH,
      ChuHoSo: CITIZEN.fullName,
      SoGiayToChuHoSo: CITIZEN.idNumber,
      LoaiDoiTuong: '1',
      SoDienThoai: '0912345678',
      Email: '',
      MaDoiTuong: 'techid-001',
      TaiLieuNop: [portal.attachFile('TP01', 'to-khai.pdf', PDF)],
    });
    const client = new DvcqgClient({
      adapterUrl: portal.url,
      authPath: PORTAL_AUTH_PATH,
      integrationPath: PORTAL_INTEGRATION_PATH,
      ...PORTAL,
      timeoutMs: 5_000,
      fileBaseUrl: `${gateway.url}/v1/files`,
    });
    const files = { blobs: new BlobStore(gateway.database.db, gateway.blobDir), fetch: { allowPrivateAddresses: true }, now: () => now };
    expect(await pullOnlineSubmissions({ db: gateway.database.db, client, agencyCode: SITE.agencyCode, files }, 0)).toMatchObject({
      taken: 1,
      files: { stored: 1 },
    });

    // The officer claims it and opens the filed PDF: the bytes the citizen attached.
    const [queued] = (await counter.must(CLIENT, 'online.queue', {})).dossiers;
    const claim = await counter.must(CLIENT, 'online.claim', { id: queued.id });
    const [filed] = claim.files;
    expect(filed).toMatchObject({ componentCode: 'TP01', state: 'stored', sha256: sha256Hex(PDF), mediaType: 'application/pdf' });
    const opened = await counter.must(CLIENT, 'online.file', { id: queued.id, sha256: filed.sha256 });
    expect(Buffer.from(opened.dataBase64, 'base64')).toEqual(Buffer.from(PDF));

    // The birth certificate came on paper: scanned into TP02 at the counter, then the dossier is accepted.
    const { sessionId } = await counter.must(CLIENT, 'scan.openSession', { sessionId: null, procedureCode: KHAI_SINH });
    scanner.batches.push([barcodes.register({ png: await pagePng(1) }), barcodes.register({ png: await pagePng(2) })]);
    await counter.must(CLIENT, 'scan.start', { sessionId, componentCode: 'TP02', scanner: SCANNER });
    await counter.core.services.digitization.ocrIdle();
    imagePdf.assembled.length = 0;
    const draft = {
      procedureCode: KHAI_SINH,
      owner: CITIZEN,
      components: [
        {
          code: 'TP01',
          state: 'submittedOnline',
          files: [{ sha256: filed.sha256, fileName: filed.name, mediaType: filed.mediaType, bytes: filed.size }],
        },
        { code: 'TP02', state: 'missing' },
      ],
    };
    const accepted = await counter.must(CLIENT, 'online.accept', { id: queued.id, draft, sessionId });
    const code = accepted.dossier.code as string;
    expect(accepted.dossier.channel).toBe('online');
    expect(accepted.dossier.components.find((c: { code: string }) => c.code === 'TP01')).toMatchObject({ state: 'submittedOnline' });

    // The same assembly as direct reception: one PDF for TP02 from its two pages, in place of the page images.
    expect(imagePdf.assembled.map((a) => [a.metadata.componentCode, a.metadata.dossierCode, a.pages.length])).toEqual([['TP02', code, 2]]);
    const local = counter.core.database.sqlite
      .prepare(`SELECT component_code, media_type, sha256 FROM component_files WHERE dossier_id = ? ORDER BY component_code`)
      .all(accepted.dossier.id) as { component_code: string; media_type: string; sha256: string }[];
    expect(local.map((f) => [f.component_code, f.media_type])).toEqual([
      ['TP01', 'application/pdf'],
      ['TP02', 'application/pdf'],
    ]);
    expect(local[0]!.sha256).toBe(sha256Hex(PDF));

    // At the province: the received dossier's files include the filed PDF, and DongBoHoSoMC lists it by component code.
    await counter.must(CLIENT, 'sync.now', {});
    const atGateway = await gateway.database.db.select().from(dossierFiles).where(eq(dossierFiles.dossierCode, code));
    expect(atGateway.filter((f) => f.componentCode === 'TP01').map((f) => f.sha256)).toEqual([sha256Hex(PDF)]);
    expect(atGateway.some((f) => f.componentCode === 'TP02' && f.sha256 === local[1]!.sha256)).toBe(true);
    const { DongBoHoSoMC } = await dvcqgDossier(gateway.database.db, code, `${gateway.url}/v1/files`);
    expect(DongBoHoSoMC.KenhThucHien).toBe('2');
    const listed = DongBoHoSoMC.TaiLieuNop.filter((f) => f.IsDeleted === 'False');
    expect(listed).toContainEqual(
      expect.objectContaining({
        MaThanhPhanHoSo: 'TP01',
        TepDinhKemId: sha256Hex(PDF),
        DuongDanTaiTepTin: `${gateway.url}/v1/files/${sha256Hex(PDF)}`,
      }),
    );
    expect(listed).toContainEqual(expect.objectContaining({ MaThanhPhanHoSo: 'TP02', TepDinhKemId: local[1]!.sha256 }));
  });
});
