import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { CentralDb } from './db/open';

export type GatewayBackupAnswer =
  | { command: 'backup'; file: string; bytes: number; sha256: string }
  | { command: 'backup'; problem: 'notEmbedded' | 'destinationUnavailable' };

/**
 * `quay-central backup --to DIR` (issue 18 §3): the embedded database as one gzip tarball of its data folder, taken by
 * PGlite itself — inside the running `serve` when there is one, so the copy is consistent — with its SHA-256 beside
 * it. A PostgreSQL gateway is backed up with pg_dump and WAL archiving instead (central/README.md); blobs are plain
 * files under <data>/blobs, copied with any file tool.
 */
export async function backupGatewayDatabase(db: CentralDb, destination: string, now: Date): Promise<GatewayBackupAnswer> {
  const client = (db as { $client?: unknown }).$client;
  if (!(client instanceof PGlite)) return { command: 'backup', problem: 'notEmbedded' };
  if (!fs.statSync(destination, { throwIfNoEntry: false })?.isDirectory()) return { command: 'backup', problem: 'destinationUnavailable' };
  const dump = await client.dumpDataDir('gzip');
  const bytes = Buffer.from(await dump.arrayBuffer());
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d+Z$/, 'Z');
  const file = path.join(destination, `quay-central-${stamp}.tar.gz`);
  const temporary = `${file}.tmp`;
  const handle = await fs.promises.open(temporary, 'wx', 0o600);
  try {
    await handle.writeFile(bytes);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await fs.promises.rename(temporary, file);
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  await fs.promises.writeFile(`${file}.sha256`, `${sha256}  ${path.basename(file)}\n`, { mode: 0o600 });
  return { command: 'backup', file, bytes: bytes.byteLength, sha256 };
}
