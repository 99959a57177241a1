import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/ipc/result';
import type { BlobPatchResponse, BlobState } from '../../../shared/sync/protocol';
import type { OpenedStoredFile, StoredFileReader } from '../platform/file-store';

/** The two gateway calls of a resumable upload (GatewayClient implements them). */
export interface BlobTransport {
  createBlob(sha256: string, size: number): Promise<BlobState>;
  appendBlob(sha256: string, offset: number, chunk: Uint8Array, chunkSha256: string): Promise<BlobPatchResponse>;
}

/** 1 MiB: small enough that a dropped link loses little, large enough that a scan needs few requests. */
export const UPLOAD_CHUNK_BYTES = 1024 * 1024;

/** A chunk the gateway refused as damaged is sent again this many times before the upload gives up. */
const CHUNK_RETRIES = 2;

export interface BlobUploaderDeps {
  gateway: BlobTransport;
  /** The file store's decrypting reader (FileStore). */
  files: StoredFileReader;
  chunkBytes?: number;
}

export type UploadOutcome = 'alreadyThere' | 'uploaded';

/** Problems of the local copy: the command naming the file waits, the rest of the queue goes on. */
export const LOCAL_FILE_ERRORS = ['SYNC_FILE_MISSING', 'SYNC_FILE_CORRUPT'] as const;

function refusalCode(error: unknown): string | null {
  return error instanceof AppError && error.code === 'SYNC_REQUEST_REFUSED' ? String(error.params.code) : null;
}

function sha256Of(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * Uploads a file-store blob to the gateway the tus way (shared/sync/protocol.ts): ask where the
 * upload stands, then append chunks from that offset. The gateway keeps the offset, so an upload cut
 * by a dropped link or a killed process resumes where the gateway's bytes end, not from zero. The
 * file is read one chunk at a time, never whole.
 */
export class BlobUploader {
  private readonly chunkBytes: number;

  constructor(private readonly deps: BlobUploaderDeps) {
    this.chunkBytes = Math.max(1, Math.min(deps.chunkBytes ?? UPLOAD_CHUNK_BYTES, UPLOAD_CHUNK_BYTES));
  }

  async upload(sha256: string): Promise<UploadOutcome> {
    const file = await this.open(sha256);
    try {
      const { size } = file;
      let state: { offset: number; complete: boolean } = await this.deps.gateway.createBlob(sha256, size);
      if (state.complete) return 'alreadyThere';
      let damagedChunks = 0;
      let restarted = false;
      while (!state.complete) {
        if (state.offset < 0 || state.offset > size) throw new AppError('SYNC_GATEWAY_GARBAGE', { status: 200 });
        const chunk = await this.readChunk(file, sha256, state.offset, Math.min(this.chunkBytes, size - state.offset));
        try {
          const next = await this.deps.gateway.appendBlob(sha256, state.offset, chunk, sha256Of(chunk));
          // Without progress the loop would spin forever against a confused gateway.
          if (!next.complete && next.offset <= state.offset) throw new AppError('SYNC_GATEWAY_GARBAGE', { status: 200 });
          state = next;
        } catch (error) {
          switch (refusalCode(error)) {
            case 'OFFSET_MISMATCH':
              // Another attempt got further (or the gateway lost a tail): continue from its offset.
              state = await this.deps.gateway.createBlob(sha256, size);
              break;
            case 'CHUNK_HASH_MISMATCH':
              damagedChunks += 1;
              if (damagedChunks > CHUNK_RETRIES) throw error;
              break;
            case 'BLOB_HASH_MISMATCH':
              // The gateway discarded its bytes; worth one fresh start only if ours are sound.
              if ((await this.hashOf(file, sha256)) !== sha256) throw new AppError('SYNC_FILE_CORRUPT', { sha256: sha256.slice(0, 12) });
              if (restarted) throw error;
              restarted = true;
              state = await this.deps.gateway.createBlob(sha256, size);
              break;
            default:
              throw error;
          }
        }
      }
      return 'uploaded';
    } finally {
      await file.close();
    }
  }

  private async open(sha256: string): Promise<OpenedStoredFile> {
    const file = await this.local(sha256, () => this.deps.files.open(sha256));
    if (!file) throw new AppError('SYNC_FILE_MISSING', { sha256: sha256.slice(0, 12) });
    return file;
  }

  /** A stored file whose bytes were changed is this file's local problem, like a damaged one. */
  private async local<T>(sha256: string, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (error instanceof AppError && error.code === 'FILE_TAMPERED')
        throw new AppError('SYNC_FILE_CORRUPT', { sha256: sha256.slice(0, 12) });
      throw error;
    }
  }

  private async readChunk(file: OpenedStoredFile, sha256: string, offset: number, length: number): Promise<Buffer> {
    // A fresh buffer per chunk (read returns one): fetch may still hold the previous one while the gateway answers.
    const chunk = await this.local(sha256, () => file.read(offset, length));
    if (chunk.byteLength !== length) throw new AppError('SYNC_FILE_CORRUPT', { sha256: sha256.slice(0, 12) });
    return chunk;
  }

  private async hashOf(file: OpenedStoredFile, sha256: string): Promise<string> {
    const hash = createHash('sha256');
    for (let position = 0; position < file.size; position += this.chunkBytes)
      hash.update(await this.local(sha256, () => file.read(position, Math.min(this.chunkBytes, file.size - position))));
    return hash.digest('hex');
  }
}
