import fs from 'node:fs';
import path from 'node:path';
import { and, eq } from 'drizzle-orm';
import { SHA256_PATTERN } from '../shared/sync/protocol';
import type { CentralDb } from './db/open';
import { blobHolders, blobs } from './db/schema';

/** A counter offline for a long holiday resumes its upload; one gone longer starts it again. */
export const DEFAULT_STALE_UPLOAD_DAYS = 14;

export interface StaleUploadSweep {
  /** Part files of resumable uploads nobody appended to within the age. */
  parts: number;
  /** Temporaries of bundle writes cut by a crash. */
  temporaries: number;
}

const PART = /^([0-9a-f]{64})\.part$/;
const TEMPORARY = /^[0-9a-f]{64}\.[0-9a-f]+\.tmp$/;

/**
 * Removes what abandoned uploads leave in the blob folder (central/blobs.ts): `.part` files not
 * written to for `olderThanMs` (the counter was reset, or its file deleted before it finished) and
 * `.tmp` files of bundle writes cut by a crash. A part goes together with its blob's incomplete row,
 * under that row's lock and after a fresh look at its age, so an append running at that moment on
 * any instance is never cut, and a counter coming back later simply starts that upload from 0.
 * Complete blobs are never touched.
 */
export async function sweepStaleUploads(db: CentralDb, blobDir: string, olderThanMs: number, now = new Date()): Promise<StaleUploadSweep> {
  const cutoff = now.getTime() - olderThanMs;
  const swept: StaleUploadSweep = { parts: 0, temporaries: 0 };
  for (const shard of listDir(blobDir)) {
    const folder = path.join(blobDir, shard);
    for (const name of listDir(folder)) {
      const file = path.join(folder, name);
      if (!isOlder(file, cutoff)) continue;
      const part = PART.exec(name)?.[1];
      if (part && SHA256_PATTERN.test(part)) {
        if (await removePart(db, part, file, cutoff)) swept.parts += 1;
      } else if (TEMPORARY.test(name)) {
        fs.rmSync(file, { force: true });
        swept.temporaries += 1;
      }
    }
  }
  return swept;
}

async function removePart(db: CentralDb, sha256: string, file: string, cutoff: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    // The same lock an append takes (BlobStore.append), then a second look: it may have just written.
    await tx.select({ sha256: blobs.sha256 }).from(blobs).where(eq(blobs.sha256, sha256)).for('update');
    if (!isOlder(file, cutoff)) return false;
    fs.rmSync(file, { force: true });
    const abandoned = await tx
      .select({ sha256: blobs.sha256 })
      .from(blobs)
      .where(and(eq(blobs.sha256, sha256), eq(blobs.complete, false)));
    if (abandoned.length > 0) await tx.delete(blobHolders).where(eq(blobHolders.sha256, sha256));
    await tx.delete(blobs).where(and(eq(blobs.sha256, sha256), eq(blobs.complete, false)));
    return true;
  });
}

function listDir(dir: string): string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

function isOlder(file: string, cutoff: number): boolean {
  try {
    const stat = fs.statSync(file);
    return stat.isFile() && stat.mtimeMs < cutoff;
  } catch {
    return false;
  }
}
