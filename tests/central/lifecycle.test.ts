import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyCommands } from '../../central/commands';
import { appliedCommands, dossierEvents, dossiers } from '../../central/db/schema';
import { dvcqgDossier } from '../../central/dvcqg';
import { createEnrolmentCode } from '../../central/enrolment';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../electron/core/accounts/scrypt-password-hasher';
import { createCore } from '../../electron/core/create-core';
import type { CommandEnvelope } from '../../shared/sync/protocol';
import { ADMIN, FakeClock, khaiSinhDraft, RecordingPdfRenderer, repoRoot, SITE, tempDir, type TestCore } from '../helpers/test-core';
import { startGateway, type Gateway } from './gateway-fixture';

/**
 * Issue 14 §2 acceptance, end to end: two counter cores of one agency and one gateway on PGlite.
 * A supplement round trip (requested at B, papers received at A, new due date), a refusal, a
 * withdrawal and an overdue dossier with Form 04's new date, each in the history at both counters and
 * in the DVCQG export exactly once; a duplicate send and a crash after the gateway applied a command
 * but before the counter heard back leave one event and one applied command.
 */
let gateway: Gateway;
const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
const cores: TestCore[] = [];
let a: TestCore;
let b: TestCore;

/** An enrolled counter of the test agency, signed in as admin (a supervisor's rights), on its own clock. */
async function counter(name: string): Promise<TestCore> {
  const clock = new FakeClock();
  const core = await createCore({
    pdfRenderer: new RecordingPdfRenderer(),
    dataDir: tempDir(),
    appVersion: '0.0.0-test',
    resourcesDir: repoRoot,
    clock,
    hasher,
    idleSweepMs: null,
    backupTickMs: null,
    log: () => undefined,
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
  cores.push(t);
  await t.must('admin-window', 'app.createFirstAdmin', ADMIN);
  await t.must('admin-window', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  await t.must('admin-window', 'site.update', SITE);
  const { code } = await createEnrolmentCode(gateway.database.db, { agencyCode: SITE.agencyCode, counterName: name });
  await t.must('admin-window', 'sync.enroll', { gatewayUrl: gateway.url, code, counterName: name });
  return t;
}

beforeAll(async () => {
  gateway = await startGateway();
  [a, b] = await Promise.all([counter('Quầy A'), counter('Quầy B')]);
}, 90_000);

afterAll(async () => {
  for (const t of cores.splice(0)) t.core.close();
  await gateway?.close();
});

/** Both counters at the same local moment (Vietnam time, UTC+7); the officer unlocks the idle screen. */
async function at(local: string): Promise<void> {
  const instant = new Date(`${local}:00+07:00`).toISOString();
  for (const t of [a, b]) {
    t.clock.set(instant);
    await t.call('admin-window', 'auth.unlockScreen' as never, { password: ADMIN.password });
  }
}

async function sync(...counters: TestCore[]): Promise<void> {
  for (const t of counters) {
    const overview = await t.must('admin-window', 'sync.now', {});
    expect(overview, JSON.stringify(overview)).toMatchObject({ pendingCommands: 0 });
  }
}

/** A receives a dossier (a same-day procedure, due at 17:00) and B opens it from the province, so both hold it. */
async function receivedByAOpenedByB(): Promise<{ code: string; atA: string; atB: string }> {
  const { dossier } = await a.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(a) });
  await sync(a);
  const opened = await b.must('admin-window', 'dossier.openRemote', { code: dossier.code });
  return { code: dossier.code, atA: dossier.id, atB: opened.id };
}

async function history(t: TestCore, id: string): Promise<{ id: string; type: string; status: number; payload: Record<string, unknown> }[]> {
  return t.must('admin-window', 'dossier.history', { id });
}

async function gatewayEvents(code: string, type: string): Promise<number> {
  const rows = await gateway.database.db
    .select()
    .from(dossierEvents)
    .where(and(eq(dossierEvents.dossierCode, code), eq(dossierEvents.type, type)));
  return rows.length;
}

async function exported(code: string) {
  return dvcqgDossier(gateway.database.db, code, gateway.url);
}

function countWhere<T>(list: T[], test: (item: T) => boolean): number {
  return list.filter(test).length;
}

describe('recorded lifecycle events across counters (issue 14 §2)', () => {
  it('supplement round trip: requested at B, papers received at A, the due date paused and recomputed', async () => {
    await at('2026-03-02T08:00');
    const d = await receivedByAOpenedByB();
    await at('2026-03-02T10:00');
    const requested = await b.must('admin-window', 'lifecycle.requestSupplement', {
      dossierId: d.atB,
      items: [{ name: 'Giấy chứng sinh', reason: 'Bản sao không rõ chữ' }],
      contactPhone: '02373 888 999',
    });
    expect(requested.dossier.status).toBe(5);
    expect(requested.print.pdfBase64.length).toBeGreaterThan(0);
    await sync(b, a);

    const atA = await history(a, d.atA);
    expect(atA.map((e) => e.type)).toEqual(['received', 'supplementRequested']);
    expect(atA[1]!.payload).toMatchObject({ round: 1, dueBefore: '2026-03-02T17:00', remainingMinutes: 330 });
    // A paused dossier is not late, whatever the clock says.
    await at('2026-03-03T09:00');
    expect((await a.must('admin-window', 'dossier.overdue', {})).map((o: { code: string }) => o.code)).not.toContain(d.code);

    // 5 h 30 min were left on Monday at 10:00; counting again from Tuesday 09:00 ends at 16:00.
    const received = await a.must('admin-window', 'lifecycle.receiveSupplement', { dossierId: d.atA, note: 'Đã nộp bản sao chứng thực' });
    expect(received.dossier).toMatchObject({ status: 4, dueLocal: '2026-03-03T16:00' });
    await sync(a, b);

    for (const [t, id] of [
      [a, d.atA],
      [b, d.atB],
    ] as const) {
      const events = await history(t, id);
      expect(events.map((e) => e.type)).toEqual(['received', 'supplementRequested', 'supplementReceived']);
      const [found] = await t.must('admin-window', 'dossier.search', { text: d.code });
      expect(found).toMatchObject({ status: 4, dueLocal: '2026-03-03T16:00' });
    }
    expect(await gatewayEvents(d.code, 'supplementRequested')).toBe(1);
    expect(await gatewayEvents(d.code, 'supplementReceived')).toBe(1);
    const out = await exported(d.code);
    expect(out.DongBoHoSoMC).toMatchObject({ TrangThaiHoSo: '4', NgayHenTra: '20260303160000' });
    expect(out.DongBoHoSoMC.DanhSachHoSoBoSung).toEqual([
      expect.objectContaining({ NgayHenTraTruoc: '20260302170000', NgayHenTraMoi: '20260303160000', TrangThaiBoSung: '1' }),
    ]);
    expect(countWhere(out.CapNhatTienDoHoSoMC, (e) => e.TrangThai === '5')).toBe(1);
    expect(countWhere(out.CapNhatTienDoHoSoMC, (e) => e.NoiDungXuLy === 'Tiếp nhận hồ sơ bổ sung lần 1')).toBe(1);
  });

  it('refusal at A and withdrawal at B, each seen at the other counter and exported once; a later step is refused', async () => {
    await at('2026-03-04T08:00');
    const refused = await receivedByAOpenedByB();
    const withdrawn = await receivedByAOpenedByB();
    await at('2026-03-04T09:00');
    const refusal = await a.must('admin-window', 'lifecycle.refuse', {
      dossierId: refused.atA,
      reasons: ['Hồ sơ không thuộc thẩm quyền của xã'],
    });
    expect(refusal.dossier.status).toBe(3);
    expect(refusal.print.pdfBase64.length).toBeGreaterThan(0);
    const withdrawal = await b.must('admin-window', 'lifecycle.withdraw', {
      dossierId: withdrawn.atB,
      reason: 'Công dân xin rút để bổ sung sau',
    });
    expect(withdrawal.dossier.status).toBe(7);
    await sync(a, b, a);

    expect((await history(b, refused.atB)).map((e) => [e.type, e.status])).toEqual([
      ['received', 2],
      ['refused', 3],
    ]);
    expect((await history(a, withdrawn.atA)).map((e) => [e.type, e.status])).toEqual([
      ['received', 2],
      ['withdrawn', 7],
    ]);
    expect((await exported(refused.code)).DongBoHoSoMC.NgayTuChoi).toBe('20260304090000');
    expect(countWhere((await exported(refused.code)).CapNhatTienDoHoSoMC, (e) => e.TrangThai === '3')).toBe(1);
    expect(countWhere((await exported(withdrawn.code)).CapNhatTienDoHoSoMC, (e) => e.TrangThai === '7')).toBe(1);

    const late = await b.call('admin-window', 'lifecycle.requestSupplement' as never, {
      dossierId: refused.atB,
      items: [{ name: 'Tờ khai', reason: '' }],
    });
    expect(late).toMatchObject({
      ok: false,
      error: { code: 'LIFECYCLE_EVENT_NOT_ALLOWED', message: expect.stringContaining('“Không được tiếp nhận”, không thể yêu cầu bổ sung') },
    });
  });

  it('overdue: flagged at both counters, Form 04 records a new date that is stored, synced, printed and exported', async () => {
    await at('2026-03-05T08:00');
    const d = await receivedByAOpenedByB();
    await at('2026-03-06T08:30');
    for (const t of [a, b]) {
      expect((await t.must('admin-window', 'dossier.overdue', {})).map((o: { code: string }) => o.code)).toContain(d.code);
    }
    const tooEarly = await a.call('admin-window', 'lifecycle.apologize' as never, {
      dossierId: d.atA,
      reason: 'Chờ xác minh',
      newDueLocal: '2026-03-05T16:00',
    });
    expect(tooEarly).toMatchObject({ ok: false, error: { code: 'LIFECYCLE_NEW_DUE_NOT_LATER' } });
    const apology = await a.must('admin-window', 'lifecycle.apologize', {
      dossierId: d.atA,
      reason: 'Chờ kết quả xác minh của công an xã',
      newDueLocal: '2026-03-10T16:00',
    });
    expect(apology.dossier).toMatchObject({ status: 2, dueLocal: '2026-03-10T16:00' });
    expect(apology.print.pdfBase64.length).toBeGreaterThan(0);
    expect((await a.must('admin-window', 'dossier.overdue', {})).map((o: { code: string }) => o.code)).not.toContain(d.code);
    await sync(a, b);

    const atB = await history(b, d.atB);
    expect(atB.map((e) => e.type)).toEqual(['received', 'apologyIssued']);
    expect(atB[1]!.payload).toMatchObject({ dueBefore: '2026-03-05T17:00', newDueLocal: '2026-03-10T16:00' });
    expect((await b.must('admin-window', 'dossier.overdue', {})).map((o: { code: string }) => o.code)).not.toContain(d.code);
    const [rowAtGateway] = await gateway.database.db.select().from(dossiers).where(eq(dossiers.code, d.code));
    expect(rowAtGateway!.view).toMatchObject({ dueLocal: '2026-03-10T16:00' });
    const out = await exported(d.code);
    expect(out.DongBoHoSoMC.NgayHenTra).toBe('20260310160000');
    expect(
      out.CapNhatTienDoHoSoMC.filter((e) => e.NgayKetThucTheoQuyDinh === '20260310160000' && e.NoiDungXuLy.startsWith('Xin lỗi')),
    ).toHaveLength(1);
  });

  it('applies a lifecycle command once: sent twice, and applied at the gateway before the counter heard back', async () => {
    await at('2026-03-09T08:00');
    const d = await receivedByAOpenedByB();
    await at('2026-03-09T09:00');
    await a.must('admin-window', 'lifecycle.stopProcessing', { dossierId: d.atA, reasons: ['Có tranh chấp về quyền nuôi con'] });
    const row = a.core.database.sqlite
      .prepare("SELECT id, kind, payload FROM outbox WHERE kind = 'dossier.lifecycle' AND acknowledged_at IS NULL")
      .get() as { id: string; kind: CommandEnvelope['kind']; payload: string };
    const command: CommandEnvelope = { id: row.id, kind: row.kind, dossierCode: d.code, payload: JSON.parse(row.payload) as unknown };
    const device = { id: (await a.must('admin-window', 'sync.status', {})).deviceId as string, agencyCode: SITE.agencyCode };

    // The gateway applies it, and the answer is lost (the counter crashed or the link dropped).
    expect((await applyCommands(gateway.database.db, device, [command]))[0]).toMatchObject({ status: 'applied' });
    // The same command again, as a retry sends it: the first answer, nothing applied twice.
    expect((await applyCommands(gateway.database.db, device, [command]))[0]).toMatchObject({ status: 'duplicate' });
    // The counter, back, pushes its unacknowledged command: answered duplicate and marked done.
    await sync(a, b);

    expect(await gatewayEvents(d.code, 'processingStopped')).toBe(1);
    expect(await gateway.database.db.select().from(appliedCommands).where(eq(appliedCommands.commandId, command.id))).toHaveLength(1);
    expect((await history(b, d.atB)).map((e) => [e.type, e.status])).toEqual([
      ['received', 2],
      ['processingStopped', 8],
    ]);
    expect(countWhere((await exported(d.code)).CapNhatTienDoHoSoMC, (e) => e.TrangThai === '8')).toBe(1);
  });
});
