import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BlobStore, type BlobCaller } from '../../central/blobs';
import { openCentralDatabase, type CentralDatabase } from '../../central/db/open';
import { tempDir } from '../central/temp';

/**
 * Issue 17 finding 4, the storage quota made exact: checking an agency's share and holding the new blobs are one step
 * under a per-agency lock (central/blobs.ts, BlobStore.checkQuota), so uploads started together cannot pass it
 * together, and a bundle that fails after its reservation gives it back. On PGlite, the gateway's embedded database.
 */
const QUOTA_BYTES = 1000;
let database: CentralDatabase;
let store: BlobStore;
let blobDir: string;

beforeAll(async () => {
  const dataDir = tempDir('quay-quota-');
  database = await openCentralDatabase({ dataDir });
  await database.migrate();
  blobDir = path.join(dataDir, 'blobs');
  store = new BlobStore(database.db, blobDir, QUOTA_BYTES);
}, 120_000);
afterAll(() => database?.close());

const callerOf = (agencyCode: string): BlobCaller => ({ agencyCode, actsFor: new Set([agencyCode]) });

function blob(label: string, size: number): { sha256: string; bytes: Uint8Array } {
  const bytes = Buffer.alloc(size, label);
  bytes.write(label);
  return { sha256: createHash('sha256').update(bytes).digest('hex'), bytes };
}

async function outcomes(work: Promise<unknown>[]): Promise<{ stored: number; refused: number; other: unknown[] }> {
  const settled = await Promise.allSettled(work);
  const refused = settled.filter(
    (s) => s.status === 'rejected' && (s.reason as { code?: string }).code === 'AGENCY_STORAGE_QUOTA_EXCEEDED',
  );
  const other = settled.filter((s) => s.status === 'rejected' && !refused.includes(s)).map((s) => (s as PromiseRejectedResult).reason);
  return { stored: settled.filter((s) => s.status === 'fulfilled').length, refused: refused.length, other };
}

describe('finding 4: concurrent uploads of one agency never pass its storage quota together', () => {
  it('lets exactly as many announced uploads through as fit, when they all start at once', async () => {
    const agency = '000.00.21.H56';
    const uploads = Array.from({ length: 6 }, (_, i) => blob(`announced-${i}`, 300));
    const result = await outcomes(uploads.map((u) => store.create({ sha256: u.sha256, size: 300 }, callerOf(agency))));
    expect(result).toEqual({ stored: 3, refused: 3, other: [] });
    expect(await store.storageUsed(agency)).toBe(900);
  });

  it('lets exactly as many bundles through as fit, when they all arrive at once, and keeps only their files', async () => {
    const agency = '000.00.22.H56';
    const bundles = Array.from({ length: 5 }, (_, i) => [blob(`bundle-${i}-a`, 200), blob(`bundle-${i}-b`, 200)]);
    const result = await outcomes(bundles.map((bundle) => store.storeWhole(bundle, callerOf(agency))));
    expect(result).toEqual({ stored: 2, refused: 3, other: [] });
    expect(await store.storageUsed(agency)).toBe(800);
    const missing = await store.missing(
      bundles.flat().map((b) => b.sha256),
      callerOf(agency),
    );
    expect(missing).toHaveLength(6);
  });

  it('counts the announced and the bundled uploads of one agency against the same share', async () => {
    const agency = '000.00.23.H56';
    const work = [
      ...Array.from({ length: 3 }, (_, i) => store.create({ sha256: blob(`mixed-${i}`, 400).sha256, size: 400 }, callerOf(agency))),
      ...Array.from({ length: 3 }, (_, i) => store.storeWhole([blob(`mixed-bundle-${i}`, 400)], callerOf(agency))),
    ];
    const result = await outcomes(work);
    expect(result).toEqual({ stored: 2, refused: 4, other: [] });
    expect(await store.storageUsed(agency)).toBe(800);
  });

  it('gives a failed bundle’s reservation back, so the agency’s share is what it was', async () => {
    const agency = '000.00.24.H56';
    const kept = blob('kept-before', 300);
    await store.storeWhole([kept], callerOf(agency));
    const failing = blob('cannot-be-written', 500);
    // Its fan-out folder's name taken by a file: writing the blob fails after the quota was reserved.
    fs.mkdirSync(blobDir, { recursive: true });
    fs.writeFileSync(path.join(blobDir, failing.sha256.slice(0, 2)), 'not a folder');
    try {
      await expect(store.storeWhole([failing], callerOf(agency))).rejects.toThrow();
    } finally {
      fs.rmSync(path.join(blobDir, failing.sha256.slice(0, 2)));
    }
    expect(await store.storageUsed(agency)).toBe(300);
    expect(await store.missing([failing.sha256], callerOf(agency))).toEqual([failing.sha256]);
    // The share given back takes the same file once it can be written.
    await store.storeWhole([failing], callerOf(agency));
    expect(await store.storageUsed(agency)).toBe(800);
  });
});
