import { randomBytes } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { dropTestDatabase } from '../helpers/drop-database';
import { migrationsFolder } from '../../central/db/open';
import { migrationSteps } from '../helpers/migrations';

/**
 * The gateway's database grows from migration 0000 to the latest, on embedded PostgreSQL (PGlite,
 * what a small province runs) and on the real server. Each table and added column gets rows at the
 * version where it appears; after every step the rows written before are still there unchanged, and
 * every foreign key is validated and has no orphan. A migration that adds a table or column without
 * a seeder here fails the test.
 */
const steps = migrationSteps(migrationsFolder);
const ADMIN_URL = process.env.QUAY_TEST_PG_URL ?? 'postgres://quay:quay@127.0.0.1:5432/quay_test';
const AGENCY = '000.00.06.H56';
const SHA = (c: string) => c.repeat(64);

interface Target {
  query(text: string, params?: unknown[]): Promise<{ rows: Record<string, unknown>[] }>;
  migrate(folder: string): Promise<void>;
  close(): Promise<void>;
}

type Seeder = (target: Target) => Promise<unknown>;

/** What each table (or `table.column`) gets at the version where it first exists, parents first. */
const seeders: Record<string, Seeder> = {
  devices: (t) =>
    t.query(`insert into devices (id, agency_code, counter_name, credential_hash) values ('dev1', $1, 'Quầy 1', $2)`, [AGENCY, SHA('a')]),
  enrolment_codes: (t) =>
    t.query(
      `insert into enrolment_codes (code_hash, agency_code, counter_name, expires_at, used_at, device_id) values ($1, $2, 'Quầy 1', '2026-11-02T00:00:00Z', '2026-11-01T08:00:00Z', 'dev1')`,
      [SHA('b'), AGENCY],
    ),
  blobs: (t) => t.query(`insert into blobs (sha256, size, complete) values ($1, 1234, true)`, [SHA('c')]),
  dossiers: (t) =>
    t.query(`insert into dossiers (code, agency_code, device_id, status, view) values ($1, $2, 'dev1', 2, $3)`, [
      `${AGENCY}-261120-0001`,
      AGENCY,
      JSON.stringify({ ownerName: 'Nguyễn Văn An' }),
    ]),
  dossier_events: (t) =>
    t.query(
      `insert into dossier_events (id, dossier_code, type, at, payload) values ('e1', $1, 'received', '2026-11-20T02:00:00Z', '{}')`,
      [`${AGENCY}-261120-0001`],
    ),
  applied_commands: (t) =>
    t.query(
      `insert into applied_commands (command_id, device_id, kind, dossier_code, result) values ('c1', 'dev1', 'dossier.received', $1, $2)`,
      [`${AGENCY}-261120-0001`, JSON.stringify({ status: 'applied' })],
    ),
  request_nonces: (t) => t.query(`insert into request_nonces (device_id, nonce, expires_at) values ('dev1', 'n1', '2026-11-20T02:05:00Z')`),
  backoffice_tokens: (t) =>
    t.query(`insert into backoffice_tokens (id, name, token_hash) values ('bt1', 'Một cửa điện tử tỉnh', $1)`, [SHA('d')]),
  central_changes: (t) =>
    t.query(`insert into central_changes (kind, key, agency_code, data) values ('dossier', $1, $2, '{}')`, [
      `${AGENCY}-261120-0001`,
      AGENCY,
    ]),
  dossier_files: (t) =>
    t.query(
      `insert into dossier_files (dossier_code, component_code, sha256, size, media_type, page_count, command_id) values ($1, 'TK', $2, 1234, 'application/pdf', 1, 'c1')`,
      [`${AGENCY}-261120-0001`, SHA('c')],
    ),
  sequence_counters: (t) => t.query(`insert into sequence_counters (agency_code, day, next_first) values ($1, '2026-11-20', 51)`, [AGENCY]),
  sequence_leases: (t) =>
    t.query(`insert into sequence_leases (agency_code, day, first, last, device_id) values ($1, '2026-11-20', 1, 50, 'dev1')`, [AGENCY]),
  'blobs.completed_at': (t) =>
    t.query(`insert into blobs (sha256, size, complete, completed_at) values ($1, 99, true, '2026-11-20T02:01:00Z')`, [SHA('e')]),
  'devices.expected_daily_dossiers': (t) =>
    t.query(
      `insert into devices (id, agency_code, counter_name, credential_hash, expected_daily_dossiers) values ('dev2', $1, 'Quầy 2', $2, 120)`,
      [AGENCY, SHA('f')],
    ),
  'enrolment_codes.expected_daily_dossiers': (t) =>
    t.query(
      `insert into enrolment_codes (code_hash, agency_code, counter_name, expected_daily_dossiers, expires_at) values ($1, $2, 'Quầy 3', 80, '2026-11-02T00:00:00Z')`,
      [SHA('1'), AGENCY],
    ),
  dvcqg_outbox: (t) =>
    t.query(
      `insert into dvcqg_outbox (dossier_code, event_id, operation, state, attempts, last_error) values ($1, 'e1', 'DongBoHoSoMC', 'dead', 3, '-1: MaTTHC không có trong danh mục')`,
      [`${AGENCY}-261120-0001`],
    ),
  notification_outbox: (t) =>
    t.query(
      `insert into notification_outbox (dossier_code, event_id, channel, state, template) values ($1, 'e1', 'sms', 'sent', 'received')`,
      [`${AGENCY}-261120-0001`],
    ),
  'dossier_files.signed': (t) =>
    t.query(
      `insert into dossier_files (dossier_code, component_code, sha256, size, media_type, page_count, command_id, signed) values ($1, 'GCS', $2, 99, 'application/pdf', 1, 'c1', true)`,
      [`${AGENCY}-261120-0001`, SHA('e')],
    ),
  agency_authorities: (t) =>
    t.query(
      `insert into agency_authorities (actor_agency_code, for_agency_code, kind, effective_from) values ('003.02.06.H56', $1, 'successor', '2025-07-01')`,
      [AGENCY],
    ),
  online_dossiers: (t) =>
    t.query(
      `insert into online_dossiers (id, source, external_id, channel, agency_code, procedure_code, submitted_at, deadline, submission, claimed_by, claimed_by_name, claim_device_id, claimed_until, decision, decision_id, decided_by, decided_at, dossier_code) values ('0190a5c8-0000-7000-8000-0000000000aa', 'portal', 'p-1', 2, $1, '1.001193.000.00.00.H56', '2026-11-20T10:20:00Z', '2026-11-23T11:30', '{"ChuHoSo":"Nguyễn Văn An"}', 'lan.nt', 'Nguyễn Thị Lan', 'dev1', '2026-11-23T01:15:00Z', 'accepted', '0190a5c8-0000-7000-8000-0000000000ab', 'lan.nt', '2026-11-23T01:10:00Z', $2)`,
      [AGENCY, `${AGENCY}-261123-0001`],
    ),
  audit_anchors: (t) =>
    t.query(`insert into audit_anchors (device_id, seq, hash, verdict, at) values ('dev1', 42, $1, 'anchored', '2026-11-20T02:20:00Z')`, [
      SHA('7'),
    ]),
  // The migration itself gives the agency of each dossier its files; another agency holds one more.
  blob_holders: (t) =>
    t.query(`insert into blob_holders (agency_code, sha256, since) values ('003.02.06.H56', $1, '2026-11-20T02:30:00Z')`, [SHA('c')]),
  'backoffice_tokens.scopes': (t) =>
    t.query(`insert into backoffice_tokens (id, name, token_hash, scopes) values ('bt2', 'Cổng DVCQG', $1, ARRAY['dvcqg']::text[])`, [
      SHA('8'),
    ]),
  dossier_ratings: (t) =>
    t.query(
      `insert into dossier_ratings (id, dossier_code, stage, rating, reasons, rated_at, counter_id, officer_id, command_id) values ('rt1', $1, 'reception', 'dissatisfied', '["guidance"]', '2026-11-20T02:10:00Z', 'dev1', 'lan.nt', 'c9')`,
      [`${AGENCY}-261120-0001`],
    ),
  online_decision_outbox: (t) =>
    t.query(
      `insert into online_decision_outbox (online_dossier_id, decision_id, target, state, attempts, detail) values ('0190a5c8-0000-7000-8000-0000000000aa', '0190a5c8-0000-7000-8000-0000000000ac', 'dvcqg', 'pending', 1, 'HTTP 503')`,
    ),
  // A refusal that sent its Form 03 as a stored blob; the flag says it went unsigned.
  'online_dossiers.form_sha256': (t) =>
    t.query(
      `insert into online_dossiers (id, source, external_id, channel, agency_code, procedure_code, submitted_at, deadline, submission, decision, decision_id, decided_by, decided_at, reason, form_sha256) values ('0190a5c8-0000-7000-8000-0000000000ad', 'portal', 'p-2', 2, $1, '1.001193.000.00.00.H56', '2026-11-20T10:40:00Z', '2026-11-23T11:30', '{"ChuHoSo":"Trần Văn Bình"}', 'refused', '0190a5c8-0000-7000-8000-0000000000ae', 'lan.nt', '2026-11-23T01:20:00Z', 'Không thuộc thẩm quyền', $2)`,
      [AGENCY, SHA('c')],
    ),
  'online_dossiers.form_signed': (t) => t.query(`update online_dossiers set form_signed = false where form_sha256 is not null`),
  online_dossier_files: (t) =>
    t.query(
      `insert into online_dossier_files (online_dossier_id, position, component_code, name, url, state, sha256, size, media_type, attempts) values ('0190a5c8-0000-7000-8000-0000000000aa', 0, 'TP01', 'to-khai.pdf', 'https://dichvucong.example/f/1', 'stored', $1, 1234, 'application/pdf', 1)`,
      [SHA('c')],
    ),
};

