import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { eq, inArray, and, sql } from 'drizzle-orm';
import type { BundledBlob } from '../shared/sync/blob-bundle';
import { MAX_BLOB_BYTES, SHA256_PATTERN, type BlobCreateRequest, type BlobPatchResponse, type BlobState } from '../shared/sync/protocol';
import type { CentralDb, CentralTx } from './db/open';
import { blobHolders, blobs, dossierFiles, dossiers } from './db/schema';
import { sha256Hex } from './credentials';
import { fsyncFolder } from './durable-file';
import { GatewayError } from './errors';

const EMPTY_SHA256 = sha256Hex('');

/** Each agency's share of the blob folder unless `serve --agency-quota-gb` says otherwise: some 100 000 scanned dossiers. */
export const DEFAULT_AGENCY_STORAGE_BYTES = 200 * 1024 ** 3;

/** The first key of the per-agency quota lock (checkQuota); the second is the agency code's hash. */
const QUOTA_LOCK_CLASS = 0x51_42_51_54;

/**
 * The counter asking (issue 17 finding 4): its agency holds what it uploads and pays for it in its storage quota;
 * it sees blobs held by, or named by dossiers of, any agency it may act for (central/access/authorities.ts).
 */
export interface BlobCaller {
  agencyCode: string;
  actsFor: Set<string>;
}

/**
 * Content-addressed files on disk: `<dir>/<aa>/<sha256>` once verified, `<sha256>.part` while an
 * upload is under way. The part file's length is the upload offset, so a gateway restart loses
 * nothing. Appends to one blob are serialised by a row lock on its database row, which also holds
 * across gateway instances sharing the folder. Whole small blobs sent in a bundle skip the part
 * file: each is written to a temporary file of its own (`<sha256>.<random>.tmp`) and renamed.
 * Parts and temporaries left behind by abandoned uploads are swept by central/stale-uploads.ts.
 */
export class BlobStore {
  constructor(
    private readonly db: CentralDb,
    private readonly dir: string,
    private readonly agencyQuotaBytes = DEFAULT_AGENCY_STORAGE_BYTES,
  ) {
    // Files of citizens' dossiers: only the gateway's account may read them (issue 17 finding 7).
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    if (process.platform !== 'win32') fs.chmodSync(dir, 0o700);
  }

  private finalPath(sha256: string): string {
    return path.join(this.dir, sha256.slice(0, 2), sha256);
  }

  private partPath(sha256: string): string {
    return `${this.finalPath(sha256)}.part`;
  }

  private partSize(sha256: string): number {
    try {
      return fs.statSync(this.partPath(sha256)).size;
    } catch {
      return 0;
    }
  }

  /** The file of a complete blob, for readers such as the DVCQG file links. */
  filePath(sha256: string): string {
    checkSha256(sha256);
    return this.finalPath(sha256);
  }

  /**
   * Starts (or reports) an upload. A blob complete at the gateway but not visible to the caller is answered as an
   * upload to make (offset 0, or its own part file's length): the caller proves it has the bytes by sending them,
   * and learns nothing about what other agencies stored.
   */
  async create(request: BlobCreateRequest, caller: BlobCaller): Promise<BlobState> {
    if (request.size === 0 && request.sha256 !== EMPTY_SHA256) {
      throw new GatewayError(422, 'BLOB_HASH_MISMATCH', 'an empty file has a different sha256');
    }
    const visible = await this.visible(this.db, request.sha256, caller);
    // The quota check, the row and the hold commit together: the hold is the reservation (checkQuota).
    const state = await this.db.transaction(async (tx) => {
      if (!(await this.holds(tx, request.sha256, caller.agencyCode))) await this.checkQuota(tx, caller.agencyCode, request.size);
      await tx.insert(blobs).values({ sha256: request.sha256, size: request.size }).onConflictDoNothing();
      const [row] = await tx.select().from(blobs).where(eq(blobs.sha256, request.sha256));
      if (row!.size !== request.size) {
        if (!visible) throw new GatewayError(409, 'BLOB_SIZE_CONFLICT', 'this blob was announced with another size');
        throw new GatewayError(409, 'BLOB_SIZE_CONFLICT', `this blob was announced with size ${row!.size}`, { size: row!.size });
      }
      if (!row!.complete) await this.hold(tx, [request.sha256], caller.agencyCode);
      return {
        sha256: request.sha256,
        size: row!.size,
        offset: row!.complete ? row!.size : this.partSize(request.sha256),
        complete: row!.complete,
      };
    });
    if (state.complete) return visible ? state : { ...state, offset: this.partSize(request.sha256), complete: false };
    if (request.size === 0) return this.finish(request.sha256, caller.agencyCode);
    return state;
  }

