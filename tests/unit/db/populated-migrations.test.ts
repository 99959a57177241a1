import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyMigrations } from '../../../db/migrate';
import { openDatabase, type SqliteConnection } from '../../../db/open';
import { migrationSteps, type MigrationStep } from '../../helpers/migrations';
import { repoRoot, tempDir } from '../../helpers/test-core';

/**
 * One counter database grows from migration 0000 to the latest. Each table (and each added column)
 * gets rows at the version where it appears; after every step the rows written before are all still
 * there, unchanged, every dossier is found by full-text search, and SQLite's integrity, foreign key
 * and FTS index checks pass. A migration that adds a table without a seeder here fails the test, so
 * the next schema change is covered on populated data too.
 */
const realMigrations = path.join(repoRoot, 'db', 'migrations');
const steps = migrationSteps(realMigrations);

const AGENCY = '000.00.06.H56';
const SHA = (c: string) => c.repeat(64);

interface SeededDossier {
  id: string;
  /** The owner's name as the look-up folds it: the words an officer would type. */
  words: string[];
  /** Index of the step after which it was inserted. */
  insertedAt: number;
}

function insertDossier(sqlite: SqliteConnection, id: string, ownerName: string, words: string[], register: number): void {
  const code = `${AGENCY}-261120-${String(register).padStart(4, '0')}`;
  sqlite
    .prepare(
      `INSERT INTO dossiers (id, code, procedure_code, status, owner_identifier, owner_name, owner_phone, search_text, received_at, received_date, due_local, officer_account_id, register_book, register_number, view, updated_at)
       VALUES (?, ?, '1.001', 2, ?, ?, '0912345678', ?, '2026-11-20T02:00:00Z', '2026-11-20', '2026-11-25T17:00', 'a2', '2026', ?, '{}', '2026-11-20T02:00:00Z')`,
    )
    .run(id, code, `00109000000${register}`, ownerName, `${words.join(' ')} ${code.toLowerCase()} dang ky khai sinh`, register);
}

