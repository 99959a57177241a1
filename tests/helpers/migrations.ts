import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export interface MigrationSpec {
  tag: string;
  sql: string;
  when?: number;
}

/** Gateway tests use these helpers too, so this file stays free of the counter's core (tests/helpers/test-core). */
function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'quay-migrations-'));
}

/** Writes a drizzle-kit style migrations folder (journal + SQL files). */
export function writeMigrations(specs: MigrationSpec[], dir = tempDir()): string {
  fs.mkdirSync(path.join(dir, 'meta'), { recursive: true });
  const entries = specs.map((spec, idx) => ({
    idx,
    version: '6',
    when: spec.when ?? 1_700_000_000_000 + idx * 1000,
    tag: spec.tag,
    breakpoints: true,
  }));
  specs.forEach((spec) => fs.writeFileSync(path.join(dir, `${spec.tag}.sql`), spec.sql));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'sqlite', entries }));
  return dir;
}

/** A copy of a real migrations folder that knows only its first `count` migrations, as an older build would. */
export function truncatedCopy(source: string, count: number): string {
  const dir = tempDir();
  fs.cpSync(source, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}

export interface MigrationStep {
  /** The migration this step adds, e.g. `0003_reception_history_and_search`. */
  tag: string;
  /** A migrations folder that knows every migration up to and including this one. */
  folder: string;
}

/** Every build's view of a real migrations folder, oldest first: applying them in turn walks a database through each version. */
export function migrationSteps(source: string): MigrationStep[] {
  const journal = JSON.parse(fs.readFileSync(path.join(source, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
  return journal.entries.map((entry, i) => ({ tag: entry.tag, folder: truncatedCopy(source, i + 1) }));
}
