import { openCounterDatabase } from '../../../electron/core/platform/data-at-rest-key';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../../electron/core/accounts/scrypt-password-hasher';
import { createCore, databasePath } from '../../../electron/core/create-core';
import { createHandlers } from '../../../electron/core/ipc/handlers';
import { channelNames, channels } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import { ADMIN, repoRoot, startTestCore, startWithAdmin, tempDir } from '../../helpers/test-core';

describe('contract and handlers', () => {
  it('has a handler for every contract channel and no handler without a channel', async () => {
    const t = await startTestCore();
    const handlers = createHandlers(t.core.services);
    expect(Object.keys(handlers).sort()).toEqual([...channelNames].sort());
  });

  it('marks every channel with an access rule and namespaced name', () => {
    for (const name of channelNames) {
      expect(name).toMatch(/^[a-z]+\.[a-zA-Z]+$/);
      const access = channels[name].access;
      expect(access === 'public' || access === 'signedIn' || Array.isArray(access), name).toBe(true);
    }
  });

  it('returns plain JSON-safe values across the boundary', async () => {
    const t = await startWithAdmin();
    for (const channel of [
      'auth.session',
      'admin.listAccounts',
      'audit.list',
      'audit.verify',
      'health.info',
      'admin.getSettings',
    ] as const) {
      const value = await t.must('admin-window', channel, channel === 'audit.list' ? { limit: 5 } : {});
      expect(JSON.parse(JSON.stringify(value)), channel).toEqual(value);
    }
  });

  it('turns an unexpected failure into INTERNAL without leaking details', async () => {
    const t = await startWithAdmin();
    t.core.database.sqlite.exec(`DROP TABLE settings`);
    const result = await t.call('admin-window', 'admin.getSettings');
    expect(result).toMatchObject({ ok: false, error: { code: 'INTERNAL' } });
    if (!result.ok) expect(result.error.message).not.toMatch(/settings|SQLITE/);
  });
});

async function startFails(dataDir: string): Promise<AppError> {
  try {
    await createCore({
      dataDir,
      appVersion: 't',
      resourcesDir: repoRoot,
      idleSweepMs: null,
      hasher: new ScryptPasswordHasher(FAST_SCRYPT_COST),
    });
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    return error as AppError;
  }
  throw new Error('core started');
}

describe('core startup on bad data', () => {
  it('refuses a corrupt database file and leaves it as it was', async () => {
    const dataDir = tempDir();
    const garbage = Buffer.from('PK\u0003\u0004 not a database at all '.repeat(200));
    fs.writeFileSync(databasePath(dataDir), garbage);
    const error = await startFails(dataDir);
    expect(error.code).toBe('DB_CORRUPT');
    expect(fs.readFileSync(databasePath(dataDir)).equals(garbage)).toBe(true);
  });

  it('refuses a database from a newer version and keeps its accounts', async () => {
    const t = await startWithAdmin();
    t.core.database.sqlite
      .prepare(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('from-the-future', ?)`)
      .run(4_102_444_800_000);
    t.core.close();
    const error = await startFails(t.dataDir);
    expect(error.code).toBe('DB_NEWER_THAN_APP');
    expect(error.message).toContain('Vui lòng cập nhật ứng dụng');
    const reopened = openCounterDatabase(t.dataDir).sqlite;
    expect(reopened.prepare(`SELECT username FROM accounts`).pluck().all()).toEqual([ADMIN.username]);
    reopened.close();
  });

  it('keeps accounts and audit across a restart, and closes sessions left open by a crash', async () => {
    const t = await startWithAdmin();
    // No close(): the process "crashed" with a session open.
    const again = await startTestCore(t.dataDir);
    expect(await again.must('w', 'app.firstRunStatus')).toEqual({ needsFirstAdmin: false });
    const open = again.core.database.sqlite.prepare(`SELECT count(*) FROM sessions WHERE ended_at IS NULL`).pluck().get();
    expect(open).toBe(0);
    expect(again.core.services.audit.verify().ok).toBe(true);
    expect(path.basename(databasePath(t.dataDir))).toBe('quay.sqlite');
  });
});
