import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/ipc/result';
import type { BundledBlob } from '../../../shared/sync/blob-bundle';
import { MAX_BLOB_QUERY, MAX_BUNDLE_BLOBS } from '../../../shared/sync/protocol';
import type { StoredFileReader } from '../platform/file-store';
import { LOCAL_FILE_ERRORS, UPLOAD_CHUNK_BYTES } from './blob-uploader';

/** The gateway calls for small blobs (GatewayClient implements them). */
export interface BundleTransport {
  missingBlobs(sha256s: string[]): Promise<string[]>;
  uploadBundle(blobs: BundledBlob[]): Promise<void>;
}

/** A file of at most one upload chunk goes whole in a bundle; a larger one goes the resumable way. */
export const BUNDLED_BLOB_BYTES = UPLOAD_CHUNK_BYTES;
/** Under the gateway's 4 MiB body limit with room for the manifest; about a hundred scanned pages. */
export const BUNDLE_BYTES = 3 * 1024 * 1024;
/** Bundles in flight at once: one being read while another is on the wire and being stored. */
export const BUNDLE_CONCURRENCY = 2;

export interface SizedBlob {
  sha256: string;
  size: number;
}

export interface BlobBundlerDeps {
  gateway: BundleTransport;
  /** The file store's decrypting reader (FileStore). */
  files: StoredFileReader;
  bundleBytes?: number;
}

/**
 * Sends small files many to a request (POST /v1/blobs/bundle): a week of scanned pages is tens of
 * thousands of files of a few dozen kilobytes, and one create and one append each cost more than
 * the bytes. It first asks which blobs the gateway lacks, so a blob it holds is never sent again.
 * Each file is read whole (it is at most one chunk) and checked against its name before it leaves:
 * a damaged or vanished file holds back only the commands naming it.
 */
export class BlobBundler {
  private readonly bundleBytes: number;

  constructor(private readonly deps: BlobBundlerDeps) {
    this.bundleBytes = Math.max(1, deps.bundleBytes ?? BUNDLE_BYTES);
  }

  /** The blobs the gateway lacks, with their local size; files missing here are problems. */
  async survey(sha256s: string[]): Promise<{ small: SizedBlob[]; large: string[]; problems: Map<string, string> }> {
    const small: SizedBlob[] = [];
    const large: string[] = [];
    const problems = new Map<string, string>();
    for (let i = 0; i < sha256s.length; i += MAX_BLOB_QUERY) {
      for (const sha256 of await this.deps.gateway.missingBlobs(sha256s.slice(i, i + MAX_BLOB_QUERY))) {
        const size = await this.sizeOf(sha256);
        if (size === null) problems.set(sha256, 'SYNC_FILE_MISSING');
        else if (size <= BUNDLED_BLOB_BYTES) small.push({ sha256, size });
        else large.push(sha256);
      }
    }
    return { small, large, problems };
  }

  /** Sends the blobs in bundles; returns local problems by sha256 and throws the first network failure. */
  async send(blobs: SizedBlob[]): Promise<Map<string, string>> {
    const problems = new Map<string, string>();
    const queue = this.group(blobs);
    const failures: unknown[] = [];
    const worker = async () => {
      while (queue.length > 0 && failures.length === 0) {
        const group = queue.shift()!;
        try {
          const readable: BundledBlob[] = [];
          for (const blob of group) {
            const read = await this.read(blob);
            if (typeof read === 'string') problems.set(blob.sha256, read);
            else readable.push(read);
          }
          if (readable.length > 0) await this.deps.gateway.uploadBundle(readable);
        } catch (error) {
          failures.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(BUNDLE_CONCURRENCY, queue.length) }, worker));
    if (failures.length > 0) throw failures[0];
    return problems;
  }

  private group(blobs: SizedBlob[]): SizedBlob[][] {
    const groups: SizedBlob[][] = [];
    let current: SizedBlob[] = [];
    let bytes = 0;
    for (const blob of blobs) {
      if (current.length > 0 && (bytes + blob.size > this.bundleBytes || current.length >= MAX_BUNDLE_BLOBS)) {
        groups.push(current);
        current = [];
        bytes = 0;
      }
      current.push(blob);
      bytes += blob.size;
    }
    if (current.length > 0) groups.push(current);
    return groups;
  }

  private async sizeOf(sha256: string): Promise<number | null> {
    try {
      const file = await this.deps.files.open(sha256);
      if (!file) return null;
      await file.close();
      return file.size;
    } catch (error) {
      // A tampered file goes to a bundle, where reading it reports SYNC_FILE_CORRUPT for its commands alone.
      if (error instanceof AppError && error.code === 'FILE_TAMPERED') return 0;
      throw error;
    }
  }

  /** The file's bytes, or the local problem (one of LOCAL_FILE_ERRORS) that keeps it here. */
  private async read(blob: SizedBlob): Promise<BundledBlob | (typeof LOCAL_FILE_ERRORS)[number]> {
    let bytes: Buffer;
    try {
      const file = await this.deps.files.open(blob.sha256);
      if (!file) return 'SYNC_FILE_MISSING';
      try {
        bytes = await file.read(0, file.size);
      } finally {
        await file.close();
      }
    } catch (error) {
      if (error instanceof AppError && error.code === 'FILE_TAMPERED') return 'SYNC_FILE_CORRUPT';
      throw error;
    }
    if (bytes.byteLength > BUNDLED_BLOB_BYTES || createHash('sha256').update(bytes).digest('hex') !== blob.sha256)
      return 'SYNC_FILE_CORRUPT';
    return { sha256: blob.sha256, bytes };
  }
}

/** A local problem is reported per file, never thrown: it must not fail the whole pass. */
export function isLocalFileError(error: unknown): error is AppError {
  return error instanceof AppError && (LOCAL_FILE_ERRORS as readonly string[]).includes(error.code);
}
