import { describe, expect, it } from 'vitest';
import type { CitizenScreen } from '../../../shared/citizen-screen/citizen-view';
import { channelNames, eventNames } from '../../../shared/ipc/contract';
import { citizenChannelNames, citizenEvents } from '../../../shared/ipc/citizen-contract';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../../electron/core/accounts/scrypt-password-hasher';
import { createCore } from '../../../electron/core/create-core';
import type { ScreenTimer } from '../../../electron/core/citizen-screen/citizen-screen-service';
import { ADMIN, FakeClock, khaiSinhDraft, RecordingPdfRenderer, repoRoot, SITE, tempDir, type TestCore } from '../../helpers/test-core';

/** A timer the test fires: it only remembers the one pending deadline, as the screen keeps one. */
class ManualTimer {
  pending: { at: number; fire: () => void } | null = null;
  readonly timer: ScreenTimer = (at, fire) => {
    const entry = { at, fire };
    this.pending = entry;
    return () => {
      if (this.pending === entry) this.pending = null;
    };
  };
  /**
   * Moves the clock to the deadline (or `earlyMs` short of it, as a Node timer may fire a
   * millisecond before the wall clock reaches its deadline) and fires it.
   */
  fire(clock: FakeClock, earlyMs = 0): void {
    const entry = this.pending;
    if (!entry) throw new Error('nothing scheduled');
    clock.set(new Date(entry.at - earlyMs).toISOString());
    this.pending = null;
    entry.fire();
  }
}

async function start() {
  const clock = new FakeClock();
  const timer = new ManualTimer();
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
    citizenScreenTimer: timer.timer,
  });
  const seen: { event: string; payload: unknown }[] = [];
  core.citizen!.onEvent((event, payload) => seen.push({ event, payload }));
  const must = async (channel: Parameters<typeof core.dispatch>[1], input: unknown = {}) => {
    const result = await core.dispatch('admin-window', channel, input);
    if (!result.ok) throw new Error(`${channel} failed: ${result.error.code}`);
    return result.value as any;
  };
  await must('app.createFirstAdmin', ADMIN);
  await must('auth.signIn', { username: ADMIN.username, password: ADMIN.password });
  await must('site.update', SITE);
  await must('sequence.addBlock', { first: 1, last: 50 });
  const t = {
    core,
    clock,
    must: (_client: string, channel: Parameters<typeof core.dispatch>[1], input: unknown) => must(channel, input),
  } as unknown as TestCore;
  const screen = () => (seen.at(-1)?.payload ?? { kind: 'blank' }) as CitizenScreen;
  const rate = (input: unknown) => core.citizen!.dispatch('citizen.rate', input);
  return { core, clock, timer, seen, must, screen, rate, draft: () => khaiSinhDraft(t) };
}