  /** The state of an upload the caller may see; any other blob is as unknown to it as one never uploaded. */
  async stateFor(caller: BlobCaller, sha256: string): Promise<BlobState> {
    checkSha256(sha256);
    if (!(await this.visible(this.db, sha256, caller))) throw new GatewayError(404, 'BLOB_UNKNOWN', 'no upload of this blob was started');
    return this.state(sha256);
  }

  /** Bytes of the blobs an agency holds, complete or under way. */
  async storageUsed(agencyCode: string, tx: CentralDb | CentralTx = this.db): Promise<number> {
    const [row] = await tx
      .select({ bytes: sql<string>`coalesce(sum(${blobs.size}), 0)` })
      .from(blobHolders)
      .innerJoin(blobs, eq(blobs.sha256, blobHolders.sha256))
      .where(eq(blobHolders.agencyCode, agencyCode));
    return Number(row?.bytes ?? 0);
  }

  /**
   * Refuses what would take an agency past its share (issue 17 finding 4): one stolen credential cannot fill the
   * province's disk. Called inside the transaction that then holds the blobs for the agency: a transaction-scoped
   * lock per agency makes check and hold one step, so concurrent uploads of one agency (any gateway instance) are
   * counted one after the other and together never pass the quota. A hold is the reservation: an abandoned upload's
   * is released by central/stale-uploads.ts, a failed bundle's by storeWhole.
   */
  private async checkQuota(tx: CentralTx, agencyCode: string, adding: number): Promise<void> {
    if (adding === 0) return;
    await lockQuota(tx, agencyCode);
    const used = await this.storageUsed(agencyCode, tx);
    if (used + adding > this.agencyQuotaBytes) {
      throw new GatewayError(507, 'AGENCY_STORAGE_QUOTA_EXCEEDED', `agency ${agencyCode} would exceed its storage quota`, {
        usedBytes: used,
        quotaBytes: this.agencyQuotaBytes,
      });
    }
  }

  private async holds(tx: CentralDb | CentralTx, sha256: string, agencyCode: string): Promise<boolean> {
    const [row] = await tx
      .select({ sha256: blobHolders.sha256 })
      .from(blobHolders)
      .where(and(eq(blobHolders.sha256, sha256), eq(blobHolders.agencyCode, agencyCode)))
      .limit(1);
    return row !== undefined;
  }

  private async hold(tx: CentralDb | CentralTx, sha256s: string[], agencyCode: string): Promise<void> {
    if (sha256s.length === 0) return;
    await tx
      .insert(blobHolders)
      .values(sha256s.map((sha256) => ({ sha256, agencyCode })))
      .onConflictDoNothing();
  }

  /** Held by an agency the caller acts for, or named by a dossier of one. */
  private async visible(tx: CentralDb | CentralTx, sha256: string, caller: BlobCaller): Promise<boolean> {
    return (await visibleBlobs(tx, [sha256], caller)).has(sha256);
  }

