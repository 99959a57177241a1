import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations, readJournal } from '../../../db/migrate';
import { openDatabase } from '../../../db/open';
import { truncatedCopy } from '../../helpers/migrations';
import { repoRoot, tempDir } from '../../helpers/test-core';

const realMigrations = path.join(repoRoot, 'db', 'migrations');

function populatedBeforeDigitization() {
  const opened = openDatabase(path.join(tempDir(), 'test.sqlite'));
  const before = readJournal(realMigrations).findIndex((entry) => entry.tag === '0004_digitization');
  applyMigrations(opened.sqlite, truncatedCopy(realMigrations, before));
  const { sqlite } = opened;
  sqlite
    .prepare(
      `INSERT INTO accounts (id, username, full_name, role, password_hash, status, lock_reason, failed_attempts, must_change_password, created_at, updated_at, password_changed_at)
       VALUES ('a1', 'canbo', 'Lê Văn Đức', 'officer', 'scrypt$x', 'active', NULL, 0, 0, '2026-11-20T00:00:00Z', '2026-11-20T00:00:00Z', '2026-11-20T00:00:00Z')`,
    )
    .run();
  sqlite
    .prepare(
      `INSERT INTO dossiers (id, code, procedure_code, status, owner_identifier, owner_name, owner_phone, search_text, received_at, received_date, due_local, officer_account_id, register_book, register_number, view, updated_at)
       VALUES ('d1', '000.00.06.H56-261120-0001', '1.001', 2, '001090000001', 'Nguyễn Văn An', '0912345678', 'nguyen van an', '2026-11-20T02:00:00Z', '2026-11-20', NULL, 'a1', '2026', 1, '{}', '2026-11-20T02:00:00Z')`,
    )
    .run();
  sqlite
    .prepare(
      `INSERT INTO component_files (id, dossier_id, component_code, position, sha256, file_name, media_type, bytes) VALUES ('f1', 'd1', 'TK', 0, ?, 'to-khai.pdf', 'application/pdf', 1234)`,
    )
    .run('a'.repeat(64));
  return opened;
}

describe('migration 0004_digitization on a populated database', () => {
  it('keeps dossiers and their files, and adds the page recovery index linked to them', () => {
    const { sqlite } = populatedBeforeDigitization();
    const dossiersBefore = sqlite.prepare(`SELECT * FROM dossiers`).all();
    const filesBefore = sqlite.prepare(`SELECT * FROM component_files`).all();

    applyMigrations(sqlite, realMigrations);

    expect(sqlite.prepare(`SELECT * FROM dossiers`).all()).toEqual(dossiersBefore);
    // Later migrations add columns that start empty: 0010's signed_at (no file received before signing is signed).
    expect(sqlite.prepare(`SELECT * FROM component_files`).all()).toEqual(
      filesBefore.map((row) => ({ ...(row as object), signed_at: null })),
    );
    sqlite
      .prepare(
        `INSERT INTO scan_sessions (id, procedure_code, officer_account_id, dossier_id, status, created_at, updated_at) VALUES ('s1', '1.001', 'a1', 'd1', 'accepted', 'x', 'x')`,
      )
      .run();
    sqlite
      .prepare(
        `INSERT INTO scanned_pages (id, session_id, component_code, position, original_sha256, original_media_type, state, source, captured_at) VALUES ('p1', 's1', 'TK', 0, ?, 'image/png', 'captured', 'test', 'x')`,
      )
      .run('b'.repeat(64));
    sqlite
      .prepare(
        `INSERT INTO component_digitization (dossier_id, component_code, state, sha256, page_count, digitized_at, digitized_date) VALUES ('d1', 'TK', 1, ?, 1, 'x', '2026-11-20')`,
      )
      .run('a'.repeat(64));
    const page = sqlite.prepare(`SELECT blank, rotation, state, cleaned_media_type FROM scanned_pages WHERE id = 'p1'`).get();
    expect(page).toEqual({ blank: 0, rotation: 0, state: 'captured', cleaned_media_type: null });
    expect(sqlite.pragma('foreign_key_check')).toEqual([]);
  });

  it('refuses a page whose session does not exist', () => {
    const { sqlite } = populatedBeforeDigitization();
    applyMigrations(sqlite, realMigrations);
    expect(() =>
      sqlite
        .prepare(
          `INSERT INTO scanned_pages (id, session_id, component_code, position, original_sha256, original_media_type, state, source, captured_at) VALUES ('p1', 'nope', 'TK', 0, ?, 'image/png', 'captured', 'test', 'x')`,
        )
        .run('b'.repeat(64)),
    ).toThrow(/FOREIGN KEY/);
  });
});