describe('citizen-facing screen', () => {
  it('shows the citizen the draft — procedure, components handed in, fees, due date — and nothing personal beyond the name', async () => {
    const c = await start();
    await c.must('screen.showDraft', { draft: await c.draft() });
    const shown = c.screen();
    expect(shown.kind).toBe('draft');
    if (shown.kind !== 'draft') return;
    expect(shown.draft).toMatchObject({
      procedureName: expect.stringContaining('khai sinh'),
      ownerName: 'Nguyễn Thị Hồng Nhung',
      dueLocal: '2026-03-02T17:00',
    });
    expect(shown.draft.components.map((component) => component.pages)).toHaveLength(2);
    expect(shown.draft.totalFee).toBe(shown.draft.fees.reduce((sum, fee) => sum + fee.amount, 0));
    expect(JSON.stringify(c.seen)).not.toMatch(/038190012345|Thôn Đông|0912/);
    expect((await c.core.citizen!.dispatch('citizen.current', {})).ok && c.screen().kind).toBe('draft');
  });

  it('asks for a rating once the officer accepts, stores it with the dossier, queues it for the province, thanks, then clears', async () => {
    const c = await start();
    await c.must('screen.showDraft', { draft: await c.draft() });
    const { dossier } = await c.must('reception.accept', { draft: await c.draft() });
    const question = c.screen();
    expect(question).toMatchObject({ kind: 'rating', stage: 'reception', dossierCode: dossier.code, dueLocal: dossier.dueLocal });
    if (question.kind !== 'rating') return;
    expect(JSON.stringify(question)).not.toContain(dossier.id);

    expect(await c.rate({ token: question.token, rating: 'dissatisfied', reasons: [] })).toMatchObject({
      ok: false,
      error: { code: 'CITIZEN_RATING_REASONS_NEEDED' },
    });
    c.clock.advance(20_000);
    expect(await c.rate({ token: question.token, rating: 'dissatisfied', reasons: ['staffConduct', 'guidance'] })).toEqual({
      ok: true,
      value: {},
    });
    expect(c.screen()).toEqual({ kind: 'thanks' });
    expect(await c.must('screen.ratings', { dossierId: dossier.id })).toEqual([
      { stage: 'reception', rating: 'dissatisfied', reasons: ['guidance', 'staffConduct'], ratedAt: '2026-03-02T01:00:20.000Z' },
    ]);
    const row = c.core.database.sqlite.prepare(`SELECT officer_id, counter_id FROM dossier_ratings`).get();
    expect(row).toEqual({ officer_id: expect.any(String), counter_id: null });
    const queued = c.core.database.sqlite.prepare(`SELECT dossier_id, payload FROM outbox WHERE kind = 'dossier.rated'`).all() as {
      dossier_id: string;
      payload: string;
    }[];
    expect(queued).toHaveLength(1);
    expect(queued[0]!.dossier_id).toBe(dossier.id);
    expect(JSON.parse(queued[0]!.payload)).toMatchObject({ code: dossier.code, rating: { stage: 'reception', rating: 'dissatisfied' } });

    // The same question cannot be answered twice.
    expect(await c.rate({ token: question.token, rating: 'satisfied' })).toMatchObject({
      ok: false,
      error: { code: 'CITIZEN_RATING_CLOSED' },
    });
    c.timer.fire(c.clock);
    expect(c.screen()).toEqual({ kind: 'blank' });
  });

  it('clears after its timeout, at the officer’s reset, and when the next citizen starts — a late answer is refused', async () => {
    const c = await start();
    await c.must('screen.updateSettings', { displayId: null, draftSeconds: 120, ratingSeconds: 30, thanksSeconds: 3 });
    await c.must('screen.showDraft', { draft: await c.draft() });
    expect(c.timer.pending?.at).toBe(c.clock.now().getTime() + 120_000);
    c.timer.fire(c.clock);
    expect(c.screen()).toEqual({ kind: 'blank' });

    await c.must('screen.showDraft', { draft: await c.draft() });
    await c.must('screen.clear');
    expect(c.screen()).toEqual({ kind: 'blank' });
    expect(c.timer.pending).toBeNull();

    await c.must('reception.accept', { draft: await c.draft() });
    const question = c.screen();
    if (question.kind !== 'rating') throw new Error('no question');
    expect(c.timer.pending?.at).toBe(c.clock.now().getTime() + 30_000);
    await c.must('screen.showDraft', { draft: await c.draft() });
    expect(c.screen().kind).toBe('draft');
    expect(await c.rate({ token: question.token, rating: 'satisfied' })).toMatchObject({
      ok: false,
      error: { code: 'CITIZEN_RATING_CLOSED' },
    });
    expect(c.core.database.sqlite.prepare(`SELECT count(*) FROM dossier_ratings`).pluck().get()).toBe(0);
  });

  it('a timer that fires a little early is set again, so the thank-you still clears', async () => {
    const c = await start();
    await c.must('screen.updateSettings', { displayId: null, draftSeconds: 120, ratingSeconds: 30, thanksSeconds: 1 });
    await c.must('reception.accept', { draft: await c.draft() });
    const question = c.screen();
    if (question.kind !== 'rating') throw new Error('no question');
    expect(await c.rate({ token: question.token, rating: 'satisfied' })).toMatchObject({ ok: true });
    expect(c.screen()).toEqual({ kind: 'thanks' });
    const deadline = c.timer.pending!.at;
    const shownBefore = c.seen.length;
    c.timer.fire(c.clock, 1);
    expect(c.screen()).toEqual({ kind: 'thanks' });
    expect(c.seen).toHaveLength(shownBefore);
    expect(c.timer.pending?.at).toBe(deadline);
    c.timer.fire(c.clock);
    expect(c.screen()).toEqual({ kind: 'blank' });
  });

  it('gives the citizen’s window its own two channels and one event, and nothing of the officer’s', async () => {
    const c = await start();
    expect(citizenChannelNames.sort()).toEqual(['citizen.current', 'citizen.rate']);
    expect(Object.keys(citizenEvents)).toEqual(['citizen.screen']);
    expect(citizenChannelNames.filter((name) => (channelNames as string[]).includes(name))).toEqual([]);
    expect(Object.keys(citizenEvents).filter((name) => (eventNames as string[]).includes(name))).toEqual([]);
    for (const channel of ['reception.accept', 'dossier.search', 'screen.ratings', 'auth.session']) {
      expect(await c.core.citizen!.dispatch(channel, {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
    }
    // Officer events (a session locked, sync progress) never reach the citizen's stream.
    const officerEvents: string[] = [];
    c.core.onEvent((_client, event) => officerEvents.push(event));
    await c.must('screen.showDraft', { draft: await c.draft() });
    c.clock.advance(24 * 60 * 60_000);
    c.core.services.auth.sweepIdle();
    expect(officerEvents.length).toBeGreaterThan(0);
    expect(new Set(c.seen.map((e) => e.event))).toEqual(new Set(['citizen.screen']));
  });
});
