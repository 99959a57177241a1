import fs from 'node:fs';
import path from 'node:path';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { AppError } from '../shared/ipc/result';
import type { SqliteConnection } from './open';

interface JournalEntry {
  idx: number;
  when: number;
  tag: string;
}

export interface MigrationStatus {
  /** Migrations recorded in the database. */
  applied: number;
  /** Migrations this build knows. */
  known: number;
  latestTag: string | null;
}

export interface MigrationReport extends MigrationStatus {
  newlyApplied: string[];
}

const MIGRATIONS_TABLE = '__drizzle_migrations';

function isJournal(value: unknown): value is { entries: JournalEntry[] } {
  if (typeof value !== 'object' || value === null || !('entries' in value) || !Array.isArray(value.entries)) return false;
  return value.entries.every(
    (entry: unknown) =>
      typeof entry === 'object' &&
      entry !== null &&
      'idx' in entry &&
      typeof entry.idx === 'number' &&
      'when' in entry &&
      typeof entry.when === 'number' &&
      'tag' in entry &&
      typeof entry.tag === 'string',
  );
}

export function readJournal(migrationsFolder: string): JournalEntry[] {
  const file = path.join(migrationsFolder, 'meta', '_journal.json');
  const journal: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
  if (!isJournal(journal)) throw new Error(`Migration journal ${file} has no list of entries with idx, when and tag`);
  journal.entries.forEach((entry, i) => {
    const previous = journal.entries[i - 1];
    if (entry.idx !== i) throw new Error(`Migration journal: entry ${entry.tag} has idx ${entry.idx}, expected ${i}`);
    if (previous && entry.when <= previous.when) {
      // drizzle decides what is pending by timestamp; a non-increasing one would silently skip a migration.
      throw new Error(`Migration journal: ${entry.tag} is not newer than ${previous.tag}`);
    }
  });
  return journal.entries;
}

function ensureMigrationsTable(sqlite: SqliteConnection): void {
  sqlite.exec(
    `CREATE TABLE IF NOT EXISTS "${MIGRATIONS_TABLE}" (id INTEGER PRIMARY KEY AUTOINCREMENT, hash text NOT NULL, created_at numeric)`,
  );
}

function appliedTimestamps(sqlite: SqliteConnection): number[] {
  const exists = sqlite.prepare(`SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?`).get(MIGRATIONS_TABLE);
  if (!exists) return [];
  const rows = sqlite.prepare(`SELECT created_at FROM "${MIGRATIONS_TABLE}" ORDER BY created_at`).all() as {
    created_at: number;
  }[];
  return rows.map((r) => Number(r.created_at));
}

function refuseNewerDatabase(applied: number[], journal: JournalEntry[]): void {
  const known = new Set(journal.map((e) => e.when));
  if (applied.some((when) => !known.has(when))) {
    throw new AppError('DB_NEWER_THAN_APP', { found: applied.length, supported: journal.length });
  }
}

export function migrationStatus(sqlite: SqliteConnection, migrationsFolder: string): MigrationStatus {
  const journal = readJournal(migrationsFolder);
  const applied = appliedTimestamps(sqlite);
  const last = journal.filter((e) => applied.includes(e.when)).at(-1);
  return { applied: applied.length, known: journal.length, latestTag: last?.tag ?? null };
}

/**
 * Applies drizzle-kit's generated migrations in one transaction, with the guarantees docs/architecture.md §5
 * asks for: foreign keys off during the run (so a table rebuild does not cascade-delete children),
 * `foreign_key_check` before commit, refusal of a database written by a newer build, and a journal
 * whose timestamps strictly increase. On any failure the database is left exactly as it was.
 */
export function applyMigrations(sqlite: SqliteConnection, migrationsFolder: string): MigrationReport {
  const journal = readJournal(migrationsFolder);
  const files = readMigrationFiles({ migrationsFolder });
  ensureMigrationsTable(sqlite);
  const applied = appliedTimestamps(sqlite);
  refuseNewerDatabase(applied, journal);

  const lastApplied = applied.at(-1) ?? 0;
  const pending = files.map((file, i) => ({ file, entry: journal[i]! })).filter(({ file }) => file.folderMillis > lastApplied);

  const newlyApplied: string[] = [];
  if (pending.length > 0) {
    const foreignKeysWereOn = (sqlite.pragma('foreign_keys', { simple: true }) as number) === 1;
    sqlite.pragma('foreign_keys = OFF');
    try {
      sqlite.transaction(() => {
        const record = sqlite.prepare(`INSERT INTO "${MIGRATIONS_TABLE}" (hash, created_at) VALUES (?, ?)`);
        for (const { file, entry } of pending) {
          for (const statement of file.sql) {
            if (statement.trim()) sqlite.exec(statement);
          }
          record.run(file.hash, file.folderMillis);
          newlyApplied.push(entry.tag);
        }
        const violations = sqlite.pragma('foreign_key_check') as unknown[];
        if (violations.length > 0) {
          throw new Error(`foreign_key_check found ${violations.length} violation(s)`);
        }
      })();
    } catch (error) {
      if (error instanceof AppError) throw error;
      throw new AppError('DB_MIGRATION_FAILED', { details: (error as Error).message });
    } finally {
      if (foreignKeysWereOn) sqlite.pragma('foreign_keys = ON');
    }
  }

  const status = migrationStatus(sqlite, migrationsFolder);
  return { ...status, newlyApplied };
}
