import fs from 'node:fs';
import path from 'node:path';
import { checkDatabaseCopy } from '../../../db/database-copy';
import { DATA_AT_REST_KEY_FILE, deriveAtRestKeys } from '../platform/data-at-rest-key';
import { DATABASE_COPY, layoutOf, snapshotFolder, type BackupManifest } from './backup-layout';
import { sha256OfFile } from './hash-file';
import { listSnapshots, readManifest } from './read-manifest';

export type BackupProblem =
  | { kind: 'noSnapshot' }
  | { kind: 'manifestUnreadable'; snapshot: string }
  | { kind: 'databaseMissing' }
  | { kind: 'databaseChanged' }
  | { kind: 'databaseDamaged'; details: string[] }
  | { kind: 'fileMissing'; name: string }
  | { kind: 'fileChanged'; name: string };

export interface VerifyReport {
  destination: string;
  snapshot: string | null;
  createdAt: string | null;
  ok: boolean;
  dossiers: number;
  files: number;
  /** Files whose bytes were read and hashed; the others were checked for presence and size. */
  hashedFiles: number;
  problems: BackupProblem[];
}

export interface VerifyOptions {
  /** The newest snapshot when absent. */
  snapshot?: string;
  /**
   * `all` re-reads every stored file (`quay backup verify`, a restore); a list limits hashing to files just copied,
   * whose bytes the run already hashed on the way — the check after each daily run, which must not re-read the pool.
   */
  hash: 'all' | ReadonlySet<string>;
}

/** Reports every problem it finds rather than stopping at the first: site IT needs the whole picture. */
export async function verifyBackup(destination: string, options: VerifyOptions): Promise<VerifyReport> {
  const layout = layoutOf(destination);
  const snapshot = options.snapshot ?? (await listSnapshots(layout)).at(-1) ?? null;
  const report: VerifyReport = { destination, snapshot, createdAt: null, ok: false, dossiers: 0, files: 0, hashedFiles: 0, problems: [] };
  if (!snapshot) {
    report.problems.push({ kind: 'noSnapshot' });
    return report;
  }
  const manifest = await readManifest(layout, snapshot);
  if (!manifest) {
    report.problems.push({ kind: 'manifestUnreadable', snapshot });
    return report;
  }
  report.createdAt = manifest.createdAt;
  await checkDatabase(path.join(snapshotFolder(layout, snapshot), DATABASE_COPY), manifest, report);
  await checkFiles(layout.pool, manifest, options.hash, report);
  report.ok = report.problems.length === 0;
  return report;
}

async function checkDatabase(file: string, manifest: BackupManifest, report: VerifyReport): Promise<void> {
  if (!fs.existsSync(file)) {
    report.problems.push({ kind: 'databaseMissing' });
    return;
  }
  const { sha256 } = await sha256OfFile(file);
  if (sha256 !== manifest.database.sha256) {
    report.problems.push({ kind: 'databaseChanged' });
    return;
  }
  try {
    const secretFile = path.join(path.dirname(file), DATA_AT_REST_KEY_FILE);
    const key = fs.existsSync(secretFile) ? deriveAtRestKeys(fs.readFileSync(secretFile)).database : undefined;
    const check = checkDatabaseCopy(file, key);
    report.dossiers = check.dossiers;
    if (!check.ok) report.problems.push({ kind: 'databaseDamaged', details: check.details.slice(0, 20) });
  } catch (error) {
    report.problems.push({ kind: 'databaseDamaged', details: [error instanceof Error ? error.message : String(error)] });
  }
}

async function checkFiles(pool: string, manifest: BackupManifest, hash: VerifyOptions['hash'], report: VerifyReport): Promise<void> {
  report.files = manifest.files.length;
  for (const [name, bytes, sha256] of manifest.files) {
    const file = path.join(pool, name);
    let size: number;
    try {
      size = (await fs.promises.stat(file)).size;
    } catch {
      report.problems.push({ kind: 'fileMissing', name });
      continue;
    }
    if (size !== bytes) {
      report.problems.push({ kind: 'fileChanged', name });
      continue;
    }
    if (hash === 'all' || hash.has(name)) {
      report.hashedFiles += 1;
      if ((await sha256OfFile(file)).sha256 !== sha256) report.problems.push({ kind: 'fileChanged', name });
    }
  }
}
