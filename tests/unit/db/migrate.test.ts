import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, migrationStatus, readJournal } from '../../../db/migrate';
import { openDatabase } from '../../../db/open';
import { AuditRepository } from '../../../db/repositories/audit-repository';
import { verifyChain } from '../../../shared/audit/audit-chain';
import { AppError } from '../../../shared/ipc/result';
import { sha256Hex } from '../../../electron/core/platform/node-sha256';
import { truncatedCopy, writeMigrations } from '../../helpers/migrations';
import { repoRoot, tempDir } from '../../helpers/test-core';

const realMigrations = path.join(repoRoot, 'db', 'migrations');
const rebuildFixture = path.join(repoRoot, 'tests', 'fixtures', 'migrations', 'rebuild');

function freshDb() {
  return openDatabase(path.join(tempDir(), 'test.sqlite'));
}

function expectAppError(work: () => unknown, code: string): AppError {
  try {
    work();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).code).toBe(code);
    return error as AppError;
  }
  throw new Error(`expected ${code}`);
}

describe('applyMigrations on the real migrations', () => {
  it('creates the schema on an empty database and records every migration', () => {
    const { sqlite } = freshDb();
    const report = applyMigrations(sqlite, realMigrations);
    const known = readJournal(realMigrations).length;
    expect(report.newlyApplied).toHaveLength(known);
    expect(report.applied).toBe(known);
    const tables = sqlite.prepare(`SELECT name FROM sqlite_master WHERE type = 'table'`).pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['accounts', 'sessions', 'audit_log', 'audit_head', 'settings']));
  });

  it('is a no-op the second time', () => {
    const { sqlite } = freshDb();
    applyMigrations(sqlite, realMigrations);
    expect(applyMigrations(sqlite, realMigrations).newlyApplied).toEqual([]);
  });

  it('leaves foreign keys enforced afterwards', () => {
    const { sqlite } = freshDb();
    applyMigrations(sqlite, realMigrations);
    expect(sqlite.pragma('foreign_keys', { simple: true })).toBe(1);
  });

  it('keeps a populated database intact across every later migration', () => {
    const known = readJournal(realMigrations).length;
    // Each prefix of the journal is an older build's database; upgrading it must keep its data.
    for (let base = 1; base < known; base++) {
      const { sqlite, db } = freshDb();
      applyMigrations(sqlite, truncatedCopy(realMigrations, base));
      sqlite
        .prepare(
          `INSERT INTO accounts (id, username, full_name, role, password_hash, status, lock_reason, failed_attempts, must_change_password, created_at, updated_at, password_changed_at)
           VALUES (?, ?, ?, ?, 'scrypt$x', ?, ?, ?, 0, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
        )
        .run('a1', 'quantri', 'Nguyễn Thị Quản Trị', 'admin', 'active', null, 0);
      sqlite
        .prepare(
          `INSERT INTO accounts (id, username, full_name, role, password_hash, status, lock_reason, failed_attempts, must_change_password, created_at, updated_at, password_changed_at)
           VALUES ('a2', 'canbo', 'Lê Văn Đức', 'officer', 'scrypt$y', 'locked', 'failedAttempts', 5, 1, '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z', '2025-01-01T00:00:00Z')`,
        )
        .run();
      sqlite
        .prepare(
          `INSERT INTO sessions (id, account_id, started_at, last_activity_at) VALUES ('s1', 'a1', '2025-01-02T00:00:00Z', '2025-01-02T00:00:00Z')`,
        )
        .run();
      const audit = new AuditRepository(db, sha256Hex);
      for (let i = 0; i < 20; i++)
        audit.append({
          at: `2025-01-02T00:00:${String(i).padStart(2, '0')}Z`,
          actorAccountId: 'a1',
          actorUsername: 'quantri',
          action: 'auth.signedIn',
          subject: 'quantri',
          details: '{}',
        });
      const before = sqlite.prepare(`SELECT * FROM accounts ORDER BY id`).all();

      const report = applyMigrations(sqlite, realMigrations);
      expect(report.applied, `from ${base}`).toBe(known);
      expect(
        sqlite
          .prepare(`SELECT * FROM accounts ORDER BY id`)
          .all()
          .map((r) => ({ ...(r as object) })),
      ).toEqual(before.map((r) => expect.objectContaining(r as object)));
      expect(sqlite.prepare(`SELECT count(*) FROM sessions`).pluck().get()).toBe(1);
      expect(verifyChain(audit.iterateAll(), audit.head(), sha256Hex).ok).toBe(true);
      expect(sqlite.pragma('foreign_key_check')).toEqual([]);
    }
  });
});

describe('applyMigrations guarantees', () => {
  it('keeps ON DELETE CASCADE children when a migration rebuilds the parent table', () => {
    const { sqlite } = freshDb();
    applyMigrations(sqlite, truncatedCopy(rebuildFixture, 1));
    sqlite.exec(`INSERT INTO parent VALUES ('p1', 'Hồ sơ'), ('p2', 'Thành phần')`);
    sqlite.exec(`INSERT INTO child VALUES ('c1', 'p1'), ('c2', 'p1'), ('c3', 'p2')`);

    applyMigrations(sqlite, rebuildFixture);

    expect(sqlite.prepare(`SELECT id FROM child ORDER BY id`).pluck().all()).toEqual(['c1', 'c2', 'c3']);
    expect(sqlite.prepare(`SELECT note FROM parent WHERE id = 'p1'`).pluck().get()).toBe('');
  });

  it('would lose those children if foreign keys stayed on — the reason the wrapper turns them off', () => {
    const { sqlite } = freshDb();
    applyMigrations(sqlite, truncatedCopy(rebuildFixture, 1));
    sqlite.exec(`INSERT INTO parent VALUES ('p1', 'Hồ sơ'); INSERT INTO child VALUES ('c1', 'p1')`);
    sqlite.pragma('foreign_keys = ON');
    const rebuild = fs.readFileSync(path.join(rebuildFixture, '0001_rebuild_parent.sql'), 'utf8').split('--> statement-breakpoint');
    sqlite.transaction(() => rebuild.forEach((statement) => sqlite.exec(statement)))();
    expect(sqlite.prepare(`SELECT count(*) FROM child`).pluck().get()).toBe(0);
  });

  it('refuses a database written by a newer build and leaves it untouched', () => {
    const { sqlite } = freshDb();
    applyMigrations(sqlite, realMigrations);
    sqlite.prepare(`INSERT INTO __drizzle_migrations (hash, created_at) VALUES ('future', ?)`).run(Date.now() + 10 ** 9);
    sqlite.exec(`INSERT INTO settings VALUES ('idleLockMinutes', '15', '2026-01-01T00:00:00Z')`);
    const error = expectAppError(() => applyMigrations(sqlite, realMigrations), 'DB_NEWER_THAN_APP');
    expect(error.message).toMatch(/phiên bản ứng dụng mới hơn/);
    expect(sqlite.prepare(`SELECT value FROM settings`).pluck().get()).toBe('15');
  });

  it('refuses a database that an older build would not know, even when it has fewer migrations', () => {
    const { sqlite } = freshDb();
    applyMigrations(sqlite, realMigrations);
    expectAppError(() => applyMigrations(sqlite, truncatedCopy(realMigrations, 1)), 'DB_NEWER_THAN_APP');
  });

  it('rejects a journal whose timestamps do not strictly increase', () => {
    const folder = writeMigrations([
      { tag: '0000_a', sql: 'CREATE TABLE a (id integer);', when: 1_700_000_005_000 },
      { tag: '0001_b', sql: 'CREATE TABLE b (id integer);', when: 1_700_000_005_000 },
    ]);
    expect(() => applyMigrations(freshDb().sqlite, folder)).toThrow(/not newer than 0000_a/);
  });

  it('checks the real journal is strictly increasing', () => {
    const whens = readJournal(realMigrations).map((e) => e.when);
    expect([...whens].sort((a, b) => a - b)).toEqual(whens);
    expect(new Set(whens).size).toBe(whens.length);
  });

  it('rolls back every statement of a run when one fails', () => {
    const folder = writeMigrations([
      { tag: '0000_init', sql: 'CREATE TABLE kept (id integer);' },
      { tag: '0001_half', sql: 'CREATE TABLE extra (id integer);\n--> statement-breakpoint\nALTER TABLE no_such_table ADD x text;' },
    ]);
    const { sqlite } = freshDb();
    applyMigrations(sqlite, truncatedCopy(folder, 1));
    sqlite.exec(`INSERT INTO kept VALUES (1), (2)`);
    const error = expectAppError(() => applyMigrations(sqlite, folder), 'DB_MIGRATION_FAILED');
    expect(error.message).toMatch(/dữ liệu được giữ nguyên/);
    expect(sqlite.prepare(`SELECT name FROM sqlite_master WHERE name = 'extra'`).get()).toBeUndefined();
    expect(sqlite.prepare(`SELECT count(*) FROM kept`).pluck().get()).toBe(2);
    expect(migrationStatus(sqlite, folder).applied).toBe(1);
  });

  it('rolls back a migration that leaves broken foreign keys', () => {
    const folder = writeMigrations([
      { tag: '0000_init', sql: fs.readFileSync(path.join(rebuildFixture, '0000_init.sql'), 'utf8') },
      { tag: '0001_orphans', sql: `INSERT INTO child (id, parent_id) VALUES ('orphan', 'missing');` },
    ]);
    const { sqlite } = freshDb();
    applyMigrations(sqlite, truncatedCopy(folder, 1));
    const error = expectAppError(() => applyMigrations(sqlite, folder), 'DB_MIGRATION_FAILED');
    expect(error.message).toMatch(/foreign_key_check/);
    expect(sqlite.prepare(`SELECT count(*) FROM child`).pluck().get()).toBe(0);
  });
});
