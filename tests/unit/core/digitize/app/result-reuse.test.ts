import { PDFDocument } from 'pdf-lib';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fakePipeline, pagePng, ScriptedBarcodes, ScriptedScanner } from '../../../../helpers/digitize-fakes';
import { CITIZEN, KHAI_SINH, startReception, type TestCore } from '../../../../helpers/test-core';

/**
 * Reuse of an earlier dossier's result (TrangThaiSoHoa 3, docs/domain.md §6.2/§6.5) on a populated
 * database: results are kept when handed back, found by the owner's ID number, attached by
 * reference, refused for another owner, synced and counted.
 */
const CLIENT = 'admin-window';
const SCANNER = { kind: 'sane', id: 'test:0' };
const NEIGHBOUR = { ...CITIZEN, fullName: 'Trần Văn Bình', idNumber: '038090054321' };

let scanner: ScriptedScanner;
let barcodes: ScriptedBarcodes;
let t: TestCore;
let nextPage = 0;

async function pdfBase64(pages: number): Promise<string> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < pages; i++) pdf.addPage([595, 842]);
  return Buffer.from(await pdf.save()).toString('base64');
}

/** A dossier received with one scanned page in TP01 and the other slots as the draft says. */
async function receive(
  owner: typeof CITIZEN,
  components: Array<Record<string, unknown>> = [{ code: 'TP02', state: 'waived', waiveReason: 'Đã có bản điện tử' }],
) {
  const { sessionId } = await t.must(CLIENT, 'scan.openSession', { sessionId: null, procedureCode: KHAI_SINH });
  // Each dossier's scan is a different page, so no two dossiers share a file by accident.
  scanner.batches.push([barcodes.register({ png: await pagePng(nextPage++) })]);
  await t.must(CLIENT, 'scan.start', { sessionId, componentCode: 'TP01', scanner: SCANNER });
  await t.core.services.digitization.ocrIdle();
  const draft = { procedureCode: KHAI_SINH, owner, components: [{ code: 'TP01', state: 'missing' }, ...components] };
  return (await t.must(CLIENT, 'pages.accept', { sessionId, draft })).dossier;
}

async function returnWithResult(dossierId: string, name: string, pages: number) {
  const file = await t.must(CLIENT, 'reception.storeFile', { fileName: 'ket-qua.pdf', dataBase64: await pdfBase64(pages) });
  await t.must(CLIENT, 'dossier.markReturned', {
    dossierId,
    collectorName: CITIZEN.fullName,
    results: [{ name, file }],
    confirmUnsettled: { reason: 'Trả theo đề nghị của người dân' },
  });
  return file;
}

const sql = (query: string, ...params: unknown[]) => t.core.database.sqlite.prepare(query).all(...params) as any[];

beforeEach(async () => {
  scanner = new ScriptedScanner();
  barcodes = new ScriptedBarcodes();
  t = await startReception({ digitize: fakePipeline(scanner, barcodes) });
});

afterEach(async () => {
  await t.core.services.digitization.ocrIdle();
  t.core.close();
});

describe('results kept at the return counter', () => {
  it('keeps the result documents with their page count and sends their files with the return', async () => {
    const earlier = await receive(CITIZEN);
    const file = await returnWithResult(earlier.id, 'Giấy khai sinh (bản chính)', 2);
    expect(sql(`SELECT position, name, sha256, media_type, page_count FROM dossier_results WHERE dossier_id = ?`, earlier.id)).toEqual([
      { position: 0, name: 'Giấy khai sinh (bản chính)', sha256: file.sha256, media_type: 'application/pdf', page_count: 2 },
    ]);
    const [returned] = sql(`SELECT payload FROM outbox WHERE dossier_id = ? AND kind = 'dossier.resultReturned'`, earlier.id);
    const payload = JSON.parse(returned.payload);
    expect(payload.files).toEqual([
      { componentCode: 'KQ1', sha256: file.sha256, size: file.bytes, mediaType: 'application/pdf', pageCount: 2, signed: false },
    ]);
    expect(payload.event.payload.results).toEqual([{ name: 'Giấy khai sinh (bản chính)', sha256: file.sha256, pageCount: 2 }]);
  });

  it('refuses a result it cannot read or that has no name, and leaves the dossier unreturned', async () => {
    const earlier = await receive(CITIZEN);
    const broken = await t.must(CLIENT, 'reception.storeFile', {
      fileName: 'hong.pdf',
      dataBase64: Buffer.from('%PDF-1.7\n%%EOF\n').toString('base64'),
    });
    const unreadable = await t.call(CLIENT, 'dossier.markReturned', {
      dossierId: earlier.id,
      collectorName: CITIZEN.fullName,
      results: [{ name: 'Quyết định', file: broken }],
    });
    expect(unreadable).toMatchObject({
      ok: false,
      error: { code: 'RETURN_RESULT_UNREADABLE', message: expect.stringContaining('hong.pdf') },
    });
    const good = await t.must(CLIENT, 'reception.storeFile', { fileName: 'kq.pdf', dataBase64: await pdfBase64(1) });
    const nameless = await t.call(CLIENT, 'dossier.markReturned', {
      dossierId: earlier.id,
      collectorName: CITIZEN.fullName,
      results: [{ name: '  ', file: good }],
    });
    expect(nameless).toMatchObject({ ok: false, error: { code: 'RETURN_RESULT_NAME_REQUIRED' } });
    expect(sql(`SELECT status FROM dossiers WHERE id = ?`, earlier.id)).toEqual([{ status: 2 }]);
    expect(sql(`SELECT count(*) AS n FROM dossier_results`)).toEqual([{ n: 0 }]);
  });
});

