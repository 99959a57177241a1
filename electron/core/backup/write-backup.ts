import fs from 'node:fs';
import path from 'node:path';
import { sealDatabaseCopy } from '../../../db/database-copy';
import type { SqliteConnection } from '../../../db/open';
import { snapshotIdFor, snapshotsToDrop } from '../../../shared/backup/backup-plan';
import { AppError } from '../../../shared/ipc/result';
import { AUDIT_CHAIN_KEY_FILE } from '../audit/audit-chain-key';
import { FileKeyStore, keyFolder } from '../platform/key-store';
import { databasePath, DATA_AT_REST_KEY_FILE, deriveAtRestKeys, readDataAtRestSecret } from '../platform/data-at-rest-key';
import { isPlainDatabase } from '../../../db/encrypt-in-place';
import type { Clock } from '../platform/clock';
import {
  DATABASE_COPY,
  layoutOf,
  MANIFEST_FILE,
  MANIFEST_FORMAT,
  snapshotFolder,
  type BackupLayout,
  type BackupManifest,
} from './backup-layout';
import { copyFileHashed, syncFolder } from './copy-file';
import { sha256OfFile } from './hash-file';
import { latestManifest, listSnapshots, readManifest } from './read-manifest';
import { vacuumIntoOffLoop } from './vacuum-off-loop';
import { verifyBackup, type VerifyReport } from './verify-backup';

export interface BackupSource {
  /** The core's own connection: SQLite's online backup then stays consistent while the same connection writes. */
  sqlite: SqliteConnection;
  dataDir: string;
  /** The at-rest secret from Electron main's OS key store (issue 17 finding 7); absent, the data folder's keys/ file. */
  atRestSecret?: Buffer | null;
}

export interface BackupOptions {
  clock: Clock;
  appVersion: string;
  /** Snapshots kept at this destination after a verified run. */
  keep: number;
  /** Pages copied per step of SQLite's backup; between steps the core's loop serves other calls. */
  pagesPerStep?: number;
  /**
   * The pace of the file copy (16 MB/s when absent): a counter's disk is shared with the accepts going on, each of
   * which waits on its own flushes, and a backup has the whole evening — it need not take the disk from the officer.
   */
  bytesPerSecond?: number;
}

export interface BackupReport {
  destination: string;
  snapshot: string;
  databaseBytes: number;
  files: number;
  copiedFiles: number;
  copiedBytes: number;
  pruned: string[];
  verification: VerifyReport;
}

/**
 * One backup of a counter's data to one destination (docs/architecture.md §5, backup): the database through SQLite's
 * online backup API, the stored files copied once into the destination's pool, a manifest written last, a
 * verification, and only then the retention. Every step is asynchronous so reception goes on meanwhile.
 */
export async function writeBackup(source: BackupSource, destination: string, options: BackupOptions): Promise<BackupReport> {
  const layout = await prepareDestination(destination);
  const snapshot = await freshSnapshotId(layout, snapshotIdFor(options.clock.now()));
  const staging = path.join(layout.snapshots, `.${snapshot}.partial`);
  await fs.promises.rm(staging, { recursive: true, force: true });
  await fs.promises.mkdir(staging, { mode: 0o700 });
  try {
    const databaseFile = path.join(staging, DATABASE_COPY);
    const atRestSecret = isPlainDatabase(databasePath(source.dataDir))
      ? null
      : (source.atRestSecret ?? readDataAtRestSecret(new FileKeyStore(keyFolder(source.dataDir))));
    const databaseKey = atRestSecret ? deriveAtRestKeys(atRestSecret).database : undefined;
    await copyDatabase(source.sqlite, databaseFile, databaseKey, options.pagesPerStep ?? 256);
    sealDatabaseCopy(databaseFile, databaseKey);
    const database = await sha256OfFile(databaseFile);
    const known = await latestManifest(layout);
    const files = await copyStoredFiles(path.join(source.dataDir, 'files'), layout.pool, known, options.bytesPerSecond ?? 16 * 1024 * 1024);
    await copyAuditChainKey(keyFolder(source.dataDir), staging);
    // Like the audit chain's key: a restore onto a new PC opens the copy only with it, so the snapshot is as sensitive
    // as the counter's data folder and its destination must be kept like one (docs/architecture.md §5, backup).
    if (atRestSecret) await writeDurably(path.join(staging, DATA_AT_REST_KEY_FILE), atRestSecret);
    const manifest: BackupManifest = {
      format: MANIFEST_FORMAT,
      snapshot,
      createdAt: options.clock.now().toISOString(),
      appVersion: options.appVersion,
      database: { file: DATABASE_COPY, bytes: database.bytes, sha256: database.sha256 },
      files: files.entries,
    };
    await writeDurably(path.join(staging, MANIFEST_FILE), JSON.stringify(manifest));
    await fs.promises.rename(staging, snapshotFolder(layout, snapshot));
    await syncFolder(layout.snapshots);
    const verification = await verifyBackup(destination, { snapshot, hash: files.copied });
    const pruned = verification.ok ? await prune(layout, options.keep) : [];
    return {
      destination,
      snapshot,
      databaseBytes: database.bytes,
      files: files.entries.length,
      copiedFiles: files.copied.size,
      copiedBytes: files.copiedBytes,
      pruned,
      verification,
    };
  } catch (error) {
    await fs.promises.rm(staging, { recursive: true, force: true }).catch(() => undefined);
    if (error instanceof AppError) throw error;
    throw new AppError('BACKUP_WRITE_FAILED', { destination, details: error instanceof Error ? error.message : String(error) });
  }
}

