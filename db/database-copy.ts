import Database from 'better-sqlite3-multiple-ciphers';
import { applyDatabaseKey, checkIntegrity, toDatabaseError, type SqliteConnection } from './open';

/**
 * A copy of the app database made by SQLite's online backup (docs/architecture.md §5, backup): it carries the
 * source's WAL flag, so it is switched to a rollback journal first — one self-contained file whose hash stays the
 * same whoever opens it afterwards.
 */
export function sealDatabaseCopy(file: string, key?: Buffer): void {
  const sqlite = new Database(file, { fileMustExist: true });
  try {
    if (key) applyDatabaseKey(sqlite, key);
    sqlite.pragma('journal_mode = DELETE');
  } finally {
    sqlite.close();
  }
}

/** Opens a copy read-only (with the key of an encrypted copy) and runs the live database's integrity check. */
export function checkDatabaseCopy(file: string, key?: Buffer): { ok: boolean; details: string[]; accounts: number; dossiers: number } {
  let sqlite: SqliteConnection | undefined;
  try {
    sqlite = new Database(file, { readonly: true, fileMustExist: true });
    if (key) applyDatabaseKey(sqlite, key);
    const integrity = checkIntegrity(sqlite);
    const count = (table: string) => {
      const exists = sqlite!.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(table) !== undefined;
      return exists ? (sqlite!.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n : 0;
    };
    return { ...integrity, accounts: count('accounts'), dossiers: count('dossiers') };
  } catch (error) {
    throw toDatabaseError(error, file);
  } finally {
    sqlite?.close();
  }
}
