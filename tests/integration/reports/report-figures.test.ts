import ExcelJS from 'exceljs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../db/migrate';
import { openDatabase, type SqliteConnection } from '../../../db/open';
import { ReportFactsRepository } from '../../../db/repositories/report-facts-repository';
import type { FormPrintJob } from '../../../electron/core/printing/form-printers/form-printer';
import { ReportService } from '../../../electron/core/reports/report-service';
import { toVietnamLocal } from '../../../shared/domain/vietnam-time';
import { defaultCalendar, workingMinutesBetween, MINUTES_PER_WORKING_DAY } from '../../../shared/domain/working-time';
import type { ReportFigures, ReportFilter } from '../../../shared/reports/report-schema';
import { FakeClock, repoRoot, SITE, tempDir } from '../../helpers/test-core';

/**
 * Issue 18 §1 acceptance: the report's figures equal an independent SQL count over a seeded counter
 * database of 10,000 dossiers across statuses, channels, sectors, officers and periods. The seed is
 * random but fixed (a seeded generator) and written with direct inserts in one transaction.
 */
const DOSSIERS = 10_000;
const SECTORS = ['Hộ tịch', 'Chứng thực', 'Đất đai'];
const OFFICERS = ['lan', 'minh', 'hoa'];
const CHANNELS = ['direct', 'online', 'post'];
const DIGITIZATION = ['digitizedHere', 'reused', 'reusedFromResult', 'notDigitized'];
const RATINGS = ['satisfied', 'neutral', 'dissatisfied'];
const DAY = 86_400_000;
const calendar = defaultCalendar(['2026-09-02', '2026-11-24', '2027-01-01']);