  /**
   * Keeps whole blobs sent together (POST /v1/blobs/bundle). Every blob is checked against its
   * sha256 before a byte is written, so a mismatch stores nothing; each file is durable under its
   * final name before one statement marks them all complete, so a complete row always has its file.
   * A blob already complete is not written again.
   */
  async storeWhole(sent: BundledBlob[], caller: BlobCaller): Promise<BlobState[]> {
    const bytesOf = new Map(sent.map((blob) => [blob.sha256, blob.bytes]));
    for (const [sha256, bytes] of bytesOf) {
      if (sha256Hex(bytes) !== sha256)
        throw new GatewayError(422, 'BLOB_HASH_MISMATCH', `blob ${sha256} does not match its sha256; nothing stored`, { sha256 });
    }
    const reserved = await this.reserveWhole(bytesOf, caller.agencyCode);
    try {
      const missing = await missingBlobs(this.db, [...bytesOf.keys()]);
      await Promise.all(missing.map((sha256) => this.writeWhole(sha256, bytesOf.get(sha256)!)));
      if (missing.length > 0) {
        const completedAt = new Date();
        // A started resumable upload of the same blob may hold a row with another announced size: the
        // verified bytes settle it.
        await this.db
          .insert(blobs)
          .values(missing.map((sha256) => ({ sha256, size: bytesOf.get(sha256)!.byteLength, complete: true, completedAt })))
          .onConflictDoUpdate({
            target: blobs.sha256,
            set: { size: sql`excluded.size`, complete: true, completedAt: sql`coalesce(${blobs.completedAt}, excluded.completed_at)` },
          });
      }
    } catch (error) {
      await this.release(reserved, caller.agencyCode);
      throw error;
    }
    return [...bytesOf].map(([sha256, bytes]) => ({ sha256, size: bytes.byteLength, offset: bytes.byteLength, complete: true }));
  }

  /**
   * Holds for the agency, in one step with the quota check, the blobs of a bundle it does not hold yet, with a row
   * for each not known before; the bytes were verified. Returns what it held, for release on failure.
   */
  private async reserveWhole(bytesOf: Map<string, Uint8Array>, agencyCode: string): Promise<string[]> {
    return this.db.transaction(async (tx) => {
      const held = await tx
        .select({ sha256: blobHolders.sha256 })
        .from(blobHolders)
        .where(and(eq(blobHolders.agencyCode, agencyCode), inArray(blobHolders.sha256, [...bytesOf.keys()])));
      const heldAlready = new Set(held.map((row) => row.sha256));
      const adding = [...bytesOf.keys()].filter((sha256) => !heldAlready.has(sha256));
      await this.checkQuota(
        tx,
        agencyCode,
        adding.reduce((sum, sha256) => sum + bytesOf.get(sha256)!.byteLength, 0),
      );
      if (adding.length === 0) return [];
      await tx
        .insert(blobs)
        .values(adding.map((sha256) => ({ sha256, size: bytesOf.get(sha256)!.byteLength })))
        .onConflictDoNothing();
      await this.hold(tx, adding, agencyCode);
      return adding;
    });
  }

  /** Gives back a failed bundle's reservation: its holds, and the rows it made that nothing else holds or completed. */
  private async release(sha256s: string[], agencyCode: string): Promise<void> {
    if (sha256s.length === 0) return;
    await this.db.transaction(async (tx) => {
      await tx.delete(blobHolders).where(and(eq(blobHolders.agencyCode, agencyCode), inArray(blobHolders.sha256, sha256s)));
      await tx
        .delete(blobs)
        .where(
          and(
            inArray(blobs.sha256, sha256s),
            eq(blobs.complete, false),
            sql`not exists (select 1 from ${blobHolders} where ${blobHolders.sha256} = ${blobs.sha256})`,
          ),
        );
    });
  }

  /** Which of these blobs the caller must send: those not complete, or complete but not visible to it. */
  async missing(sha256s: string[], caller: BlobCaller): Promise<string[]> {
    const incomplete = new Set(await missingBlobs(this.db, sha256s));
    const visible = await visibleBlobs(this.db, sha256s, caller);
    return [...new Set(sha256s)].filter((sha256) => incomplete.has(sha256) || !visible.has(sha256));
  }