/** What each table (or `table.column`) gets at the version where it first exists. */
const seeders: Record<string, (sqlite: SqliteConnection, seeded: SeededDossier[], step: number) => void> = {
  accounts: (sqlite) => {
    const insert = sqlite.prepare(
      `INSERT INTO accounts (id, username, full_name, role, password_hash, status, lock_reason, failed_attempts, must_change_password, created_at, updated_at, password_changed_at)
       VALUES (?, ?, ?, ?, 'scrypt$x', ?, ?, ?, 0, '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z', '2026-11-01T00:00:00Z')`,
    );
    insert.run('a1', 'quantri', 'Nguyễn Thị Quản Trị', 'admin', 'active', null, 0);
    insert.run('a2', 'canbo', 'Lê Văn Đức', 'officer', 'locked', 'failedAttempts', 5);
  },
  sessions: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO sessions (id, account_id, started_at, last_activity_at) VALUES ('s1', 'a1', '2026-11-02T00:00:00Z', '2026-11-02T00:05:00Z')`,
      )
      .run();
  },
  audit_log: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO audit_log (seq, at, actor_account_id, actor_username, action, subject, details, prev_hash, hash) VALUES (1, '2026-11-02T00:00:00Z', 'a1', 'quantri', 'auth.signedIn', 'quantri', '{}', ?, ?)`,
      )
      .run(SHA('0'), SHA('1'));
  },
  audit_head: (sqlite) => {
    sqlite.prepare(`INSERT INTO audit_head (id, seq, hash) VALUES (1, 1, ?)`).run(SHA('1'));
  },
  settings: (sqlite) => {
    sqlite
      .prepare(`INSERT INTO settings (key, value, updated_at) VALUES ('site', ?, '2026-11-01T00:00:00Z')`)
      .run(JSON.stringify({ agencyCode: AGENCY }));
  },
  procedures: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO procedures (id, code, name, sector_code, sector_name, level, duration_unit, duration_value, result_code, sample, active, updated_at)
         VALUES ('p1', '1.001', 'Đăng ký khai sinh', 'HT', 'Hộ tịch', 'xa', 'workingDays', 3, 'KQ01', 0, 1, '2026-11-01T00:00:00Z')`,
      )
      .run();
  },
  procedure_components: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO procedure_components (id, procedure_id, position, code, name, required, originals, copies, form_template) VALUES ('pc1', 'p1', 0, 'TK', 'Tờ khai đăng ký khai sinh', 1, 1, 0, 'form-01')`,
      )
      .run();
  },
  procedure_fees: (sqlite) => {
    sqlite
      .prepare(`INSERT INTO procedure_fees (id, procedure_id, position, kind, name, amount) VALUES ('pf1', 'p1', 0, 'fee', 'Lệ phí', 8000)`)
      .run();
  },
  calendar_days: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO calendar_days (date, kind, name, updated_at) VALUES ('2026-12-31', 'holiday', 'Nghỉ bù', '2026-11-01T00:00:00Z')`,
      )
      .run();
  },
  dossiers: (sqlite, seeded, step) => {
    insertDossier(sqlite, 'd-an', 'Nguyễn Văn An', ['nguyen', 'van', 'an'], 1);
    seeded.push({ id: 'd-an', words: ['nguyen', 'van', 'an'], insertedAt: step });
  },
  component_files: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO component_files (id, dossier_id, component_code, position, sha256, file_name, media_type, bytes) VALUES ('f1', 'd-an', 'TK', 0, ?, 'to-khai.pdf', 'application/pdf', 1234)`,
      )
      .run(SHA('a'));
  },
  dossier_events: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO dossier_events (id, dossier_id, type, status, at, actor_account_id, actor_name, payload) VALUES ('e1', 'd-an', 'received', 2, '2026-11-20T02:00:00Z', 'a2', 'Lê Văn Đức', '{}')`,
      )
      .run();
  },
  parties: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO parties (id, kind, identifier, full_name, details, updated_at) VALUES ('pa1', 'citizen', '001090000001', 'Nguyễn Văn An', '{}', '2026-11-20T02:00:00Z')`,
      )
      .run();
  },
  outbox: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO outbox (id, seq, dossier_id, kind, payload, created_at) VALUES ('o1', 1, 'd-an', 'dossier.received', '{}', '2026-11-20T02:00:00Z')`,
      )
      .run();
  },
  sequence_blocks: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO sequence_blocks (id, agency_code, date, first, last, source, created_at) VALUES ('sb1', ?, '2026-11-20', 1, 50, 'gateway', '2026-11-20T01:00:00Z')`,
      )
      .run(AGENCY);
  },
  sequence_usage: (sqlite) => {
    sqlite.prepare(`INSERT INTO sequence_usage (agency_code, date, sequence, dossier_id) VALUES (?, '2026-11-20', 1, 'd-an')`).run(AGENCY);
  },
  print_jobs: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO print_jobs (id, dossier_id, form_key, copies, status, created_at) VALUES ('pj1', 'd-an', 'receipt', 2, 'done', '2026-11-20T02:00:05Z')`,
      )
      .run();
  },
  dossier_search: (sqlite, seeded, step) => {
    // The index is fed by triggers from here on: a dossier received now must be found like the older one.
    insertDossier(sqlite, 'd-binh', 'Trần Thị Bình', ['tran', 'thi', 'binh'], 2);
    seeded.push({ id: 'd-binh', words: ['tran', 'thi', 'binh'], insertedAt: step });
  },
  component_digitization: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO component_digitization (dossier_id, component_code, state, sha256, page_count, officer_account_id, digitized_at, digitized_date) VALUES ('d-an', 'TK', 1, ?, 1, 'a2', '2026-11-20T02:10:00Z', '2026-11-20')`,
      )
      .run(SHA('a'));
  },
  scan_sessions: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO scan_sessions (id, procedure_code, officer_account_id, dossier_id, status, created_at, updated_at) VALUES ('ss1', '1.001', 'a2', 'd-binh', 'accepted', 'x', 'x')`,
      )
      .run();
  },
  scanned_pages: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO scanned_pages (id, session_id, component_code, position, original_sha256, original_media_type, cleaned_sha256, state, blank, rotation, source, captured_at)
         VALUES ('pg1', 'ss1', 'TK', 0, ?, 'image/png', ?, 'cleaned', 0, 90, 'scanner', '2026-11-20T02:05:00Z')`,
      )
      .run(SHA('b'), SHA('c'));
  },
  'scanned_pages.cleaned_media_type': (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO scanned_pages (id, session_id, component_code, position, original_sha256, original_media_type, cleaned_sha256, cleaned_media_type, state, source, captured_at)
         VALUES ('pg2', 'ss1', 'TK', 1, ?, 'image/jpeg', ?, 'image/webp', 'cleaned', 'scanner', '2026-11-20T02:06:00Z')`,
      )
      .run(SHA('d'), SHA('e'));
  },
  'component_files.signed_at': (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO component_files (id, dossier_id, component_code, position, sha256, file_name, media_type, bytes, signed_at) VALUES ('f2', 'd-an', 'GCS', 0, ?, 'giay-chung-sinh.pdf', 'application/pdf', 99, '2026-11-20T02:10:00.000Z')`,
      )
      .run(SHA('b'));
  },
  'procedures.duration_cutoff': (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO procedures (id, code, name, sector_code, sector_name, level, duration_unit, duration_value, duration_cutoff, result_code, sample, active, updated_at)
         VALUES ('p2', '2.000815', 'Chứng thực bản sao từ bản chính', 'CT', 'Chứng thực', 'commune', 'sameDay', 0, '11:00', 'KQ02', 0, 1, '2026-11-01T00:00:00Z')`,
      )
      .run();
  },
  'procedures.lead_agency': (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO procedures (id, code, name, sector_code, sector_name, level, duration_unit, duration_value, lead_agency, result_code, sample, active, updated_at)
         VALUES ('p3', '9.900008', 'Cấp Phiếu lý lịch tư pháp', 'TP', 'Tư pháp', 'province', 'workingDays', 10, 'Sở Tư pháp', NULL, 1, 1, '2026-11-01T00:00:00Z')`,
      )
      .run();
  },
  dossier_results: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO dossier_results (id, dossier_id, position, name, sha256, file_name, media_type, bytes, page_count, officer_account_id, recorded_at) VALUES ('r1', 'd-an', 0, 'Giấy khai sinh', ?, 'kq.pdf', 'application/pdf', 10, 1, 'a2', '2026-11-24T08:00:00Z')`,
      )
      .run(SHA('f'));
  },
  dossier_ratings: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO dossier_ratings (id, dossier_id, stage, rating, reasons, rated_at, counter_id, officer_id) VALUES ('rt1', 'd-an', 'reception', 'dissatisfied', '["waitTooLong"]', '2026-11-20T02:12:00.000Z', 'dev-1', 'a2')`,
      )
      .run();
  },
  file_verifications: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO file_verifications (sha256, trust_fingerprint, verdict, verified_at) VALUES (?, ?, '{"signed":false,"valid":false,"signatures":[]}', '2026-11-24T08:00:00Z')`,
      )
      .run(SHA('f'), SHA('0'));
  },
  held_dossier_files: (sqlite) => {
    sqlite
      .prepare(
        `INSERT INTO held_dossier_files (dossier_id, sha256, component_code, size, media_type, page_count) VALUES ('d-an', ?, 'KQ1', 10, 'application/pdf', 1)`,
      )
      .run(SHA('f'));
  },
};

/**
 * 0003 created the full-text index empty and fed it only by triggers, so dossiers already in a
 * database that stood at 0002 were missing from search until 0007 rebuilt the index. Only the
 * step-by-step walk stops in between; this pins that history rather than hiding it.
 */
const searchGap = {
  from: steps.findIndex((s) => s.tag === '0003_reception_history_and_search'),
  fixedBy: steps.findIndex((s) => s.tag === '0007_rebuild_dossier_search'),
};

type Schema = Map<string, { virtual: boolean; columns: string[] }>;

function readSchema(sqlite: SqliteConnection): Schema {
  const tables = sqlite
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name <> '__drizzle_migrations' ORDER BY name`,
    )
    .all() as {
    name: string;
    sql: string;
  }[];
  const virtual = tables.filter((t) => /^CREATE VIRTUAL TABLE/i.test(t.sql)).map((t) => t.name);
  const shadow = (name: string) => virtual.some((v) => name.startsWith(`${v}_`));
  const schema: Schema = new Map();
  for (const table of tables.filter((t) => !shadow(t.name))) {
    const isVirtual = virtual.includes(table.name);
    const columns = isVirtual ? [] : (sqlite.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(table.name) as string[]);
    schema.set(table.name, { virtual: isVirtual, columns });
  }
  return schema;
}