describe('components filled with files instead of a scan', () => {
  it('are digitized here with their paper pages, and a single-file one is offered for reuse by the owner’s ID number', async () => {
    const single = await t.must(CLIENT, 'reception.storeFile', { fileName: 'giay-chung-sinh.pdf', dataBase64: await pdfBase64(3) });
    const pages = await Promise.all(
      [pdfBase64(1), pdfBase64(2)].map(async (data, i) =>
        t.must(CLIENT, 'reception.storeFile', { fileName: `trang-${i}.pdf`, dataBase64: await data }),
      ),
    );
    const dossier = await receive(CITIZEN, [
      { code: 'TP02', state: 'attached', files: [single] },
      { code: 'TP05', state: 'attached', files: pages },
    ]);
    expect(
      sql(
        `SELECT component_code, state, sha256, page_count FROM component_digitization WHERE dossier_id = ? AND component_code IN ('TP02', 'TP05') ORDER BY component_code`,
        dossier.id,
      ),
    ).toEqual([
      { component_code: 'TP02', state: 1, sha256: single.sha256, page_count: 3 },
      { component_code: 'TP05', state: 1, sha256: null, page_count: 3 },
    ]);
    const offered = await t.must(CLIENT, 'pages.reusable', { ownerIdNumber: CITIZEN.idNumber });
    expect(offered.map((d: any) => d.ref).sort()).toEqual([`${dossier.code}/TP01`, `${dossier.code}/TP02`]);
    expect(await t.must(CLIENT, 'pages.reusable', { ownerIdNumber: NEIGHBOUR.idNumber })).toEqual([]);

    const later = await receive(CITIZEN, [{ code: 'TP02', state: 'reused', reuseRef: `${dossier.code}/TP02` }]);
    expect(
      sql(`SELECT state, sha256, page_count FROM component_digitization WHERE dossier_id = ? AND component_code = 'TP02'`, later.id),
    ).toEqual([{ state: 2, sha256: single.sha256, page_count: 3 }]);
    expect(sql(`SELECT file_name, media_type FROM component_files WHERE dossier_id = ? AND component_code = 'TP02'`, later.id)).toEqual([
      { file_name: 'giay-chung-sinh.pdf', media_type: 'application/pdf' },
    ]);
    // Reused once, the document is still offered once, from the dossier that digitized it.
    const again = await t.must(CLIENT, 'pages.reusable', { ownerIdNumber: CITIZEN.idNumber });
    expect(again.map((d: any) => d.ref).sort()).toEqual([`${dossier.code}/TP01`, `${dossier.code}/TP02`, `${later.code}/TP01`].sort());
  });
});