  private async writeWhole(sha256: string, bytes: Uint8Array): Promise<void> {
    const file = this.finalPath(sha256);
    const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
    try {
      const handle = await openNewFile(temp);
      try {
        await handle.writeFile(bytes);
        await handle.sync();
      } finally {
        await handle.close();
      }
      await fs.promises.rename(temp, file);
      await fsyncFolder(path.dirname(file));
    } catch (error) {
      await fs.promises.rm(temp, { force: true });
      throw error;
    }
  }

  /** Unscoped: for callers authorised otherwise (the back office's file links, a dossier's own files). */
  async state(sha256: string): Promise<BlobState> {
    checkSha256(sha256);
    const [row] = await this.db.select().from(blobs).where(eq(blobs.sha256, sha256));
    if (!row) throw new GatewayError(404, 'BLOB_UNKNOWN', 'no upload of this blob was started');
    return { sha256, size: row.size, offset: row.complete ? row.size : this.partSize(sha256), complete: row.complete };
  }

  /**
   * Appends one chunk at `offset`. The chunk is checked against its own hash before a byte is
   * written; after the last byte the whole file is hashed, and a mismatch discards the upload.
   */
  async append(sha256: string, offset: number, chunkSha256: string, chunk: Buffer, caller: BlobCaller): Promise<BlobPatchResponse> {
    checkSha256(sha256);
    if (sha256Hex(chunk) !== chunkSha256)
      throw new GatewayError(422, 'CHUNK_HASH_MISMATCH', 'chunk does not match X-Chunk-Sha256; nothing stored');
    // The last chunk from an agency that does not hold the blob (it completes one it could not see, or one a dossier
    // of its names) makes it a holder: that is a quota check, whose lock is taken before the row's, in the order
    // create and storeWhole take them.
    const [announced] = await this.db.select({ size: blobs.size }).from(blobs).where(eq(blobs.sha256, sha256));
    const completing = announced !== undefined && offset + chunk.byteLength === announced.size;
    const newHolder = completing && !(await this.holds(this.db, sha256, caller.agencyCode));
    return this.db.transaction(async (tx) => {
      if (newHolder) await lockQuota(tx, caller.agencyCode);
      const [row] = await tx.select().from(blobs).where(eq(blobs.sha256, sha256)).for('update');
      const visible = row ? await this.visible(tx, sha256, caller) : false;
      // An upload under way is its holders' alone; a complete blob it cannot see, the caller proves by sending it whole.
      if (!row || (!row.complete && !visible)) throw new GatewayError(404, 'BLOB_UNKNOWN', 'no upload of this blob was started');
      if (row.complete && visible) return { offset: row.size, complete: true };
      const current = this.partSize(sha256);
      if (offset !== current) throw new GatewayError(409, 'OFFSET_MISMATCH', `upload is at offset ${current}`, { offset: current });
      if (current + chunk.byteLength > row.size)
        throw new GatewayError(400, 'BAD_REQUEST', `chunk runs past the announced size ${row.size}`);
      if (newHolder && current + chunk.byteLength === row.size) await this.checkQuota(tx, caller.agencyCode, row.size);
      fs.mkdirSync(path.dirname(this.partPath(sha256)), { recursive: true, mode: 0o700 });
      fs.appendFileSync(this.partPath(sha256), chunk, { mode: 0o600 });
      const reached = current + chunk.byteLength;
      if (reached < row.size) return { offset: reached, complete: false };
      await this.verifyAndKeep(tx, sha256);
      await this.hold(tx, [sha256], caller.agencyCode);
      return { offset: reached, complete: true };
    });
  }

  private async finish(sha256: string, agencyCode: string): Promise<BlobState> {
    return this.db.transaction(async (tx) => {
      await tx.select().from(blobs).where(eq(blobs.sha256, sha256)).for('update');
      fs.mkdirSync(path.dirname(this.partPath(sha256)), { recursive: true, mode: 0o700 });
      fs.writeFileSync(this.partPath(sha256), Buffer.alloc(0), { mode: 0o600 });
      await this.verifyAndKeep(tx, sha256);
      await this.hold(tx, [sha256], agencyCode);
      return { sha256, size: 0, offset: 0, complete: true };
    });
  }

