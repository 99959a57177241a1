import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { presentAdminAnswer, runAdminRequest } from '../../central/admin-commands';
import { postDossierStatus } from '../../central/backoffice';
import { runCentralCli } from '../../central/cli';
import { createEnrolmentCode } from '../../central/enrolment';
import { gatewayReport } from '../../central/reports/report-admin';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../electron/core/accounts/scrypt-password-hasher';
import { createCore } from '../../electron/core/create-core';
import type { CitizenScreen } from '../../shared/citizen-screen/citizen-view';
import type { DossierReport } from '../../shared/reports/report-schema';
import { ADMIN, FakeClock, khaiSinhDraft, RecordingPdfRenderer, repoRoot, SITE, tempDir, type TestCore } from '../helpers/test-core';
import { startGateway, type Gateway } from './gateway-fixture';

/**
 * Issue 18 §1 acceptance: a counter's report from its local data and the gateway's report over what
 * it synced agree, through the same pure definition, on receptions, supplements, refusals,
 * withdrawals, results the province decided and the citizens' ratings synced from the citizen's
 * screen; the gateway's `report` admin command writes the
 * same figures to xlsx.
 */
let gateway: Gateway;
let counter: TestCore;

async function enrolledCounter(): Promise<TestCore> {
  const clock = new FakeClock();
  const core = await createCore({
    pdfRenderer: new RecordingPdfRenderer(),
    dataDir: tempDir(),
    appVersion: '0.0.0-test',
    resourcesDir: repoRoot,
    clock,
    hasher: new ScryptPasswordHasher(FAST_SCRYPT_COST),
    idleSweepMs: null,
    backupTickMs: null,
    log: () => undefined,
    // The citizen's screen clears itself on a timer; this test rates before it would, so it never fires.
    citizenScreenTimer: () => () => undefined,
    sync: { timeoutMs: 5_000, engine: { backoff: { baseMs: 20, maxMs: 100 }, idleMs: 60_000 } },
  });
  const call = (clientId: string, channel: never, input: unknown = {}) => core.dispatch(clientId, channel, input);
  const t: TestCore = {
    core,
    clock,
    pdf: new RecordingPdfRenderer(),
    dataDir: core.database.file.replace(/\/quay\.sqlite$/, ''),
    events: [],
    call,
    async must(clientId, channel, input = {}) {
      const result = await call(clientId, channel as never, input);
      if (!result.ok) throw new Error(`${channel} failed: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
  };
  await t.must('admin-window', 'app.createFirstAdmin', ADMIN);
  await t.must('admin-window', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  await t.must('admin-window', 'site.update', SITE);
  const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: 'Quầy 1' });
  await t.must('admin-window', 'sync.enroll', { gatewayUrl: gateway.url, code, counterName: 'Quầy 1' });
  core.citizen!.onEvent((_event, payload) => (shown = payload as CitizenScreen));
  return t;
}

let shown: CitizenScreen = { kind: 'blank' } as CitizenScreen;

/** Accepts a dossier shown on the citizen's screen, and the citizen rates it there (issue 18 §2). */
async function acceptRated(rating: 'satisfied' | 'neutral' | 'dissatisfied'): Promise<{ id: string; code: string }> {
  const draft = await khaiSinhDraft(counter);
  await counter.must('admin-window', 'screen.showDraft', { draft });
  const { dossier } = await counter.must('admin-window', 'reception.accept', { draft });
  const question = shown;
  if (question.kind !== 'rating') throw new Error(`the citizen's screen shows ${question.kind}`);
  const reasons = rating === 'dissatisfied' ? ['staffConduct'] : [];
  const answer = await counter.core.citizen!.dispatch('citizen.rate', { token: question.token, rating, reasons });
  if (!answer.ok) throw new Error(`citizen.rate failed: ${answer.error.code}`);
  return dossier;
}

async function at(local: string): Promise<void> {
  counter.clock.set(new Date(`${local}:00+07:00`).toISOString());
  await counter.call('admin-window', 'auth.unlockScreen' as never, { password: ADMIN.password });
}

async function accept(): Promise<{ id: string; code: string }> {
  const { dossier } = await counter.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(counter) });
  return dossier;
}

async function sync(): Promise<void> {
  expect(await counter.must('admin-window', 'sync.now', {})).toMatchObject({ pendingCommands: 0 });
}

beforeAll(async () => {
  gateway = await startGateway();
  counter = await enrolledCounter();
  // September: two dossiers, one still open at the end of the month (carried over into Q4), one refused.
  await at('2026-09-28T08:00');
  const openInSeptember = await accept();
  const refusedInSeptember = await accept();
  await counter.must('admin-window', 'lifecycle.refuse', { dossierId: refusedInSeptember.id, reasons: ['Không thuộc thẩm quyền'] });
  // October: new dossiers, a supplement round, a withdrawal, a refusal, results decided by the province.
  await at('2026-10-05T08:00');
  const supplemented = await accept();
  const withdrawn = await accept();
  const refused = await accept();
  const early = await acceptRated('satisfied');
  const late = await acceptRated('dissatisfied');
  await at('2026-10-05T10:00');
  await counter.must('admin-window', 'lifecycle.requestSupplement', {
    dossierId: supplemented.id,
    items: [{ name: 'Giấy chứng sinh', reason: 'Bản sao không rõ chữ' }],
    contactPhone: '02373 888 999',
  });
  await counter.must('admin-window', 'lifecycle.withdraw', { dossierId: withdrawn.id, reason: 'Công dân xin rút' });
  await counter.must('admin-window', 'lifecycle.refuse', { dossierId: refused.id, reasons: ['Hồ sơ giả mạo'] });
  await sync();
  const office = { id: 'office', name: 'Phòng Tư pháp' };
  await postDossierStatus(gateway.database.db, office, early.code, { status: 9, note: 'Đã có kết quả', at: '2026-10-05T04:00:00.000Z' });
  await postDossierStatus(gateway.database.db, office, late.code, { status: 9, note: 'Đã có kết quả', at: '2026-10-09T04:00:00.000Z' });
  await postDossierStatus(gateway.database.db, office, openInSeptember.code, {
    status: 9,
    note: 'Đã có kết quả',
    at: '2026-10-20T04:00:00.000Z',
  });
  await at('2026-10-21T08:00');
  await acceptRated('neutral');
  await sync();
  await at('2027-01-04T08:00');
  await sync();
}, 120_000);

afterAll(async () => {
  counter?.core.close();
  await gateway?.close();
});

function figuresOf(report: DossierReport) {
  return { total: report.total, bySector: report.bySector, satisfaction: report.satisfaction, asOfLocal: report.asOfLocal };
}

describe('the counter and the gateway report the same data alike (issue 18 §1)', () => {
  it('agree for the quarter, the month before and a range, at the counter and the gateway', async () => {
    const now = counter.clock.now();
    const q4 = await counter.must('admin-window', 'reports.dossiers', { period: '2026-Q4', filter: {} });
    expect(q4.total).toMatchObject({
      received: 7,
      carriedOver: 1,
      newDirect: 6,
      settled: 5,
      refused: 1,
      withdrawn: 1,
      supplementRequested: 1,
      inProgress: 2,
    });
    // The same-day result on 5 October is on time; 9 October and the September dossier's 20 October are late.
    expect(q4.total).toMatchObject({ settledLate: 2, settledOnTime: 3, settledEarly: 0 });
    expect(q4.satisfaction).toEqual({ satisfied: 1, neutral: 1, dissatisfied: 1, total: 3 });
    for (const period of ['2026-Q4', '2026-09', '2026-09-15..2026-10-06', '2026']) {
      const atCounter = await counter.must('admin-window', 'reports.dossiers', { period, filter: {} });
      const atGateway = await gatewayReport(gateway.database.db, period, { agencyCode: SITE.agencyCode }, now);
      expect(figuresOf(atGateway), period).toEqual(figuresOf(atCounter));
    }
    const byOfficer = await counter.must('admin-window', 'reports.dossiers', { period: '2026-Q4', filter: { officer: ADMIN.username } });
    const gatewayByOfficer = await gatewayReport(gateway.database.db, '2026-Q4', { officer: ADMIN.username }, now);
    expect(figuresOf(gatewayByOfficer)).toEqual(figuresOf(byOfficer));
  });

  it('writes the province-wide report to xlsx through the admin command, and its CLI asks for a period', async () => {
    const file = path.join(tempDir(), 'q4.xlsx');
    const answer = await runAdminRequest(gateway.database.db, {
      command: 'report',
      period: '2026-Q4',
      filter: { agencyCode: SITE.agencyCode },
      xlsx: file,
      at: counter.clock.now().toISOString(),
    });
    const { lines, exitCode } = presentAdminAnswer(answer, { json: false });
    expect(exitCode).toBe(0);
    expect(lines[0]).toBe('Kỳ báo cáo: Quý 4/2026 (từ ngày 01/10/2026 đến ngày 31/12/2026)');
    expect(lines[2]!.split('\t')).toEqual([
      'STT',
      'Lĩnh vực, công việc giải quyết theo cấp',
      'Tổng số',
      'Trực tuyến',
      'Trực tiếp, dịch vụ bưu chính',
      'Từ kỳ trước',
      'Tổng số',
      'Trước hạn',
      'Đúng hạn',
      'Quá hạn',
      'Tổng số',
      'Trong hạn',
      'Quá hạn',
    ]);
    expect(lines.at(-1)).toBe(`xlsx: ${file}`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(fs.readFileSync(file) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('Biểu II.06a')!;
    const sectors = answer.command === 'report' && 'report' in answer ? answer.report.bySector.length : 0;
    const totalRow = sheet.getRow(10 + sectors);
    expect(totalRow.getCell(2).value).toBe('Tổng cộng');
    expect(totalRow.getCell(3).value).toBe(7);
    expect(String(sheet.getCell('A4').value)).toContain('Đơn vị báo cáo: 000.00.06.H56');

    const unknown = await runAdminRequest(gateway.database.db, {
      command: 'report',
      period: '2026-Q4',
      filter: { agencyCode: '000.00.99.H99' },
      xlsx: null,
      at: counter.clock.now().toISOString(),
    });
    expect(presentAdminAnswer(unknown, { json: false })).toEqual({
      lines: ['REPORT_AGENCY_UNKNOWN: Máy chủ tỉnh không có cơ quan mã "000.00.99.H99".'],
      exitCode: 1,
    });
    const badPeriod = await runAdminRequest(gateway.database.db, {
      command: 'report',
      period: '2026-13',
      filter: {},
      xlsx: null,
      at: '2027-01-04T01:00:00.000Z',
    });
    expect(presentAdminAnswer(badPeriod, { json: false }).lines[0]).toMatch(/^REPORT_PERIOD_INVALID: Kỳ báo cáo "2026-13" không hợp lệ/);
    const out: string[] = [];
    expect(await runCentralCli(['report', '--agency', SITE.agencyCode], (line) => out.push(line))).toBe(2);
    expect(out[0]).toMatch(/^report needs --period/);
  });
});
