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