  private async verifyAndKeep(tx: CentralTx, sha256: string): Promise<void> {
    const part = this.partPath(sha256);
    if ((await hashFile(part)) !== sha256) {
      fs.rmSync(part, { force: true });
      throw new GatewayError(422, 'BLOB_HASH_MISMATCH', 'the whole file does not match its sha256; the upload starts again from 0', {
        offset: 0,
      });
    }
    const file = this.finalPath(sha256);
    // Asynchronous: a synchronous fsync would stall every other request of this instance.
    const handle = await fs.promises.open(part, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await fs.promises.rename(part, file);
    await fsyncFolder(path.dirname(file));
    await tx.update(blobs).set({ complete: true, completedAt: new Date() }).where(eq(blobs.sha256, sha256));
  }
}

/** The agency's quota lock (BlobStore.checkQuota), held to the end of the transaction; taking it again is harmless. */
async function lockQuota(tx: CentralTx, agencyCode: string): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${QUOTA_LOCK_CLASS}, hashtext(${agencyCode}))`);
}

/** Which of these blobs the gateway does not hold complete. */
export async function missingBlobs(tx: CentralDb | CentralTx, sha256s: string[]): Promise<string[]> {
  if (sha256s.length === 0) return [];
  const unique = [...new Set(sha256s)];
  const rows = await tx
    .select({ sha256: blobs.sha256 })
    .from(blobs)
    .where(and(inArray(blobs.sha256, unique), eq(blobs.complete, true)));
  const held = new Set(rows.map((r) => r.sha256));
  return unique.filter((sha) => !held.has(sha));
}

/** Which of these blobs the caller may see: held by an agency it acts for, or named by a dossier of one. */
async function visibleBlobs(tx: CentralDb | CentralTx, sha256s: string[], caller: BlobCaller): Promise<Set<string>> {
  const unique = [...new Set(sha256s)];
  const agencies = [...caller.actsFor];
  if (unique.length === 0 || agencies.length === 0) return new Set();
  const held = await tx
    .select({ sha256: blobHolders.sha256 })
    .from(blobHolders)
    .where(and(inArray(blobHolders.sha256, unique), inArray(blobHolders.agencyCode, agencies)));
  const named = await tx
    .select({ sha256: dossierFiles.sha256 })
    .from(dossierFiles)
    .innerJoin(dossiers, eq(dossiers.code, dossierFiles.dossierCode))
    .where(and(inArray(dossierFiles.sha256, unique), inArray(dossiers.agencyCode, agencies)));
  return new Set([...held, ...named].map((row) => row.sha256));
}

/**
 * Creates the fan-out folder only when it is missing: a recursive mkdir before every stored file
 * was a measurable share of the gateway's CPU per bundle, and after the first few hundred files
 * every folder exists.
 */
async function openNewFile(file: string): Promise<fs.promises.FileHandle> {
  try {
    return await fs.promises.open(file, 'wx', 0o600);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  await fs.promises.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  return fs.promises.open(file, 'wx', 0o600);
}

/** Ids arrive in paths; only lower-case hex of the right length may reach the file system. */
function checkSha256(sha256: string): void {
  if (!SHA256_PATTERN.test(sha256)) throw new GatewayError(400, 'BAD_REQUEST', 'sha256 must be 64 lower-case hex digits');
}

export function checkBlobSize(body: unknown): void {
  const size = (body as { size?: unknown } | null)?.size;
  if (typeof size === 'number' && size > MAX_BLOB_BYTES)
    throw new GatewayError(413, 'BLOB_TOO_LARGE', `blobs are limited to ${MAX_BLOB_BYTES} bytes`);
}

async function hashFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}
