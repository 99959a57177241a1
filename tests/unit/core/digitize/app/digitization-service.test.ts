import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FileStore } from '../../../../../electron/core/platform/file-store';
import { separatorPayload } from '../../../../../shared/digitize/separator-code';
import { AppError } from '../../../../../shared/ipc/result';
import {
  fakePipeline,
  imagePdf,
  pagePng,
  passThroughCleaner,
  ScriptedBarcodes,
  ScriptedScanner,
  type ScriptedPage,
} from '../../../../helpers/digitize-fakes';
import { CITIZEN, KHAI_SINH, startReception, tempDir, type TestCore } from '../../../../helpers/test-core';

const CLIENT = 'admin-window';
const SCANNER = { kind: 'sane', id: 'test:0' };

let scanner: ScriptedScanner;
let barcodes: ScriptedBarcodes;
let t: TestCore;

async function pages(count: number, from = 0): Promise<ScriptedPage[]> {
  return Promise.all(Array.from({ length: count }, async (_, i) => ({ png: await pagePng(from + i) })));
}

async function openSession(sessionId: string | null = null) {
  return t.must(CLIENT, 'scan.openSession', { sessionId, procedureCode: KHAI_SINH });
}

async function scan(sessionId: string, componentCode: string, batch: ScriptedPage[], extra: Record<string, unknown> = {}) {
  scanner.batches.push(batch.map((p) => barcodes.register(p)));
  return t.must(CLIENT, 'scan.start', { sessionId, componentCode, scanner: SCANNER, ...extra });
}

function slot(list: Array<{ componentCode: string; position: number; id: string }>, code: string) {
  return list.filter((p) => p.componentCode === code).sort((a, b) => a.position - b.position);
}

beforeEach(async () => {
  scanner = new ScriptedScanner();
  barcodes = new ScriptedBarcodes();
  t = await startReception({ digitize: fakePipeline(scanner, barcodes) });
});

afterEach(async () => {
  await t.core.services.digitization.ocrIdle();
  t.core.close();
});

