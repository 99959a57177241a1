import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { applyDatabaseKey, checkIntegrity, type SqliteConnection } from './open';

const SQLITE_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

/** The steps of encryptDatabaseInPlace, in order; tests fail each one to show that nothing is lost. */
export type EncryptStep = 'flattened' | 'copied' | 'encrypted' | 'verified' | 'synced' | 'renamed';

export interface EncryptInPlaceHooks {
  /** Called after each step; a throw here stands for a crash or power cut at that point. */
  after?(step: EncryptStep): void;
}

/** True when the file starts with SQLite's clear header: a database written before encryption (or a benchmark's). */
export function isPlainDatabase(file: string): boolean {
  let fd: number;
  try {
    fd = fs.openSync(file, 'r');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
  try {
    const head = Buffer.alloc(SQLITE_HEADER.length);
    return fs.readSync(fd, head, 0, head.length, 0) === head.length && head.equals(SQLITE_HEADER);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncPath(target: string): void {
  const fd = fs.openSync(target, 'r');
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function tableCounts(sqlite: SqliteConnection): Record<string, number> {
  const tables = sqlite
    .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND sql NOT LIKE 'CREATE VIRTUAL%' ORDER BY name`)
    .all() as {
    name: string;
  }[];
  const counts: Record<string, number> = {};
  for (const { name } of tables)
    counts[name] = (sqlite.prepare(`SELECT count(*) AS n FROM "${name.replaceAll('"', '""')}"`).get() as { n: number }).n;
  return counts;
}

/**
 * Encrypts a counter's plain database in place (issue 17 finding 7; docs/architecture.md §5, durability). The plain
 * file stays the database until an encrypted copy has been written beside it, checked (integrity and every table's row
 * count equal to the original's), flushed, and renamed over it in one atomic step, with the folder flushed after. A
 * crash at any point leaves either the plain database or the verified encrypted one under the real name, plus at most
 * a temporary copy, which the next run discards. SQLite3MultipleCiphers has no `sqlcipher_export`, so the copy is the
 * plain file itself, re-keyed with `PRAGMA rekey`, which is crash-unsafe only for the copy it works on.
 */
export function encryptDatabaseInPlace(file: string, key: Buffer, hooks: EncryptInPlaceHooks = {}): boolean {
  const temporary = `${file}.encrypting`;
  for (const stale of [temporary, `${temporary}-journal`]) fs.rmSync(stale, { force: true });
  if (!isPlainDatabase(file)) return false;
  const after = hooks.after ?? (() => undefined);

  // Committed transactions still in the WAL go into the main file, which then stands alone (no -wal to carry over).
  const plain = new Database(file, { fileMustExist: true });
  let expected: Record<string, number>;
  try {
    plain.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('journal_mode = DELETE');
    expected = tableCounts(plain);
  } finally {
    plain.close();
  }
  after('flattened');

  fs.copyFileSync(file, temporary);
  fs.chmodSync(temporary, 0o600);
  after('copied');

  const copy = new Database(temporary, { fileMustExist: true });
  try {
    copy.pragma(`cipher = 'sqlcipher'`);
    copy.pragma('legacy = 4');
    copy.pragma(`rekey = "x'${key.toString('hex')}'"`);
  } finally {
    copy.close();
  }
  after('encrypted');

  const check = new Database(temporary, { fileMustExist: true, readonly: true });
  try {
    applyDatabaseKey(check, key);
    const integrity = checkIntegrity(check);
    if (!integrity.ok) throw new Error(`the encrypted copy failed its check: ${integrity.details.join('; ')}`);
    if (JSON.stringify(tableCounts(check)) !== JSON.stringify(expected)) throw new Error('the encrypted copy lost rows');
  } finally {
    check.close();
  }
  after('verified');

  fsyncPath(temporary);
  after('synced');

  fs.renameSync(temporary, file);
  if (process.platform !== 'win32') fsyncPath(path.dirname(file));
  after('renamed');
  return true;
}
