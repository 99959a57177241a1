import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3-multiple-ciphers';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { AppError } from '../shared/ipc/result';
import * as schema from './schema';

/** drizzle's better-sqlite3 driver over the SQLCipher build, which has the same API plus `key` and `rekey`. */
export type Db = ReturnType<typeof drizzle<typeof schema>>;
export type SqliteConnection = Database.Database;

export interface OpenedDatabase {
  sqlite: SqliteConnection;
  db: Db;
  file: string;
}

/**
 * Lets the planner keep statistics current as a counter's database grows (SQLite's advice for
 * long-lived apps). Only an optimisation: a damaged page must not stop the app from opening and
 * reporting it, so failures here are ignored.
 */
function keepStatisticsCurrent(sqlite: Database.Database): void {
  try {
    sqlite.pragma('optimize = 0x10002');
  } catch {
    // integrity_check reports the damage in the health panel and `quay doctor`.
  }
}

/**
 * Names, ID numbers and scans of ID cards live in this file: its folder is 0700 and the file 0600, so other users of
 * the PC cannot read them (issue 17 finding 7). SQLite creates the WAL and shared-memory files with the database's
 * own permissions, so they follow. An existing file made 0644 by an older build is tightened here.
 */
function keepPrivate(file: string): void {
  const folder = path.dirname(file);
  fs.mkdirSync(folder, { recursive: true, mode: 0o700 });
  if (process.platform === 'win32') return;
  fs.chmodSync(folder, 0o700);
  fs.closeSync(fs.openSync(file, 'a', 0o600));
  for (const companion of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(companion)) fs.chmodSync(companion, 0o600);
}

const CORRUPTION_CODES = new Set(['SQLITE_NOTADB', 'SQLITE_CORRUPT', 'SQLITE_CANTOPEN']);

/** Maps SQLite's failure codes to the app's error codes; unknown errors pass through unchanged. */
export function toDatabaseError(error: unknown, file: string): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && CORRUPTION_CODES.has(code)) return new AppError('DB_CORRUPT', { path: file });
  if (code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED') return new AppError('DB_LOCKED');
  return error;
}

/**
 * Keys a fresh connection with SQLCipher's format (version 4 defaults: AES-256-CBC with an HMAC per page), so every
 * page — tables, FTS index, WAL frames — is encrypted on disk (issue 17 finding 7). Must precede the first read.
 */
export function applyDatabaseKey(sqlite: SqliteConnection, key: Buffer): void {
  for (const pragma of databaseKeyPragmas(key)) sqlite.pragma(pragma);
}

/** applyDatabaseKey's pragmas, for a connection opened elsewhere (the backup's worker thread). */
export function databaseKeyPragmas(key: Buffer): string[] {
  if (key.byteLength !== 32) throw new Error('a database key is 32 bytes');
  return [`cipher = 'sqlcipher'`, 'legacy = 4', `key = "x'${key.toString('hex')}'"`];
}

export interface OpenOptions {
  /** The SQLCipher key; absent, the file is plain SQLite (benchmarks' baseline, migrations' own tests). */
  key?: Buffer;
}

/**
 * Opens (or creates) the app database with the pragmas docs/architecture.md §5 requires. A file that is not a
 * SQLite database, or is one under another key, is reported as corrupt and left untouched — never recreated over the
 * top.
 */
export function openDatabase(file: string, options: OpenOptions = {}): OpenedDatabase {
  keepPrivate(file);
  let sqlite: SqliteConnection | undefined;
  try {
    sqlite = new Database(file);
    if (options.key) applyDatabaseKey(sqlite, options.key);
    // Reading the schema forces SQLite to parse the header, so garbage is caught here.
    sqlite.pragma('schema_version');
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    // FULL, not NORMAL: in WAL mode NORMAL can lose the last commits to a power cut, and a receipt already printed
    // would then have its number issued again (docs/architecture.md §5, durability).
    sqlite.pragma('synchronous = FULL');
    keepStatisticsCurrent(sqlite);
  } catch (error) {
    sqlite?.close();
    throw toDatabaseError(error, file);
  }
  return { sqlite, db: drizzle(sqlite, { schema }), file };
}

/** `PRAGMA integrity_check` plus foreign keys; an empty list of details means healthy. */
export function checkIntegrity(sqlite: SqliteConnection): { ok: boolean; details: string[] } {
  const rows = sqlite.pragma('integrity_check') as { integrity_check: string }[];
  const details = rows.map((r) => r.integrity_check).filter((line) => line !== 'ok');
  const fkRows = sqlite.pragma('foreign_key_check') as { table: string; rowid: number; parent: string }[];
  for (const fk of fkRows) details.push(`foreign key: ${fk.table} row ${fk.rowid} → ${fk.parent}`);
  return { ok: details.length === 0, details };
}