describe('capture into the recovery index', () => {
  it('stores every page, cleans it and sends its thumbnail and quality marks as it arrives', async () => {
    const { sessionId } = await openSession();
    const summary = await scan(sessionId, 'TP01', await pages(3));
    expect(summary).toEqual({ captured: 3, separators: 0, error: null });
    const list = await t.must(CLIENT, 'pages.list', { sessionId });
    expect(slot(list, 'TP01').map((p: any) => p.position)).toEqual([0, 1, 2]);
    for (const page of list) {
      expect(page.state).toBe('cleaned');
      expect(page.quality).toEqual({ score: 90, problems: [] });
      expect(Buffer.from(page.thumbnailBase64, 'base64').subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
    }
    const pageEvents = t.events.filter((e) => e.event === 'scan.page' && e.clientId === CLIENT);
    // Each page is announced when stored (no thumbnail yet) and again when cleaned.
    expect(pageEvents).toHaveLength(6);
    expect((pageEvents[0]!.payload as any).page.state).toBe('captured');
    expect(t.events.some((e) => e.event === 'scan.progress' && (e.payload as any).done === true)).toBe(true);
  });

  it('keeps the pages captured before a jam and reports the fault', async () => {
    const { sessionId } = await openSession();
    scanner.failure = new AppError('SCAN_FAILED', { details: 'kẹt giấy' });
    const summary = await scan(sessionId, 'TP02', await pages(4));
    expect(summary.captured).toBe(4);
    expect(summary.error).toEqual({ code: 'SCAN_FAILED', message: expect.stringContaining('kẹt giấy') });
    expect(slot(await t.must(CLIENT, 'pages.list', { sessionId }), 'TP02')).toHaveLength(4);
  });

  it('flags a blank page and keeps it, so the page count equals the paper', async () => {
    const { sessionId } = await openSession();
    await scan(sessionId, 'TP01', [{ png: await pagePng(1) }, { png: await pagePng(2, { blank: true }) }, { png: await pagePng(3) }]);
    const list = slot(await t.must(CLIENT, 'pages.list', { sessionId }), 'TP01') as any[];
    expect(list.map((p) => p.blank)).toEqual([false, true, false]);
    // Only the two written pages were searched for codes: a blank sheet has none to find.
    expect(barcodes.readCount).toBe(2);
  });

  it('keeps a page cleanup cannot read, marked failed', async () => {
    const { sessionId } = await openSession();
    const clean = passThroughCleaner.clean;
    passThroughCleaner.clean = async () => {
      throw new Error('corrupt image');
    };
    try {
      await scan(sessionId, 'TP01', await pages(1));
    } finally {
      passThroughCleaner.clean = clean;
    }
    const [page] = await t.must(CLIENT, 'pages.list', { sessionId });
    expect(page.state).toBe('failed');
    expect(page.thumbnailBase64).not.toBeNull();
  });

  it('refuses a component the procedure does not have', async () => {
    const { sessionId } = await openSession();
    const result = await t.call(CLIENT, 'scan.start', { sessionId, componentCode: 'XX', scanner: SCANNER });
    expect(result).toMatchObject({ ok: false, error: { code: 'SCAN_COMPONENT_UNKNOWN' } });
  });

  it('finds the open session again for the same officer and procedure', async () => {
    const first = await openSession();
    await scan(first.sessionId, 'TP01', await pages(2));
    const again = await openSession();
    expect(again.sessionId).toBe(first.sessionId);
    expect(again.pages).toHaveLength(2);
  });
});

describe('one ADF batch with separator sheets', () => {
  it('routes pages to the slots the separators name and removes the separators', async () => {
    const { sessionId } = await openSession();
    const body = await pages(5);
    const batch: ScriptedPage[] = [
      body[0]!,
      { png: await pagePng(101), barcodes: [separatorPayload('TP02')] },
      body[1]!,
      body[2]!,
      { png: await pagePng(102), barcodes: [separatorPayload('TP03')] },
      body[3]!,
      body[4]!,
    ];
    const summary = await scan(sessionId, 'TP01', batch);
    expect(summary).toEqual({ captured: 5, separators: 2, error: null });
    const list = await t.must(CLIENT, 'pages.list', { sessionId });
    expect(slot(list, 'TP01')).toHaveLength(1);
    expect(slot(list, 'TP02')).toHaveLength(2);
    expect(slot(list, 'TP03')).toHaveLength(2);
    expect(t.events.filter((e) => e.event === 'scan.page' && (e.payload as any).removed)).toHaveLength(2);
  });

  it('keeps a page whose QR is not a separator of this procedure', async () => {
    const { sessionId } = await openSession();
    const summary = await scan(sessionId, 'TP01', [{ png: await pagePng(7), barcodes: [separatorPayload('KHONG_CO')] }]);
    expect(summary.captured).toBe(1);
    expect(slot(await t.must(CLIENT, 'pages.list', { sessionId }), 'TP01')).toHaveLength(1);
  });

  it('prints one separator sheet per component of the checklist', async () => {
    const result = await t.must(CLIENT, 'scan.separatorSheets', { procedureCode: KHAI_SINH });
    expect(Buffer.from(result.pdfBase64, 'base64').subarray(0, 5).toString()).toBe('%PDF-');
    const html = t.pdf.rendered.at(-1)!.html;
    expect(html.match(/class="sheet"/g)?.length).toBeGreaterThanOrEqual(3);
    expect(html).toContain('TP02');
    expect(t.pdf.rendered.at(-1)!.pageSize).toBe('A4');
  });
});

describe('page editor', () => {
  it('rotates, reorders, inserts, moves and deletes pages', async () => {
    const { sessionId } = await openSession();
    await scan(sessionId, 'TP01', await pages(3));
    let list = slot(await t.must(CLIENT, 'pages.list', { sessionId }), 'TP01') as any[];
    const [a, b, c] = list;

    const rotated = await t.must(CLIENT, 'pages.rotate', { pageId: b.id, quarterTurns: 1 });
    expect(rotated.rotation).toBe(1);
    expect(rotated.thumbnailBase64).not.toBe(b.thumbnailBase64);
    const image = await t.must(CLIENT, 'pages.image', { pageId: b.id });
    const { width, height } = await (await import('sharp')).default(Buffer.from(image.base64, 'base64')).metadata();
    expect(width).toBeGreaterThan(height);

    list = slot(await t.must(CLIENT, 'pages.reorder', { sessionId, componentCode: 'TP01', pageIds: [c.id, a.id, b.id] }), 'TP01');
    expect(list.map((p) => p.id)).toEqual([c.id, a.id, b.id]);

    await scan(sessionId, 'TP01', await pages(1, 50), { insertAt: 1 });
    list = slot(await t.must(CLIENT, 'pages.list', { sessionId }), 'TP01');
    expect(list).toHaveLength(4);
    expect(list[0]!.id).toBe(c.id);
    expect([list[2]!.id, list[3]!.id]).toEqual([a.id, b.id]);

    list = await t.must(CLIENT, 'pages.move', { sessionId, pageIds: [a.id], toComponent: 'TP02' });
    expect(slot(list, 'TP02').map((p) => p.id)).toEqual([a.id]);

    await t.must(CLIENT, 'pages.remove', { pageId: c.id });
    expect(slot(await t.must(CLIENT, 'pages.list', { sessionId }), 'TP01')).toHaveLength(2);
  });

  it('refuses a reorder that does not name exactly the slot’s pages', async () => {
    const { sessionId } = await openSession();
    await scan(sessionId, 'TP01', await pages(2));
    const [first] = slot(await t.must(CLIENT, 'pages.list', { sessionId }), 'TP01');
    const result = await t.call(CLIENT, 'pages.reorder', { sessionId, componentCode: 'TP01', pageIds: [first!.id] });
    expect(result).toMatchObject({ ok: false, error: { code: 'SCAN_REORDER_MISMATCH' } });
  });

  it('suggests the ID number, name and birth date read by OCR, once each', async () => {
    const { sessionId } = await openSession();
    await scan(sessionId, 'TP01', await pages(2));
    await t.core.services.digitization.ocrIdle();
    const suggestions = await t.must(CLIENT, 'pages.suggestions', { sessionId });
    expect(suggestions.map((s: any) => [s.field, s.value])).toEqual([
      ['idNumber', '038190012345'],
      ['fullName', 'NGUYỄN THỊ HỒNG NHUNG'],
      ['dateOfBirth', '1990-05-14'],
    ]);
    expect(t.events.filter((e) => e.event === 'ocr.progress')).toHaveLength(2);
  });
});

describe('accepting a dossier with scanned pages', () => {
  async function acceptWithPages() {
    const { sessionId } = await openSession();
    await scan(sessionId, 'TP01', await pages(3));
    await scan(sessionId, 'TP02', await pages(2, 10));
    await t.core.services.digitization.ocrIdle();
    const list = slot(await t.must(CLIENT, 'pages.list', { sessionId }), 'TP01');
    await t.must(CLIENT, 'pages.rotate', { pageId: list[1]!.id, quarterTurns: -1 });
    const draft = {
      procedureCode: KHAI_SINH,
      owner: CITIZEN,
      components: [
        { code: 'TP01', state: 'missing' },
        { code: 'TP02', state: 'missing' },
      ],
    };
    const accepted = await t.must(CLIENT, 'pages.accept', { sessionId, draft });
    return { sessionId, accepted };
  }

  it('assembles one PDF per component with metadata and attaches it in place of the pages', async () => {
    imagePdf.assembled.length = 0;
    const { accepted, sessionId } = await acceptWithPages();
    const files = t.core.database.sqlite
      .prepare(`SELECT component_code, media_type, sha256 FROM component_files WHERE dossier_id = ? ORDER BY component_code`)
      .all(accepted.dossier.id) as any[];
    expect(files.map((f) => [f.component_code, f.media_type])).toEqual([
      ['TP01', 'application/pdf'],
      ['TP02', 'application/pdf'],
    ]);
    const tp01 = imagePdf.assembled.find((a) => a.metadata.componentCode === 'TP01')!;
    expect(tp01.pages).toHaveLength(3);
    expect(tp01.metadata).toMatchObject({
      dossierCode: accepted.dossier.code,
      ownerIdNumber: CITIZEN.idNumber,
      officer: 'Nguyễn Thị Quản Trị',
      appVersion: '0.0.0-test',
    });
    // The page turned a quarter left is landscape in the PDF, and its OCR boxes turned with it.
    expect(tp01.pages[1]!.widthPx).toBeGreaterThan(tp01.pages[1]!.heightPx);
    expect(tp01.pages[1]!.ocr!.words[0]!.box.y1).toBeLessThanOrEqual(tp01.pages[1]!.heightPx);

    const pdfFile = path.join(tempDir(), 'tp01.pdf');
    fs.writeFileSync(pdfFile, new FileStore(t.dataDir).read(files[0].sha256));
    expect(execFileSync('pdfinfo', [pdfFile], { encoding: 'utf8' })).toMatch(/Pages:\s+3/);

    const outbox = t.core.database.sqlite
      .prepare(`SELECT kind, payload FROM outbox WHERE dossier_id = ? ORDER BY seq`)
      .all(accepted.dossier.id) as any[];
    expect(outbox.map((o) => o.kind)).toEqual(['dossier.received', 'dossier.filesAttached']);
    expect(JSON.parse(outbox[1].payload).files.map((f: any) => [f.componentCode, f.pageCount])).toEqual([
      ['TP01', 3],
      ['TP02', 2],
    ]);
    const states = t.core.database.sqlite
      .prepare(`SELECT component_code, state, page_count FROM component_digitization WHERE dossier_id = ? ORDER BY component_code`)
      .all(accepted.dossier.id);
    expect(states).toEqual([
      { component_code: 'TP01', state: 1, page_count: 3 },
      { component_code: 'TP02', state: 1, page_count: 2 },
      { component_code: 'TP03', state: 0, page_count: 0 },
      { component_code: 'TP04', state: 0, page_count: 0 },
      { component_code: 'TP05', state: 0, page_count: 0 },
    ]);
    const edit = await t.call(CLIENT, 'pages.rotate', {
      pageId: (await t.must(CLIENT, 'pages.list', { sessionId }))[0].id,
      quarterTurns: 1,
    });
    expect(edit).toMatchObject({ ok: false, error: { code: 'SCAN_SESSION_CLOSED' } });
  });

  it('offers the owner’s digitized documents for reuse and attaches one by reference', async () => {
    const { accepted } = await acceptWithPages();
    const reusable = await t.must(CLIENT, 'pages.reusable', { ownerIdNumber: CITIZEN.idNumber });
    expect(reusable.map((r: any) => r.componentCode).sort()).toEqual(['TP01', 'TP02']);
    const tp02 = reusable.find((r: any) => r.componentCode === 'TP02');

    const { sessionId } = await openSession();
    await scan(sessionId, 'TP01', await pages(1, 30));
    const draft = {
      procedureCode: KHAI_SINH,
      owner: CITIZEN,
      components: [
        { code: 'TP01', state: 'missing' },
        { code: 'TP02', state: 'reused', reuseRef: `${accepted.dossier.code}/TP02` },
      ],
    };
    const second = await t.must(CLIENT, 'pages.accept', { sessionId, draft });
    const reused = t.core.database.sqlite
      .prepare(`SELECT state, sha256, reused_from_dossier_id FROM component_digitization WHERE dossier_id = ? AND component_code = 'TP02'`)
      .get(second.dossier.id);
    expect(reused).toEqual({ state: 2, sha256: tp02.sha256, reused_from_dossier_id: accepted.dossier.id });
    const attached = t.core.database.sqlite
      .prepare(`SELECT sha256 FROM component_files WHERE dossier_id = ? AND component_code = 'TP02'`)
      .pluck()
      .all(second.dossier.id);
    expect(attached).toEqual([tp02.sha256]);
  });

  it('counts dossiers, submitted components, pages and the digitized share per day, officer and procedure (by name)', async () => {
    await acceptWithPages();
    const day = t.clock.now().toISOString().slice(0, 10);
    const rows = await t.must(CLIENT, 'digitization.stats', { fromDate: day, toDate: day });
    // Khai sinh lists 5 components; the citizen handed in 2 and both were scanned: 100 %, not 40 %.
    expect(rows).toEqual([
      {
        day,
        officer: 'Nguyễn Thị Quản Trị',
        procedureCode: KHAI_SINH,
        procedureName: expect.stringContaining('khai sinh'),
        dossiers: 1,
        components: 2,
        digitizedComponents: 2,
        // Not signed yet: a scan alone is not reported to DVCQG as digitized (docs/devices.md §7.6).
        signedComponents: 0,
        reusedComponents: 0,
        reusedFromResultComponents: 0,
        pages: 5,
        digitizedShare: 1,
      },
    ]);
    const bad = await t.call(CLIENT, 'digitization.stats', { fromDate: '2026-12-31', toDate: '2026-01-01' });
    expect(bad).toMatchObject({ ok: false, error: { code: 'DIGITIZE_STATS_RANGE_INVALID' } });
  });
});
