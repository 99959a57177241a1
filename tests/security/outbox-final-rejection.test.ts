import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../db/migrate';
import { openDatabase } from '../../db/open';
import { OutboxSyncRepository } from '../../db/repositories/outbox-sync-repository';
import { outbox } from '../../db/schema';
import { repoRoot, tempDir } from '../helpers/test-core';

/** Issue 17 finding 2, the counter's side: a command refused for good is not pushed again and again. */
describe('outbox: a command the gateway refused for good', () => {
  it('is not sent again, stays listed as a failure, while a retryable refusal is retried', () => {
    const opened = openDatabase(path.join(tempDir(), 'quay.sqlite'));
    applyMigrations(opened.sqlite, path.join(repoRoot, 'db', 'migrations'));
    const repo = new OutboxSyncRepository(opened.db);
    const row = (id: string, seq: number) => ({
      id,
      seq,
      kind: 'dossier.received',
      payload: '{}',
      createdAt: '2026-03-02T01:00:00.000Z',
      dossierId: null,
    });
    opened.db
      .insert(outbox)
      .values([row('c1', 1), row('c2', 2), row('c3', 3)])
      .run();

    repo.recordFailure('c1', 'TEXT_INVALID_CHARACTERS');
    repo.recordFailure('c2', 'BLOB_MISSING');

    expect(repo.pendingAfter(0, 10).map((r) => r.id)).toEqual(['c2', 'c3']);
    expect(repo.failures(10).map((f) => [f.id, f.lastError])).toContainEqual(['c1', 'TEXT_INVALID_CHARACTERS']);
    expect(repo.pendingCount()).toBe(3);
    opened.sqlite.close();
  });
});