/**
 * SQLite's online backup cannot write an encrypted target (SQLite3MultipleCiphers refuses source and target of
 * different ciphers, and better-sqlite3 opens the target without a key), so an encrypted database is copied with
 * `VACUUM INTO`, which writes the copy under the same key in one consistent read transaction, on a connection of its own in
 * a worker thread so the core's loop stays free (docs/architecture.md §5, backup); a plain database keeps the paced
 * online backup.
 */
async function copyDatabase(sqlite: SqliteConnection, file: string, key: Buffer | undefined, pagesPerStep: number): Promise<void> {
  if (!key) {
    await sqlite.backup(file, { progress: () => pagesPerStep });
    return;
  }
  await vacuumIntoOffLoop(sqlite.name, file, key);
}

/**
 * The audit chain is keyed with a key kept outside the database (issue 17 finding 6): a restored counter can verify its
 * history only with that key, so each snapshot carries it (0600) beside the database copy.
 */
async function copyAuditChainKey(keys: string, staging: string): Promise<void> {
  const source = path.join(keys, AUDIT_CHAIN_KEY_FILE);
  if (!fs.existsSync(source)) return;
  await fs.promises.copyFile(source, path.join(staging, AUDIT_CHAIN_KEY_FILE));
  await fs.promises.chmod(path.join(staging, AUDIT_CHAIN_KEY_FILE), 0o600);
}

/**
 * The destination folder itself must already exist: a USB drive that is not plugged in must fail the run, not make a
 * folder of the same name on the system disk and call that a second copy.
 */
async function prepareDestination(destination: string): Promise<BackupLayout> {
  const stat = await fs.promises.stat(destination).catch(() => null);
  if (!stat?.isDirectory()) throw new AppError('BACKUP_DESTINATION_UNAVAILABLE', { destination });
  const layout = layoutOf(destination);
  await fs.promises.mkdir(layout.pool, { recursive: true, mode: 0o700 });
  await fs.promises.mkdir(layout.snapshots, { recursive: true, mode: 0o700 });
  return layout;
}

async function freshSnapshotId(layout: BackupLayout, base: string): Promise<string> {
  const existing = new Set(await listSnapshots(layout));
  if (!existing.has(base)) return base;
  let n = 2;
  while (existing.has(`${base}-${n}`)) n += 1;
  return `${base}-${n}`;
}

interface CopiedFiles {
  entries: BackupManifest['files'];
  copied: Set<string>;
  copiedBytes: number;
}

/**
 * Stored files are content-addressed and never change, so a file already in the pool with the same size is not copied
 * again; its hash comes from the previous manifest, or is computed once when the pool predates it.
 */
async function copyStoredFiles(
  sourceRoot: string,
  pool: string,
  known: BackupManifest | null,
  bytesPerSecond: number,
): Promise<CopiedFiles> {
  const knownHashes = new Map(known?.files.map(([name, bytes, sha256]) => [name, { bytes, sha256 }]) ?? []);
  const result: CopiedFiles = { entries: [], copied: new Set(), copiedBytes: 0 };
  for (const name of await listStoredFiles(sourceRoot)) {
    const source = path.join(sourceRoot, name);
    const target = path.join(pool, name);
    const sourceBytes = (await fs.promises.stat(source)).size;
    const targetBytes = (await fs.promises.stat(target).catch(() => null))?.size;
    if (targetBytes === sourceBytes) {
      const hash = knownHashes.get(name);
      const sha256 = hash && hash.bytes === sourceBytes ? hash.sha256 : (await sha256OfFile(target)).sha256;
      result.entries.push([name, sourceBytes, sha256]);
      continue;
    }
    await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
    const copy = await copyFileHashed(source, target);
    result.entries.push([name, copy.bytes, copy.sha256]);
    result.copied.add(name);
    result.copiedBytes += copy.bytes;
    await pause((copy.bytes / bytesPerSecond) * 1000);
  }
  return result;
}

/** Gives the loop and the disk back between files; at least a turn of the loop even for a small file. */
function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(1, Math.round(ms))));
}

/** `ab/cdef…` names of the file store; temporary files of a write in progress are not stored files. */
async function listStoredFiles(root: string): Promise<string[]> {
  const names: string[] = [];
  const folders = await fs.promises.readdir(root).catch(() => [] as string[]);
  for (const folder of folders.filter((name) => /^[0-9a-f]{2}$/.test(name)).sort()) {
    for (const file of (await fs.promises.readdir(path.join(root, folder))).sort()) {
      if (/^[0-9a-f]{62}$/.test(file)) names.push(`${folder}/${file}`);
    }
  }
  return names;
}

async function writeDurably(file: string, text: string | Buffer): Promise<void> {
  const handle = await fs.promises.open(file, 'wx', 0o600);
  try {
    await handle.writeFile(text);
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Drops snapshots beyond `keep`, then the pool files no remaining manifest names. */
async function prune(layout: BackupLayout, keep: number): Promise<string[]> {
  const dropped = snapshotsToDrop(await listSnapshots(layout), keep);
  for (const snapshot of dropped) await fs.promises.rm(snapshotFolder(layout, snapshot), { recursive: true, force: true });
  const referenced = new Set<string>();
  for (const snapshot of await listSnapshots(layout)) {
    const manifest = await readManifest(layout, snapshot);
    // A snapshot we cannot read might still hold files someone wants: keep the whole pool rather than guess.
    if (!manifest) return dropped;
    for (const [name] of manifest.files) referenced.add(name);
  }
  for (const name of await listStoredFiles(layout.pool)) {
    if (!referenced.has(name)) await fs.promises.rm(path.join(layout.pool, name), { force: true });
  }
  return dropped;
}
