import fs from 'node:fs';
import path from 'node:path';
import { compareSnapshotIds, SNAPSHOT_ID_PATTERN } from '../../../shared/backup/backup-plan';
import { manifestSchema, MANIFEST_FILE, snapshotFolder, type BackupLayout, type BackupManifest } from './backup-layout';

/** A snapshot's manifest, or null when it is missing or not one of ours (a half-written or foreign folder). */
export async function readManifest(layout: BackupLayout, snapshot: string): Promise<BackupManifest | null> {
  try {
    const text = await fs.promises.readFile(path.join(snapshotFolder(layout, snapshot), MANIFEST_FILE), 'utf8');
    const parsed = manifestSchema.safeParse(JSON.parse(text));
    return parsed.success && parsed.data.snapshot === snapshot ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The snapshot folders of a destination, oldest first (complete or not). */
export async function listSnapshots(layout: BackupLayout): Promise<string[]> {
  let names: string[];
  try {
    names = await fs.promises.readdir(layout.snapshots);
  } catch {
    return [];
  }
  return names.filter((name) => SNAPSHOT_ID_PATTERN.test(name)).sort(compareSnapshotIds);
}

/** The newest snapshot whose manifest reads, if any. */
export async function latestManifest(layout: BackupLayout): Promise<BackupManifest | null> {
  const snapshots = await listSnapshots(layout);
  for (const snapshot of snapshots.reverse()) {
    const manifest = await readManifest(layout, snapshot);
    if (manifest) return manifest;
  }
  return null;
}
