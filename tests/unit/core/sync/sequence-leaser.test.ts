import { afterEach, describe, expect, it } from 'vitest';
import { SequenceRepository } from '../../../../db/repositories/sequence-repository';
import { newId } from '../../../../electron/core/platform/uuid-ids';
import { expectedDemand, MIN_LEASE, nextWorkingDays, planLeases, SequenceLeaser } from '../../../../electron/core/sync/sequence-leaser';
import { defaultCalendar } from '../../../../shared/domain/working-time';
import { AppError } from '../../../../shared/ipc/result';
import type { SequenceBlock } from '../../../../shared/sync/protocol';
import { khaiSinhDraft, SITE, startWithAdmin, type TestCore } from '../../../helpers/test-core';

describe('planning leases', () => {
  it('walks working days past weekends and holidays', () => {
    const calendar = { ...defaultCalendar(), holidays: ['2026-04-30', '2026-05-01'] };
    expect(nextWorkingDays('2026-04-29', 3, calendar)).toEqual(['2026-04-29', '2026-05-04', '2026-05-05']);
    expect(nextWorkingDays('2026-03-07', 1, { ...calendar, workingDays: ['2026-03-07'] })).toEqual(['2026-03-07']);
  });

  it('sizes from the busiest recent day with headroom, never below the minimum', () => {
    expect(expectedDemand([])).toBe(MIN_LEASE);
    expect(expectedDemand([3, 5, 2])).toBe(MIN_LEASE);
    expect(expectedDemand([10, 40, 22])).toBe(60);
    expect(expectedDemand([5000])).toBe(1000);
  });

  it('tops each day up to the demand in leases of at least the minimum, and leaves days that hold enough alone', () => {
    const remaining: Record<string, number> = { '2026-03-02': 55, '2026-03-03': 10, '2026-03-04': 0 };
    expect(planLeases(Object.keys(remaining), (d) => remaining[d]!, 60)).toEqual([
      { day: '2026-03-02', count: MIN_LEASE },
      { day: '2026-03-03', count: 50 },
      { day: '2026-03-04', count: 60 },
    ]);
    expect(planLeases(['2026-03-02'], () => 60, 60)).toEqual([]);
  });
});

/** A gateway handing out disjoint blocks per day, as the real one does. */
class FakeGateway {
  readonly calls: { day: string; count: number }[] = [];
  private next = new Map<string, number>();
  failWith: AppError | null = null;
  async leaseSequenceBlock(day: string, count: number): Promise<SequenceBlock> {
    if (this.failWith) throw this.failWith;
    this.calls.push({ day, count });
    const first = this.next.get(day) ?? 1;
    this.next.set(day, first + count);
    return { agencyCode: SITE.agencyCode, day, first, last: first + count - 1 };
  }
}

const cores: TestCore[] = [];
afterEach(() => {
  for (const t of cores.splice(0)) t.core.close();
});

async function counter(gateway = new FakeGateway()) {
  const t = await startWithAdmin();
  cores.push(t);
  await t.must('admin-window', 'site.update', SITE);
  const { db, sqlite } = t.core.database;
  const s = t.core.services;
  const leaser = new SequenceLeaser({
    gateway,
    repository: new SequenceRepository(db),
    sequences: s.sequences,
    audit: s.audit,
    agencyCode: () => s.site.get().agencyCode,
    today: () => s.reception.today(),
    calendar: () => s.calendar.calendar(),
    newId,
    now: () => t.clock.now().toISOString(),
    transaction: (work) => sqlite.transaction(work).immediate(),
  });
  return { t, leaser, gateway };
}

// Receiving 15–20 dossiers takes seconds on a busy machine; the limits only catch a hang.
describe('leasing ahead from the gateway', () => {
  it('leases the coming three working days once, then only what runs low', async () => {
    const { t, leaser, gateway } = await counter();
    await leaser.leaseAhead();
    expect(gateway.calls).toEqual([
      { day: '2026-03-02', count: MIN_LEASE },
      { day: '2026-03-03', count: MIN_LEASE },
      { day: '2026-03-04', count: MIN_LEASE },
    ]);
    await leaser.leaseAhead();
    expect(gateway.calls).toHaveLength(3);
    for (let i = 0; i < 15; i += 1) await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    await leaser.leaseAhead();
    expect(gateway.calls.slice(3)).toEqual([{ day: '2026-03-02', count: MIN_LEASE }]);
    const blocks = await t.must('admin-window', 'sequence.status', {});
    expect(blocks.today).toMatchObject({ total: 40, remaining: 25 });
    expect(
      blocks.blocks.filter((b: { date: string }) => b.date === '2026-03-02').map((b: { first: number; last: number }) => [b.first, b.last]),
    ).toEqual([
      [1, 20],
      [21, 40],
    ]);
  }, 90_000);

  it('holds numbers for today on a day off too, whatever the calendar says, then the coming working days', async () => {
    const { t, leaser, gateway } = await counter();
    t.clock.set('2026-03-08T02:00:00.000Z');
    await leaser.leaseAhead();
    expect(gateway.calls.map((c) => c.day)).toEqual(['2026-03-08', '2026-03-09', '2026-03-10', '2026-03-11']);
    expect(t.core.services.sequences.status(SITE.agencyCode, '2026-03-08')).toMatchObject({ remaining: MIN_LEASE });
  });

  it('leases today’s numbers on demand only when none is left', async () => {
    const { t, leaser, gateway } = await counter();
    t.clock.set('2026-04-30T03:00:00.000Z');
    expect(await leaser.leaseTodayIfEmpty()).toEqual([{ agencyCode: SITE.agencyCode, day: '2026-04-30', first: 1, last: MIN_LEASE }]);
    expect(await leaser.leaseTodayIfEmpty()).toEqual([]);
    expect(gateway.calls).toEqual([{ day: '2026-04-30', count: MIN_LEASE }]);
  });

  it('sizes the next lease from the counter’s own busiest day', async () => {
    const { t, leaser, gateway } = await counter();
    await leaser.leaseAhead();
    for (let i = 0; i < 20; i += 1) await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    t.clock.advance(7 * 24 * 3600_000);
    await leaser.leaseAhead();
    expect(gateway.calls.slice(3).map((c) => c.count)).toEqual([30, 30, 30]);
  }, 90_000);

  it('honours an emergency block entered while offline, then retires its unused rest once a lease covers today', async () => {
    const gateway = new FakeGateway();
    gateway.failWith = new AppError('SYNC_OFFLINE', { url: 'http://gw' });
    const { t, leaser } = await counter(gateway);
    await expect(leaser.leaseAhead()).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
    const refused = await t.call('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    expect(refused).toMatchObject({ ok: false, error: { code: 'SEQUENCE_EXHAUSTED' } });
    await t.must('admin-window', 'sequence.addBlock', { date: '2026-03-02', first: 901, last: 910, source: 'emergency' });
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    expect(dossier.code).toBe(`${SITE.agencyCode}-260302-0901`);
    gateway.failWith = null;
    await leaser.leaseAhead();
    const status = await t.must('admin-window', 'sequence.status', {});
    expect(status.blocks.map((b: { source: string }) => b.source)).not.toContain('emergency');
    const next = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    expect(next.dossier.code).toBe(`${SITE.agencyCode}-260302-0001`);
    const audit = await t.must('admin-window', 'audit.list', {});
    expect(audit.map((e: { action: string }) => e.action)).toContain('sync.emergencyBlockRetired');
  });
});