type Schema = Map<string, string[]>;

async function readSchema(target: Target): Promise<Schema> {
  const { rows } = await target.query(
    `select c.table_name, c.column_name from information_schema.columns c join information_schema.tables t using (table_schema, table_name)
     where c.table_schema = 'public' and t.table_type = 'BASE TABLE' order by c.table_name, c.ordinal_position`,
  );
  const schema: Schema = new Map();
  for (const row of rows) {
    const table = String(row.table_name);
    schema.set(table, [...(schema.get(table) ?? []), String(row.column_name)]);
  }
  return schema;
}

/** Every row of every table, sorted, with only the columns that existed when it was taken. */
async function snapshot(target: Target, schema: Schema): Promise<Map<string, string[]>> {
  const rows = new Map<string, string[]>();
  for (const [table, columns] of schema) {
    const list = columns.map((c) => `"${c}"`).join(', ');
    const result = await target.query(`select row_to_json(x)::text as row from (select ${list} from "${table}") x`);
    rows.set(table, result.rows.map((r) => String(r.row)).sort());
  }
  return rows;
}

/** PostgreSQL enforces foreign keys as rows go in, but a constraint added NOT VALID skips the rows already there. */
async function foreignKeyProblems(target: Target): Promise<string[]> {
  const { rows } = await target.query(
    `select con.conname, con.convalidated, child.relname as child, parent.relname as parent,
            (select array_agg(a.attname::text order by k.ord) from unnest(con.conkey) with ordinality k(num, ord) join pg_attribute a on a.attrelid = con.conrelid and a.attnum = k.num) as child_columns,
            (select array_agg(a.attname::text order by k.ord) from unnest(con.confkey) with ordinality k(num, ord) join pg_attribute a on a.attrelid = con.confrelid and a.attnum = k.num) as parent_columns
     from pg_constraint con join pg_class child on child.oid = con.conrelid join pg_class parent on parent.oid = con.confrelid
     join pg_namespace ns on ns.oid = con.connamespace
     where con.contype = 'f' and ns.nspname = 'public' order by con.conname`,
  );
  const problems: string[] = [];
  for (const fk of rows) {
    if (fk.convalidated !== true) problems.push(`${String(fk.conname)} is not validated`);
    const childColumns = fk.child_columns as string[];
    const parentColumns = fk.parent_columns as string[];
    const joined = childColumns.map((c, i) => `p."${parentColumns[i]}" = c."${c}"`).join(' and ');
    const present = childColumns.map((c) => `c."${c}" is not null`).join(' and ');
    const orphans = await target.query(
      `select count(*)::int as n from "${String(fk.child)}" c where ${present} and not exists (select 1 from "${String(fk.parent)}" p where ${joined})`,
    );
    if (orphans.rows[0]!.n !== 0)
      problems.push(`${String(fk.conname)}: ${String(orphans.rows[0]!.n)} orphan row(s) in ${String(fk.child)}`);
  }
  return problems;
}

