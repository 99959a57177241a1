import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzleNodePg } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import * as schema from './schema';

export type CentralDb = PgDatabase<PgQueryResultHKT, typeof schema>;
export type CentralTx = Parameters<Parameters<CentralDb['transaction']>[0]>[0];

export interface CentralDatabase {
  db: CentralDb;
  /** 'embedded' is PGlite in a data folder: one process at a time; 'postgres' is shared by every instance. */
  kind: 'embedded' | 'postgres';
  migrate(): Promise<void>;
  close(): Promise<void>;
}

export type DatabaseLocation = { dataDir: string } | { url: string };

export const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');

/** Any constant works; it only has to be the same for every gateway instance. */
const MIGRATION_LOCK_KEY = 0x51_55_41_59;

export async function openCentralDatabase(location: DatabaseLocation): Promise<CentralDatabase> {
  if ('url' in location) {
    const pool = new pg.Pool({ connectionString: location.url, max: 10 });
    return {
      db: drizzleNodePg(pool, { schema }),
      kind: 'postgres',
      async migrate() {
        // Instances started together would otherwise race to apply the same migration.
        const client = await pool.connect();
        try {
          await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
          try {
            await migrateNodePg(drizzleNodePg(client, { schema }), { migrationsFolder });
          } finally {
            await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
          }
        } finally {
          client.release();
        }
      },
      close: () => pool.end(),
    };
  }
  const pgDir = path.join(location.dataDir, 'pg');
  // The embedded database holds every dossier of the province: its folders are 0700, so PGlite's 0644 files inside
  // cannot be read by other users of the server (issue 17 finding 7).
  fs.mkdirSync(pgDir, { recursive: true, mode: 0o700 });
  if (process.platform !== 'win32') for (const dir of [location.dataDir, pgDir]) fs.chmodSync(dir, 0o700);
  const client = await PGlite.create(pgDir);
  const db = drizzlePglite(client, { schema });
  return {
    db,
    kind: 'embedded',
    migrate: () => migratePglite(db, { migrationsFolder }),
    close: () => client.close(),
  };
}
