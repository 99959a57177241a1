import fs from 'node:fs';
import path from 'node:path';
import { openCounterDatabase } from '../../electron/core/platform/data-at-rest-key';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../electron/core/platform/node-sha256';
import { canonicalEntryText, GENESIS_HASH, type ChainedEntry } from '../../shared/audit/audit-chain';
import { ADMIN, startTestCore, startWithAdmin, tempDir } from '../helpers/test-core';

/**
 * Issue 17 finding 6: with the database file alone, anyone could drop the trigger, edit an entry and rehash the chain
 * with plain SHA-256, and the log verified. The chain is now an HMAC with a key kept outside the database.
 */

/** What someone holding only the database does: unlock the table, edit `seq`'s details, rehash everything after it. */
function rewriteWithoutKey(dataDir: string, seq: number, upTo = Infinity): void {
  const { sqlite } = openCounterDatabase(dataDir);
  try {
    sqlite.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete');
    sqlite.prepare(`UPDATE audit_log SET details = '{"rewritten":true}' WHERE seq = ?`).run(seq);
    const rows = sqlite
      .prepare(
        `SELECT seq, at, actor_account_id AS actorAccountId, actor_username AS actorUsername, action, subject, details, prev_hash AS prevHash, hash FROM audit_log ORDER BY seq`,
      )
      .all() as ChainedEntry[];
    let prev = GENESIS_HASH;
    const update = sqlite.prepare('UPDATE audit_log SET prev_hash = ?, hash = ? WHERE seq = ?');
    for (const row of rows) {
      if (row.seq > upTo) break;
      const hash = sha256Hex(canonicalEntryText(prev, row));
      update.run(prev, hash, row.seq);
      prev = hash;
    }
    const last = rows.filter((row) => row.seq <= upTo).at(-1)!;
    if (upTo === Infinity) sqlite.prepare('UPDATE audit_head SET seq = ?, hash = ?').run(last.seq, prev);
  } finally {
    sqlite.close();
  }
}

async function verifyAfterRestart(dataDir: string) {
  const t = await startTestCore(dataDir);
  try {
    await t.must('admin-window', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    return await t.must('admin-window', 'audit.verify');
  } finally {
    t.core.close();
  }
}

describe('keyed audit chain (finding 6)', () => {
  it('detects a log rewritten and rehashed by someone holding only the database file', async () => {
    const t = await startWithAdmin(path.join(tempDir(), 'data'));
    await t.must('admin-window', 'auth.lockScreen');
    await t.must('admin-window', 'auth.unlockScreen', { password: ADMIN.password });
    t.core.close();
    rewriteWithoutKey(t.dataDir, 2);
    expect(await verifyAfterRestart(t.dataDir)).toMatchObject({ ok: false, problem: 'hashMismatch' });
  });

  it('keeps the key in a 0600 file in a 0700 folder, out of the database', async () => {
    const t = await startWithAdmin(path.join(tempDir(), 'data'));
    t.core.close();
    const file = path.join(t.dataDir, 'keys', 'audit-chain.key');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    const { sqlite } = openCounterDatabase(t.dataDir);
    const key = (JSON.parse(fs.readFileSync(file, 'utf8')) as { key: string }).key;
    const dump =
      JSON.stringify(sqlite.prepare('SELECT * FROM audit_log').all()) + JSON.stringify(sqlite.prepare('SELECT * FROM settings').all());
    sqlite.close();
    expect(dump).not.toContain(key);
  });

  it('migrates a chain an older build wrote unkeyed: old entries verify as they are, new ones are keyed', async () => {
    const dataDir = path.join(tempDir(), 'data');
    const old = await startWithAdmin(dataDir);
    old.core.close();
    // An older build: no key, every link plain SHA-256.
    fs.rmSync(path.join(dataDir, 'keys', 'audit-chain.key'));
    rewriteWithoutKey(dataDir, 0);
    const verified = await verifyAfterRestart(dataDir);
    expect(verified).toMatchObject({ ok: true, problem: null });
    expect(verified.checked).toBeGreaterThan(2);
    // The unkeyed part can still be rehashed, but then it no longer meets the first keyed entry.
    rewriteWithoutKey(dataDir, 1, 2);
    expect(await verifyAfterRestart(dataDir)).toMatchObject({ ok: false });
  });
});