/** Every row of every ordinary table, sorted, with only the columns that existed when it was taken. */
function snapshot(sqlite: SqliteConnection, schema: Schema): Map<string, string[]> {
  const rows = new Map<string, string[]>();
  for (const [table, { virtual, columns }] of schema) {
    if (virtual) continue;
    const list = columns.map((c) => `"${c}"`).join(', ');
    rows.set(table, (sqlite.prepare(`SELECT ${list} FROM "${table}"`).all() as object[]).map((r) => JSON.stringify(r)).sort());
  }
  return rows;
}

function ftsIndexMatchesDossiers(sqlite: SqliteConnection): boolean {
  try {
    sqlite.prepare(`INSERT INTO dossier_search(dossier_search, rank) VALUES ('integrity-check', 1)`).run();
    return true;
  } catch {
    return false;
  }
}

function searchHits(sqlite: SqliteConnection, words: string[]): string[] {
  // The same MATCH form as the look-up (db/repositories/dossier-repository.ts): every word as a prefix.
  const match = words.map((w) => `"${w}"*`).join(' ');
  return sqlite
    .prepare(`SELECT id FROM dossiers WHERE rowid IN (SELECT rowid FROM dossier_search WHERE dossier_search MATCH ?) ORDER BY id`)
    .pluck()
    .all(match) as string[];
}

