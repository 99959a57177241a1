import { describe, expect, it } from 'vitest';
import type { OutboxSyncRepository, PendingCommand } from '../../../../db/repositories/outbox-sync-repository';
import { SyncEngine } from '../../../../electron/core/sync/sync-engine';
import { AppError } from '../../../../shared/ipc/result';
import type { CommandEnvelope, CommandResult } from '../../../../shared/sync/protocol';

/** The outbox in memory: pending rows by seq, acknowledgements and failures as the repository keeps them. */
function memoryOutbox(count: number) {
  const rows: (PendingCommand & { acknowledged: boolean; lastError: string | null })[] = Array.from({ length: count }, (_, i) => ({
    id: `c${i + 1}`,
    seq: i + 1,
    kind: 'dossier.received',
    dossierCode: `D${i + 1}`,
    payload: '{}',
    attempts: 0,
    acknowledged: false,
    lastError: null,
  }));
  const outbox = {
    pendingAfter: (seq: number, limit: number) => rows.filter((r) => !r.acknowledged && r.seq > seq).slice(0, limit),
    acknowledge: (ids: string[]) => rows.filter((r) => ids.includes(r.id)).forEach((r) => (r.acknowledged = true)),
    recordFailure: (id: string, reason: string) => rows.filter((r) => r.id === id).forEach((r) => (r.lastError = reason)),
  };
  return { rows, outbox: outbox as unknown as OutboxSyncRepository };
}

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

const applied = (commands: CommandEnvelope[]): CommandResult[] => commands.map((c) => ({ id: c.id, status: 'applied', result: {} }));

describe('sync engine pass, files of the next batch travelling during a push', () => {
  it('uploads the next batch’s files while this batch is pushed, and pushes each batch only after its own files', async () => {
    const { rows, outbox } = memoryOutbox(4);
    const events: string[] = [];
    const firstPush = deferred<void>();
    const engine = new SyncEngine({
      outbox,
      clock: { now: () => new Date('2026-11-25T00:00:00Z') },
      transaction: (work) => work(),
      batchSize: 2,
      files: {
        prepare: async (batch) => {
          events.push(`files ${batch.map((r) => r.id).join(',')}`);
          return new Map();
        },
      },
      gateway: {
        push: async (commands) => {
          events.push(`push ${commands.map((c) => c.id).join(',')}`);
          if (commands[0]!.id === 'c1') await firstPush.promise;
          return applied(commands);
        },
      },
    });
    const pass = engine.pushOnce();
    await new Promise((resolve) => setTimeout(resolve, 10));
    // The first push is still waiting for its answer; the second batch's files are already sent.
    expect(events).toEqual(['files c1,c2', 'files c3,c4', 'push c1,c2']);
    firstPush.resolve();
    expect(await pass).toEqual({ acknowledged: 4, rejected: 0, heldBack: 0 });
    expect(events).toEqual(['files c1,c2', 'files c3,c4', 'push c1,c2', 'push c3,c4']);
    expect(rows.every((r) => r.acknowledged)).toBe(true);
  });

  it('fails the pass, without an unhandled rejection, when the next batch’s files fail during a push; those commands stay pending', async () => {
    const { rows, outbox } = memoryOutbox(4);
    const firstPush = deferred<void>();
    const engine = new SyncEngine({
      outbox,
      clock: { now: () => new Date('2026-11-25T00:00:00Z') },
      transaction: (work) => work(),
      batchSize: 2,
      files: {
        prepare: async (batch) => {
          if (batch[0]!.id === 'c3') throw new AppError('SYNC_OFFLINE', { url: 'http://gateway' });
          return new Map();
        },
      },
      gateway: {
        push: async (commands) => {
          await firstPush.promise;
          return applied(commands);
        },
      },
    });
    const pass = engine.pushOnce();
    // The upload fails while the first push is still waiting: nothing may count it as unhandled.
    await new Promise((resolve) => setTimeout(resolve, 20));
    firstPush.resolve();
    await expect(pass).rejects.toMatchObject({ code: 'SYNC_OFFLINE' });
    expect(rows.map((r) => r.acknowledged)).toEqual([true, true, false, false]);
  });
});

/** A command queued after the pass in flight read the queue, as an accept during a slow pull. */
function queueLate(rows: ReturnType<typeof memoryOutbox>['rows'], id: string): void {
  rows.push({
    id,
    seq: rows.length + 1,
    kind: 'dossier.received',
    dossierCode: id,
    payload: '{}',
    attempts: 0,
    acknowledged: false,
    lastError: null,
  });
}

describe('sync engine, work queued while a pass is in flight', () => {
  function engineWithSlowPull(count: number) {
    const { rows, outbox } = memoryOutbox(count);
    const pulls: ReturnType<typeof deferred<void>>[] = [];
    const pushed: string[] = [];
    const engine = new SyncEngine({
      outbox,
      clock: { now: () => new Date('2026-12-31T16:59:59Z') },
      transaction: (work) => work(),
      idleMs: 3_600_000,
      steps: {
        after: [
          () => {
            const pull = deferred<void>();
            pulls.push(pull);
            return pull.promise;
          },
        ],
      },
      gateway: {
        push: async (commands) => {
          pushed.push(...commands.map((c) => c.id));
          return applied(commands);
        },
      },
    });
    return { rows, engine, pulls, pushed };
  }

  async function until(condition: () => boolean): Promise<void> {
    while (!condition()) await new Promise((resolve) => setTimeout(resolve, 1));
  }

  it('"sync now" pushes what was queued before the click, even while an earlier pass is still pulling', async () => {
    const { rows, engine, pulls, pushed } = engineWithSlowPull(0);
    engine.start();
    await until(() => pulls.length === 1);
    queueLate(rows, 'accepted-during-pull');
    const clicked = engine.runNow();
    pulls[0]!.resolve();
    await until(() => pulls.length === 2);
    pulls[1]!.resolve();
    await clicked;
    expect(pushed).toEqual(['accepted-during-pull']);
    expect(rows[0]!.acknowledged).toBe(true);
    await engine.stop();
  });

  it('a nudge during a pass starts the next pass at once instead of after the idle pause', async () => {
    const { rows, engine, pulls, pushed } = engineWithSlowPull(1);
    engine.start();
    await until(() => pulls.length === 1);
    expect(pushed).toEqual(['c1']);
    queueLate(rows, 'accepted-during-pull');
    engine.nudge();
    pulls[0]!.resolve();
    await until(() => pulls.length === 2);
    expect(pushed).toEqual(['c1', 'accepted-during-pull']);
    pulls[1]!.resolve();
    await until(() => engine.status().state === 'waiting');
    expect(engine.status().nextAttemptAt).toBe('2026-12-31T17:59:59.000Z');
    await engine.stop();
  });
});