class GrowingDatabase {
  private schema: Schema = new Map();
  foreignKeys = 0;

  constructor(readonly target: Target) {}

  /** Migrates to `target` (every step up to it in one run, as a newer gateway would), then seeds what appeared. */
  async migrateTo(target: number): Promise<void> {
    const reached = steps[target]!.tag;
    const before = await snapshot(this.target, this.schema);
    await this.target.migrate(steps[target]!.folder);
    const after = await snapshot(this.target, this.schema);
    for (const [table, rows] of before) expect(after.get(table), `${table} after ${reached}`).toEqual(rows);

    const schema = await readSchema(this.target);
    const appeared = [...schema].flatMap(([table, columns]) => {
      const known = this.schema.get(table);
      return known ? columns.filter((c) => !known.includes(c)).map((c) => `${table}.${c}`) : [table];
    });
    const unseeded = appeared.filter((name) => !(name in seeders));
    if (unseeded.length > 0)
      throw new Error(`${unseeded.join(', ')} appear(s) at ${reached} but this fixture puts no rows there: add a seeder`);
    for (const [name, seed] of Object.entries(seeders)) if (appeared.includes(name)) await seed(this.target);
    this.schema = schema;

    for (const table of schema.keys()) {
      const { rows } = await this.target.query(`select count(*)::int as n from "${table}"`);
      expect(rows[0]!.n, `rows in ${table} at ${reached}`).toBeGreaterThan(0);
    }
    expect(await foreignKeyProblems(this.target), reached).toEqual([]);
    const { rows } = await this.target.query(
      `select count(*)::int as n from pg_constraint where contype = 'f' and connamespace = 'public'::regnamespace`,
    );
    this.foreignKeys = Number(rows[0]!.n);
  }
}

