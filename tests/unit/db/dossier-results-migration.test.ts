import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, readJournal } from '../../../db/migrate';
import { openDatabase } from '../../../db/open';
import { truncatedCopy } from '../../helpers/migrations';
import { repoRoot, tempDir } from '../../helpers/test-core';

const realMigrations = path.join(repoRoot, 'db', 'migrations');

function populatedBeforeResults() {
  const opened = openDatabase(path.join(tempDir(), 'test.sqlite'));
  const before = readJournal(realMigrations).findIndex((entry) => entry.tag === '0006_dossier_results');
  applyMigrations(opened.sqlite, truncatedCopy(realMigrations, before));
  opened.sqlite
    .prepare(
      `INSERT INTO dossiers (id, code, procedure_code, status, owner_identifier, owner_name, owner_phone, search_text, received_at, received_date, due_local, officer_account_id, register_book, register_number, view, updated_at)
       VALUES ('d1', '000.00.06.H56-261120-0001', '1.001', 10, '001090000001', 'Nguyễn Văn An', '0912345678', 'nguyen van an', '2026-11-20T02:00:00Z', '2026-11-20', NULL, NULL, '2026', 1, '{}', '2026-11-20T02:00:00Z')`,
    )
    .run();
  opened.sqlite
    .prepare(
      `INSERT INTO component_digitization (dossier_id, component_code, state, sha256, page_count, digitized_at, digitized_date) VALUES ('d1', 'TK', 1, ?, 1, 'x', '2026-11-20')`,
    )
    .run('a'.repeat(64));
  return opened;
}

describe('migration 0006_dossier_results on a populated database', () => {
  it('keeps dossiers and their digitization, and keeps result documents linked to a dossier, one per position', () => {
    const { sqlite } = populatedBeforeResults();
    const dossiersBefore = sqlite.prepare(`SELECT * FROM dossiers`).all();
    const statesBefore = sqlite.prepare(`SELECT * FROM component_digitization`).all();

    applyMigrations(sqlite, realMigrations);

    expect(sqlite.prepare(`SELECT * FROM dossiers`).all()).toEqual(dossiersBefore);
    expect(sqlite.prepare(`SELECT * FROM component_digitization`).all()).toEqual(statesBefore);
    const insert = sqlite.prepare(
      `INSERT INTO dossier_results (id, dossier_id, position, name, sha256, file_name, media_type, bytes, page_count, officer_account_id, recorded_at) VALUES (?, ?, 0, 'Giấy khai sinh', ?, 'kq.pdf', 'application/pdf', 10, 1, NULL, 'x')`,
    );
    insert.run('r1', 'd1', 'b'.repeat(64));
    expect(() => insert.run('r2', 'd1', 'c'.repeat(64))).toThrow(/UNIQUE/);
    expect(() => insert.run('r3', 'nope', 'c'.repeat(64))).toThrow(/FOREIGN KEY/);
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  });
});