class GrowingDatabase {
  readonly sqlite = openDatabase(path.join(tempDir(), 'counter.sqlite')).sqlite;
  readonly seeded: SeededDossier[] = [];
  private schema: Schema = new Map();
  /** Index of the newest step this database has reached. */
  step = -1;

  /** Migrates to `target` (every step up to it, in one run as a new build would), then seeds what appeared. */
  migrateTo(target: number): void {
    const before = snapshot(this.sqlite, this.schema);
    const report = applyMigrations(this.sqlite, steps[target]!.folder);
    expect(report.applied).toBe(target + 1);
    const reached = steps[target]!.tag;

    const after = snapshot(this.sqlite, new Map([...this.schema].filter(([table]) => before.has(table))));
    for (const [table, rows] of before) expect(after.get(table), `${table} after ${reached}`).toEqual(rows);

    const schema = readSchema(this.sqlite);
    const appeared = [...schema].flatMap(([table, { columns }]) => {
      const known = this.schema.get(table);
      return known ? columns.filter((c) => !known.columns.includes(c)).map((c) => `${table}.${c}`) : [table];
    });
    const unseeded = appeared.filter((name) => !(name in seeders));
    if (unseeded.length > 0)
      throw new Error(`${unseeded.join(', ')} appear(s) at ${reached} but this fixture puts no rows there: add a seeder`);
    // Seeders are listed parents first, so foreign keys hold as the rows go in.
    for (const [name, seed] of Object.entries(seeders)) if (appeared.includes(name)) seed(this.sqlite, this.seeded, target);
    this.schema = schema;
    this.step = target;
    this.check(reached);
  }

  private check(reached: string): void {
    for (const [table, { virtual }] of this.schema) {
      if (!virtual)
        expect(this.sqlite.prepare(`SELECT count(*) FROM "${table}"`).pluck().get(), `rows in ${table} at ${reached}`).toBeGreaterThan(0);
    }
    if (this.schema.has('dossiers')) expect(this.sqlite.prepare(`SELECT count(*) FROM dossiers`).pluck().get()).toBe(this.seeded.length);
    expect(this.sqlite.pragma('integrity_check', { simple: true }), reached).toBe('ok');
    expect(this.sqlite.pragma('foreign_key_check'), reached).toEqual([]);
    if (!this.schema.has('dossier_search')) return;

    const inGap = this.step >= searchGap.from && this.step < searchGap.fixedBy;
    const missing = (d: SeededDossier) => inGap && d.insertedAt < searchGap.from;
    expect(ftsIndexMatchesDossiers(this.sqlite), `search index at ${reached}`).toBe(!this.seeded.some(missing));
    for (const dossier of this.seeded) {
      expect(searchHits(this.sqlite, dossier.words), `search for ${dossier.words.join(' ')} at ${reached}`).toEqual(
        missing(dossier) ? [] : [dossier.id],
      );
    }
  }
}

describe('client migrations on a populated database', () => {
  it('knows where the search gap starts and which migration closes it', () => {
    expect(searchGap.from).toBeGreaterThan(0);
    expect(searchGap.fixedBy).toBeGreaterThan(searchGap.from);
  });

  it('keeps every row, finds every dossier and passes the integrity checks at each version from 0000 to the latest', () => {
    const database = new GrowingDatabase();
    steps.forEach((step: MigrationStep, target) => {
      database.migrateTo(target);
      expect(database.step, step.tag).toBe(target);
    });
    expect(database.seeded.map((d) => d.id)).toEqual(['d-an', 'd-binh']);
  });

  it('upgrades a populated database of every older version to the latest in one run', () => {
    for (let base = 0; base < steps.length - 1; base++) {
      const database = new GrowingDatabase();
      for (let target = 0; target <= base; target++) database.migrateTo(target);
      database.migrateTo(steps.length - 1);
      for (const dossier of database.seeded)
        expect(searchHits(database.sqlite, dossier.words), `from ${steps[base]!.tag}`).toEqual([dossier.id]);
    }
  });
});
