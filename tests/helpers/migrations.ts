import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from './test-core';

export interface MigrationSpec {
  tag: string;
  sql: string;
  when?: number;
}

/** Writes a drizzle-kit style migrations folder (journal + SQL files). */
export function writeMigrations(specs: MigrationSpec[], dir = tempDir('quay-migrations-')): string {
  fs.mkdirSync(path.join(dir, 'meta'), { recursive: true });
  const entries = specs.map((spec, idx) => ({ idx, version: '6', when: spec.when ?? 1_700_000_000_000 + idx * 1000, tag: spec.tag, breakpoints: true }));
  specs.forEach((spec) => fs.writeFileSync(path.join(dir, `${spec.tag}.sql`), spec.sql));
  fs.writeFileSync(path.join(dir, 'meta', '_journal.json'), JSON.stringify({ version: '7', dialect: 'sqlite', entries }));
  return dir;
}

/** A copy of a real migrations folder that knows only its first `count` migrations, as an older build would. */
export function truncatedCopy(source: string, count: number): string {
  const dir = tempDir('quay-migrations-');
  fs.cpSync(source, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: unknown[] };
  journal.entries = journal.entries.slice(0, count);
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  return dir;
}