describe('reusing an earlier dossier’s result (state 3)', () => {
  it('offers the owner’s results and documents by ID number only, and attaches a result by reference', async () => {
    const earlier = await receive(CITIZEN);
    const result = await returnWithResult(earlier.id, 'Giấy khai sinh (bản chính)', 2);
    const neighbours = await receive(NEIGHBOUR);
    await returnWithResult(neighbours.id, 'Giấy khai sinh của người khác', 1);

    const offered = await t.must(CLIENT, 'pages.reusable', { ownerIdNumber: ` ${CITIZEN.idNumber} ` });
    expect(offered.map((d: any) => [d.source, d.ref, d.name, d.pageCount])).toEqual([
      ['result', `${earlier.code}/KQ1`, 'Giấy khai sinh (bản chính)', 2],
      ['component', `${earlier.code}/TP01`, 'TP01', 1],
    ]);
    expect(offered.every((d: any) => d.dossierCode === earlier.code)).toBe(true);

    const later = await receive(CITIZEN, [{ code: 'TP02', state: 'reused', reuseRef: `${earlier.code}/KQ1`, reuseKind: 'result' }]);
    expect(later.components.find((c: any) => c.code === 'TP02')).toMatchObject({
      state: 'reused',
      digitization: 'reusedFromResult',
      reuseRef: `${earlier.code}/KQ1`,
    });
    expect(
      sql(
        `SELECT state, sha256, page_count, reused_from_dossier_id FROM component_digitization WHERE dossier_id = ? AND component_code = 'TP02'`,
        later.id,
      ),
    ).toEqual([{ state: 3, sha256: result.sha256, page_count: 2, reused_from_dossier_id: earlier.id }]);
    expect(
      sql(`SELECT sha256, file_name, media_type FROM component_files WHERE dossier_id = ? AND component_code = 'TP02'`, later.id),
    ).toEqual([{ sha256: result.sha256, file_name: 'ket-qua.pdf', media_type: 'application/pdf' }]);
    const again = await t.must(CLIENT, 'pages.reusable', { ownerIdNumber: CITIZEN.idNumber });
    expect(again.filter((d: any) => d.sha256 === result.sha256).map((d: any) => d.ref)).toEqual([`${earlier.code}/KQ1`]);
    const [attached] = sql(`SELECT payload FROM outbox WHERE dossier_id = ? AND kind = 'dossier.filesAttached'`, later.id);
    expect(JSON.parse(attached.payload).files).toContainEqual({
      componentCode: 'TP02',
      sha256: result.sha256,
      size: result.bytes,
      mediaType: 'application/pdf',
      pageCount: 2,
    });
  });

  it('records the same states when the dossier is accepted without a scan session', async () => {
    const earlier = await receive(CITIZEN);
    const result = await returnWithResult(earlier.id, 'Giấy khai sinh (bản chính)', 2);
    const form = await t.must(CLIENT, 'reception.storeFile', { fileName: 'to-khai.pdf', dataBase64: await pdfBase64(2) });
    const draft = {
      procedureCode: KHAI_SINH,
      owner: CITIZEN,
      components: [
        { code: 'TP01', state: 'attached', files: [form] },
        { code: 'TP02', state: 'reused', reuseRef: `${earlier.code}/KQ1`, reuseKind: 'result' },
      ],
    };
    const { dossier } = await t.must(CLIENT, 'reception.accept', { draft });
    expect(
      sql(
        `SELECT component_code, state, sha256, page_count FROM component_digitization WHERE dossier_id = ? AND state > 0 ORDER BY component_code`,
        dossier.id,
      ),
    ).toEqual([
      { component_code: 'TP01', state: 1, sha256: form.sha256, page_count: 2 },
      { component_code: 'TP02', state: 3, sha256: result.sha256, page_count: 2 },
    ]);
    expect(sql(`SELECT kind FROM outbox WHERE dossier_id = ? ORDER BY seq`, dossier.id).map((r) => r.kind)).toEqual([
      'dossier.received',
      'dossier.filesAttached',
    ]);
    const refused = await t.call(CLIENT, 'reception.accept', {
      draft: { ...draft, components: [draft.components[0], { ...draft.components[1], reuseRef: `${earlier.code}/KQ9` }] },
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'RECEPTION_REUSE_RESULT_NOT_FOUND' } });
  });

  it('refuses another owner’s result or an unknown one, and records nothing', async () => {
    const neighbours = await receive(NEIGHBOUR);
    await returnWithResult(neighbours.id, 'Giấy khai sinh của người khác', 1);
    const dossiersBefore = sql(`SELECT count(*) AS n FROM dossiers`);
    for (const reuseRef of [`${neighbours.code}/KQ1`, `${neighbours.code}/KQ2`, 'KQ-không-có']) {
      const { sessionId } = await t.must(CLIENT, 'scan.openSession', { sessionId: null, procedureCode: KHAI_SINH });
      const draft = {
        procedureCode: KHAI_SINH,
        owner: CITIZEN,
        components: [
          { code: 'TP01', state: 'waived', waiveReason: 'x' },
          { code: 'TP02', state: 'reused', reuseRef, reuseKind: 'result' },
        ],
      };
      const refused = await t.call(CLIENT, 'pages.accept', { sessionId, draft });
      expect(refused).toMatchObject({
        ok: false,
        error: { code: 'RECEPTION_REUSE_RESULT_NOT_FOUND', message: expect.stringContaining(reuseRef) },
      });
    }
    expect(sql(`SELECT count(*) AS n FROM dossiers`)).toEqual(dossiersBefore);
  });

  it('counts reuse per day, officer and procedure beside dossiers, components, pages and the digitized share', async () => {
    const earlier = await receive(CITIZEN);
    await returnWithResult(earlier.id, 'Giấy khai sinh (bản chính)', 2);
    await receive(CITIZEN, [{ code: 'TP02', state: 'reused', reuseRef: `${earlier.code}/TP01` }]);
    await receive(CITIZEN, [{ code: 'TP02', state: 'reused', reuseRef: `${earlier.code}/KQ1`, reuseKind: 'result' }]);
    const day = t.clock.now().toISOString().slice(0, 10);
    const rows = await t.must(CLIENT, 'digitization.stats', { fromDate: day, toDate: day });
    // 3 dossiers; TP01 scanned in each (1 page), TP02 waived (not counted), reused (2) and reused
    // from a result (3); the optional components nobody handed in are not counted either.
    expect(rows).toEqual([
      {
        day,
        officer: 'Nguyễn Thị Quản Trị',
        procedureCode: KHAI_SINH,
        procedureName: expect.stringContaining('khai sinh'),
        dossiers: 3,
        components: 5,
        digitizedComponents: 5,
        signedComponents: 0,
        reusedComponents: 1,
        reusedFromResultComponents: 1,
        pages: 3,
        digitizedShare: 1,
      },
    ]);
  });
});
