import fs from 'node:fs';
import path from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import { AUDIT_CHAIN_KEY_FILE } from '../audit/audit-chain-key';
import { keyFolder } from '../platform/key-store';
import { DATA_AT_REST_KEY_FILE } from '../platform/data-at-rest-key';
import { DATABASE_COPY, layoutOf, snapshotFolder } from './backup-layout';
import { copyFileHashed, syncFolder } from './copy-file';
import { readManifest } from './read-manifest';
import { verifyBackup, type VerifyReport } from './verify-backup';

export interface RestoreReport {
  dataDir: string;
  snapshot: string;
  dossiers: number;
  files: number;
  bytes: number;
}

/**
 * Restores a snapshot into a NEW data folder (docs/architecture.md §5, backup). It refuses a folder that holds
 * anything — a live counter's data is never overwritten, whatever the operator typed — verifies the snapshot in full
 * first, builds the folder beside the target and renames it into place, so a restore cut short leaves nothing that
 * looks like a data folder.
 */
export async function restoreBackup(options: { from: string; dataDir: string; snapshot?: string }): Promise<RestoreReport> {
  const dataDir = path.resolve(options.dataDir);
  const entries = await fs.promises.readdir(dataDir).catch((error: NodeJS.ErrnoException) => (error.code === 'ENOENT' ? [] : null));
  if (entries === null || entries.length > 0) throw new AppError('BACKUP_RESTORE_TARGET_NOT_EMPTY', { dataDir });
  const verification = await verifyBackup(options.from, { ...(options.snapshot ? { snapshot: options.snapshot } : {}), hash: 'all' });
  if (!verification.ok || !verification.snapshot) throw new AppError('BACKUP_INVALID', { details: describeProblems(verification) });
  const layout = layoutOf(options.from);
  const manifest = (await readManifest(layout, verification.snapshot))!;
  const building = `${dataDir}.restoring-${process.pid}`;
  await fs.promises.rm(building, { recursive: true, force: true });
  await fs.promises.mkdir(path.join(building, 'files'), { recursive: true, mode: 0o700 });
  try {
    const database = await copyFileHashed(
      path.join(snapshotFolder(layout, verification.snapshot), DATABASE_COPY),
      path.join(building, DATABASE_COPY),
    );
    if (database.sha256 !== manifest.database.sha256) throw new AppError('BACKUP_INVALID', { details: 'database changed while restoring' });
    let bytes = database.bytes;
    for (const [name, , sha256] of manifest.files) {
      const target = path.join(building, 'files', name);
      await fs.promises.mkdir(path.dirname(target), { recursive: true, mode: 0o700 });
      const copy = await copyFileHashed(path.join(layout.pool, name), target);
      if (copy.sha256 !== sha256) throw new AppError('BACKUP_INVALID', { details: `file ${name} changed while restoring` });
      bytes += copy.bytes;
    }
    for (const name of [AUDIT_CHAIN_KEY_FILE, DATA_AT_REST_KEY_FILE]) {
      const key = path.join(snapshotFolder(layout, verification.snapshot), name);
      if (!fs.existsSync(key)) continue;
      await fs.promises.mkdir(keyFolder(building), { recursive: true, mode: 0o700 });
      await fs.promises.copyFile(key, path.join(keyFolder(building), name));
      await fs.promises.chmod(path.join(keyFolder(building), name), 0o600);
    }
    // rmdir, not rm: it fails rather than delete anything that appeared in the target meanwhile.
    await fs.promises.rmdir(dataDir).catch((error: NodeJS.ErrnoException) => {
      if (error.code !== 'ENOENT') throw new AppError('BACKUP_RESTORE_TARGET_NOT_EMPTY', { dataDir });
    });
    await fs.promises.rename(building, dataDir);
    await syncFolder(path.dirname(dataDir));
    return { dataDir, snapshot: verification.snapshot, dossiers: verification.dossiers, files: manifest.files.length, bytes };
  } catch (error) {
    await fs.promises.rm(building, { recursive: true, force: true });
    throw error;
  }
}

/** Problems in a few words for the error message; the CLI's `backup verify` lists them all. */
export function describeProblems(report: VerifyReport): string {
  return report.problems
    .slice(0, 5)
    .map((problem) => ('name' in problem ? `${problem.kind} ${problem.name}` : problem.kind))
    .join(', ');
}