/** Mulberry32: a fixed sequence, so a failure is the same on every run. */
function generator(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let sqlite: SqliteConnection;
let service: ReportService;
const printing: { service: ReportService | null; jobs: FormPrintJob[] } = { service: null, jobs: [] };
const clock = new FakeClock(new Date('2027-01-05T03:00:00.000Z'));

function seed(db: SqliteConnection): void {
  const random = generator(18);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const insertDossier = db.prepare(
    `INSERT INTO dossiers (id, code, procedure_code, status, owner_name, owner_phone, search_text, received_at, received_date, due_local, register_book, register_number, view, updated_at)
     VALUES (?, ?, ?, ?, 'Nguyễn Văn An', '', '', ?, ?, ?, '2026', ?, ?, ?)`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO dossier_events (id, dossier_id, type, status, at, actor_name, payload) VALUES (?, ?, ?, ?, ?, '', '{}')`,
  );
  const insertFile = db.prepare(
    `INSERT INTO component_files (id, dossier_id, component_code, position, sha256, file_name, media_type, bytes, signed_at) VALUES (?, ?, ?, 0, 'x', 'a.pdf', 'application/pdf', 1, ?)`,
  );
  const insertResult = db.prepare(
    `INSERT INTO dossier_results (id, dossier_id, position, name, sha256, file_name, media_type, bytes, page_count, recorded_at) VALUES (?, ?, ?, 'Kết quả', 'x', 'k.pdf', 'application/pdf', 1, 1, ?)`,
  );
  const insertRating = db.prepare(
    `INSERT INTO dossier_ratings (id, dossier_id, stage, rating, reasons, rated_at, counter_id) VALUES (?, ?, 'reception', ?, '[]', ?, NULL)`,
  );
  const start = Date.parse('2026-05-20T00:00:00.000Z');
  const span = clock.now().getTime() - start - 2 * DAY;
  const perDay = new Map<string, number>();
  db.transaction(() => {
    for (let i = 0; i < DOSSIERS; i++) {
      const id = `d${i}`;
      const received = start + Math.floor(random() * span);
      const receivedAt = new Date(received).toISOString();
      const localDate = toVietnamLocal(new Date(received)).slice(0, 10);
      const n = (perDay.get(localDate) ?? 0) + 1;
      perDay.set(localDate, n);
      const code = `${SITE.agencyCode}-${localDate.slice(2).replace(/-/g, '')}-${String(n).padStart(4, '0')}`;
      const due = random() < 0.1 ? null : toVietnamLocal(new Date(received + pick([1, 3, 5, 10, 15]) * DAY));
      const events: [string, number, number][] = [['received', 2, received]];
      const r = random();
      const later = (maxDays: number) => received + Math.floor(random() * maxDays * DAY) + 60_000;
      if (r < 0.2) {
        if (random() < 0.5) events.push(['statusFromProvince', 4, later(5)]);
      } else if (r < 0.3) {
        const asked = later(4);
        events.push(['supplementRequested', 5, asked]);
        if (random() < 0.5) events.push(['supplementReceived', 4, asked + Math.floor(random() * 6 * DAY)]);
      } else if (r < 0.65) {
        const ready = later(20);
        events.push(['statusFromProvince', 9, ready]);
        if (random() < 0.7) events.push(['resultReturned', 10, ready + Math.floor(random() * 3 * DAY)]);
      } else if (r < 0.75) events.push(['refused', 3, later(4)]);
      else if (r < 0.82) events.push(['withdrawn', 7, later(6)]);
      else if (r < 0.85) events.push(['processingStopped', 8, later(6)]);
      else events.push(['resultReturned', 10, later(15)]);
      const kept = events.filter(([, , at]) => at <= clock.now().getTime());
      const components = Array.from({ length: Math.floor(random() * 5) }, () => pick(DIGITIZATION));
      const view = {
        receivedAt,
        channel: pick(CHANNELS),
        dueLocal: due,
        procedure: { code: `1.00${Math.floor(random() * 4)}`, sectorName: pick(SECTORS) },
        officer: { username: pick(OFFICERS) },
        components: components.map((digitization) => ({ digitization })),
      };
      insertDossier.run(
        id,
        code,
        view.procedure.code,
        kept.at(-1)![1],
        receivedAt,
        localDate,
        due,
        i + 1,
        JSON.stringify(view),
        receivedAt,
      );
      kept.forEach(([type, status, at], k) => insertEvent.run(`${id}-e${k}`, id, type, status, new Date(at).toISOString()));
      components.forEach((state, k) => {
        if (state === 'digitizedHere') {
          insertFile.run(`${id}-f${k}`, id, `TP${k}`, null);
          if (random() < 0.6) insertFile.run(`${id}-s${k}`, id, `TP${k}`, receivedAt);
        }
      });
      if (kept.some(([, status]) => status === 10))
        for (let k = 0; k < Math.floor(random() * 3); k++) insertResult.run(`${id}-r${k}`, id, k + 1, receivedAt);
      if (random() < 0.4) insertRating.run(`${id}-rt`, id, pick(RATINGS), new Date(received + 5 * 60_000).toISOString());
    }
  })();
}

beforeAll(() => {
  const opened = openDatabase(path.join(tempDir(), 'quay.sqlite'));
  applyMigrations(opened.sqlite, path.join(repoRoot, 'db', 'migrations'));
  sqlite = opened.sqlite;
  seed(sqlite);
  service = new ReportService({
    facts: new ReportFactsRepository(opened.db),
    calendar: () => calendar,
    clock,
    counterId: () => 'device-1',
    site: () => ({ ...SITE, lookupUrlTemplate: '', formSet: '2025' }),
    pdfRenderer: { renderPdf: () => Promise.reject(new Error('not used')) },
    printer: { print: () => Promise.reject(new Error('not used')) },
  });
  printing.service = new ReportService({
    facts: new ReportFactsRepository(opened.db),
    calendar: () => calendar,
    clock,
    counterId: () => 'device-1',
    site: () => ({ ...SITE, lookupUrlTemplate: '', formSet: '2025' }),
    pdfRenderer: { renderPdf: () => Promise.resolve(new TextEncoder().encode('%PDF-report')) },
    printer: {
      print: (job) => {
        printing.jobs.push(job);
        return Promise.resolve({ printed: false, savedPath: '/tmp/report.pdf' });
      },
    },
  });
}, 60_000);

/** The report's figures counted again in SQL alone, for the period [start, end) in UTC and an optional sector and officer. */
function sqlFigures(fromLocal: string, toLocalExclusive: string, where: { sector?: string; officer?: string } = {}): ReportFigures {
  const start = new Date(`${fromLocal}T00:00:00+07:00`).toISOString();
  const end = new Date(`${toLocalExclusive}T00:00:00+07:00`).toISOString();
  const cutoff = clock.now().toISOString() < end ? clock.now().toISOString() : end;
  const cutoffLocal = toVietnamLocal(new Date(cutoff));
  const base = `
    with d as (
      select id, received_at, due_local, view,
        json_extract(view, '$.channel') as channel,
        (select min(at) from dossier_events e where e.dossier_id = dossiers.id and e.status in (3, 7, 8, 9, 10)) as settled_at,
        (select status from dossier_events e where e.dossier_id = dossiers.id and e.status in (3, 7, 8, 9, 10) order by at limit 1) as settled_status,
        (select status from dossier_events e where e.dossier_id = dossiers.id and e.at < @cutoff order by at desc limit 1) as status_at_cutoff
      from dossiers
      where received_at < @end
        and (@sector is null or json_extract(view, '$.procedure.sectorName') = @sector)
        and (@officer is null or json_extract(view, '$.officer.username') = @officer)
    ), r as (
      select *, strftime('%Y-%m-%dT%H:%M', settled_at, '+7 hours') as settled_local,
        settled_at is not null and settled_at < @cutoff as is_settled,
        received_at >= @start as is_new
      from d where not (received_at < @start and settled_at is not null and settled_at < @start)
    )`;
  const params = { start, end, cutoff, sector: where.sector ?? null, officer: where.officer ?? null };
  const row = sqlite
    .prepare(
      `${base}
    select
      count(*) as received,
      sum(not is_new) as carriedOver,
      sum(is_new and channel = 'direct') as newDirect,
      sum(is_new and channel = 'online') as newOnline,
      sum(is_new and channel = 'post') as newPostal,
      sum(is_settled) as settled,
      sum(is_settled and settled_status in (9, 10) and due_local is not null and substr(settled_local, 1, 10) < substr(due_local, 1, 10)) as settledEarly,
      sum(is_settled and settled_status in (9, 10) and due_local is not null and settled_local > due_local) as settledLate,
      sum(not is_settled) as inProgress,
      sum(not is_settled and due_local is not null and due_local < @cutoffLocal and coalesce(status_at_cutoff, 0) <> 5) as inProgressOverdue,
      sum(exists (select 1 from dossier_events e where e.dossier_id = r.id and e.status = 10 and e.at >= @start and e.at < @end)) as returned,
      sum(exists (select 1 from dossier_events e where e.dossier_id = r.id and e.type = 'supplementRequested' and e.at >= @start and e.at < @end)) as supplementRequested,
      sum(is_settled and settled_status = 3) as refused,
      sum(is_settled and settled_status = 7) as withdrawn,
      sum(is_settled and settled_status = 8) as stopped,
      sum(case when is_new then (select count(*) from json_each(r.view, '$.components') c where json_extract(c.value, '$.digitization') = 'digitizedHere') else 0 end) as componentsDigitized,
      sum(case when is_new then (select count(*) from json_each(r.view, '$.components') c where json_extract(c.value, '$.digitization') in ('reused', 'reusedFromResult')) else 0 end) as componentsReused,
      sum(case when is_new then (select count(distinct component_code) from component_files f where f.dossier_id = r.id and f.signed_at is not null) else 0 end) as componentsSigned,
      sum(case when exists (select 1 from dossier_events e where e.dossier_id = r.id and e.status = 10 and e.at >= @start and e.at < @end)
          then (select count(*) from dossier_results x where x.dossier_id = r.id) else 0 end) as resultsDigitized
    from r`,
    )
    .get({ ...params, cutoffLocal }) as Record<string, number>;
  const pairs = sqlite
    .prepare(`${base} select received_at, settled_local from r where is_settled and settled_status in (9, 10)`)
    .all(params) as { received_at: string; settled_local: string }[];
  const minutes = pairs.map((p) => workingMinutesBetween(toVietnamLocal(new Date(p.received_at)), p.settled_local, calendar));
  const average =
    minutes.length === 0 ? null : Math.round((minutes.reduce((a, b) => a + b, 0) / minutes.length / MINUTES_PER_WORKING_DAY) * 100) / 100;
  return {
    ...(row as unknown as ReportFigures),
    settledOnTime: row.settled! - row.settledEarly! - row.settledLate!,
    inProgressWithinTime: row.inProgress! - row.inProgressOverdue!,
    averageSettleDays: average,
  };
}

function sqlSatisfaction(fromLocal: string, toLocalExclusive: string): Record<string, number> {
  const rows = sqlite
    .prepare(`select rating, count(*) as n from dossier_ratings where rated_at >= ? and rated_at < ? group by rating`)
    .all(new Date(`${fromLocal}T00:00:00+07:00`).toISOString(), new Date(`${toLocalExclusive}T00:00:00+07:00`).toISOString()) as {
    rating: string;
    n: number;
  }[];
  const counts: Record<string, number> = { satisfied: 0, neutral: 0, dissatisfied: 0, total: 0 };
  for (const r of rows) {
    counts[r.rating] = r.n;
    counts.total! += r.n;
  }
  return counts;
}

describe('the periodic report over 10,000 seeded dossiers', () => {
  it('gives for 2026-Q4 the figures an independent SQL count gives, with the template identities holding', () => {
    const report = service.report('2026-Q4', {});
    const expected = sqlFigures('2026-10-01', '2027-01-01');
    expect(report.total).toEqual(expected);
    expect(report.satisfaction).toEqual(sqlSatisfaction('2026-10-01', '2027-01-01'));
    const f = report.total;
    expect(f.received).toBeGreaterThan(3000);
    expect(f.carriedOver).toBeGreaterThan(0);
    expect(f.settledLate * f.settledEarly * f.inProgressOverdue * f.supplementRequested * f.newPostal).toBeGreaterThan(0);
    expect(f.received).toBe(f.carriedOver + f.newDirect + f.newOnline + f.newPostal);
    expect(f.received).toBe(f.settled + f.inProgress);
    const sum = (key: keyof ReportFigures) => report.bySector.reduce((n, row) => n + (row.figures[key] as number), 0);
    expect(report.bySector.map((r) => r.sector)).toEqual([...SECTORS].sort((a, b) => a.localeCompare(b, 'vi')));
    for (const key of ['received', 'settledLate', 'inProgressOverdue', 'componentsSigned'] as const) expect(sum(key)).toBe(f[key]);
  });

  it('agrees with SQL for a month still under way (in progress taken at now), and for a sector and officer', () => {
    clock.set('2026-12-20T05:00:00.000Z');
    try {
      expect(service.report('2026-12', {}).total).toEqual(sqlFigures('2026-12-01', '2027-01-01'));
    } finally {
      clock.set('2027-01-05T03:00:00.000Z');
    }
    const filter: ReportFilter = { sector: 'Đất đai', officer: 'minh' };
    expect(service.report('2026-07-15..2026-11-10', filter).total).toEqual(sqlFigures('2026-07-15', '2026-11-11', filter));
  });

  it('exports the xlsx with the template sheet, its thirteen columns and the total row of the report', async () => {
    const report = service.report('2026-Q4', {});
    const { fileName, dataBase64 } = await service.exportXlsx('2026-Q4', {});
    expect(fileName).toBe('bao-cao-giai-quyet-ho-so-2026-Q4.xlsx');
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(dataBase64, 'base64') as unknown as ExcelJS.Buffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Biểu II.06a', 'Chi tiết']);
    const sheet = workbook.getWorksheet('Biểu II.06a')!;
    expect(sheet.getCell('A1').value).toBe('Biểu số II.06a/VPCP/KSTT — Theo Thông tư số 01/2020/TT-VPCP');
    expect(String(sheet.getCell('A3').value)).toContain('Quý 4/2026 (từ ngày 01/10/2026 đến ngày 31/12/2026)');
    expect(sheet.getCell('C6').value).toBe('Số hồ sơ nhận giải quyết');
    expect(sheet.getRow(9).values).toEqual([undefined, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13]);
    const total = sheet.getRow(10 + report.bySector.length);
    const f = report.total;
    expect(total.getCell(2).value).toBe('Tổng cộng');
    expect([3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13].map((c) => total.getCell(c).value)).toEqual([
      f.received,
      f.newOnline,
      f.newDirect + f.newPostal,
      f.carriedOver,
      f.settled,
      f.settledEarly,
      f.settledOnTime,
      f.settledLate,
      f.inProgress,
      f.inProgressWithinTime,
      f.inProgressOverdue,
    ]);
    const details = workbook.getWorksheet('Chi tiết')!;
    const byLabel = new Map(
      details
        .getSheetValues()
        .slice(2)
        .map((r) => [(r as unknown[])[1], (r as unknown[])[2]]),
    );
    expect(byLabel.get('Thành phần hồ sơ số hóa đã ký số')).toBe(f.componentsSigned);
    expect(byLabel.get('Tổng số lượt đánh giá')).toBe(report.satisfaction.total);
  });

  it('prints the report on A4 landscape through the PDF renderer and the form printer, as a periodic report', async () => {
    const report = service.report('2026-Q4', {});
    const result = await printing.service!.print('2026-Q4', {});
    expect(result).toEqual({ printed: false, savedPath: '/tmp/report.pdf', pdfBase64: Buffer.from('%PDF-report').toString('base64') });
    expect(printing.jobs).toEqual([expect.objectContaining({ pageSize: 'A4', copies: 1, formKey: 'periodic_report', dossierCode: null })]);
    const html = printing.jobs[0]!.html;
    expect(html).toContain('size: A4 landscape');
    expect(html).toContain('Biểu số II.06a/VPCP/KSTT');
    expect(html).toContain('Đơn vị báo cáo: UBND xã Quảng Phú');
    expect(html).toContain(`<td class="num">${report.total.received}</td>`);
  });

  it('refuses a period it cannot read, in Vietnamese with a stable code', () => {
    expect(() => service.report('2026-Q5', {})).toThrow(expect.objectContaining({ code: 'REPORT_PERIOD_INVALID' }));
    expect(() => service.report('2026-12-01..2026-11-01', {})).toThrow(/Kỳ báo cáo "2026-12-01..2026-11-01" không hợp lệ/);
  });
});
