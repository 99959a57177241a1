import path from 'node:path';
import { z } from 'zod';

/**
 * One destination holds `quay-backup/`: a pool of stored files shared by every snapshot (content-addressed, so each
 * is copied once, ever) and one folder per snapshot with the database copy and its manifest. A snapshot counts only
 * once its manifest exists; the manifest is written last.
 */
export const BACKUP_ROOT = 'quay-backup';
export const MANIFEST_FILE = 'manifest.json';
export const DATABASE_COPY = 'quay.sqlite';
export const MANIFEST_FORMAT = 'quay-backup/1';

export interface BackupLayout {
  root: string;
  pool: string;
  snapshots: string;
}

export function layoutOf(destination: string): BackupLayout {
  const root = path.join(destination, BACKUP_ROOT);
  return { root, pool: path.join(root, 'files'), snapshots: path.join(root, 'snapshots') };
}

export function snapshotFolder(layout: BackupLayout, snapshot: string): string {
  return path.join(layout.snapshots, snapshot);
}

/** A stored file as `files/ab/cdef…` names it: the two-character folder and the rest. */
export const storedFileName = z.string().regex(/^[0-9a-f]{2}\/[0-9a-f]{62}$/);

export const manifestSchema = z.object({
  format: z.literal(MANIFEST_FORMAT),
  snapshot: z.string(),
  createdAt: z.string(),
  appVersion: z.string(),
  database: z.object({ file: z.literal(DATABASE_COPY), bytes: z.number().int().nonnegative(), sha256: z.string().length(64) }),
  /** `[name, bytes, sha256 of the bytes as stored]`: tuples keep a manifest of 100,000 pages near 10 MB. */
  files: z.array(z.tuple([storedFileName, z.number().int().nonnegative(), z.string().length(64)])),
});
export type BackupManifest = z.infer<typeof manifestSchema>;