async function embedded(): Promise<Target> {
  const client = await PGlite.create();
  const db = drizzlePglite(client);
  return {
    query: (text, params) => client.query(text, params),
    migrate: (folder) => migratePglite(db, { migrationsFolder: folder }),
    close: () => client.close(),
  };
}

const createdDatabases: string[] = [];

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 10_000 });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${ADMIN_URL.replace(/:[^:@/]+@/, ':***@')} (${error instanceof Error ? error.message : String(error)}). Start it with scripts/setup.sh; this test needs the real server and does not skip.`,
    );
  }
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function server(): Promise<Target> {
  const name = `quay_migrations_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`create database ${name}`));
  createdDatabases.push(name);
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  const pool = new pg.Pool({ connectionString: url.toString(), max: 2 });
  const db = drizzleNodePg(pool);
  return {
    query: (text, params) => pool.query(text, params),
    migrate: (folder) => migrateNodePg(db, { migrationsFolder: folder }),
    close: () => pool.end(),
  };
}

afterAll(async () => {
  if (createdDatabases.length === 0) return;
  await admin(async (client) => {
    for (const name of createdDatabases) await dropTestDatabase(client, name);
  });
});

async function walkEveryVersion(target: Target): Promise<void> {
  const database = new GrowingDatabase(target);
  try {
    for (let step = 0; step < steps.length; step++) await database.migrateTo(step);
    expect(database.foreignKeys).toBeGreaterThan(0);
  } finally {
    await target.close();
  }
}

describe('gateway migrations on a populated database', () => {
  it(
    'keeps every row with valid foreign keys at each version from 0000 to the latest on PGlite',
    async () => walkEveryVersion(await embedded()),
    180_000,
  );

  it(
    'keeps every row with valid foreign keys at each version from 0000 to the latest on PostgreSQL',
    async () => walkEveryVersion(await server()),
    120_000,
  );

  it('upgrades a populated database of every older version to the latest in one run on PostgreSQL', async () => {
    for (let base = 0; base < steps.length - 1; base++) {
      const database = new GrowingDatabase(await server());
      try {
        for (let step = 0; step <= base; step++) await database.migrateTo(step);
        await database.migrateTo(steps.length - 1);
      } finally {
        await database.target.close();
      }
    }
  }, 120_000);
});
