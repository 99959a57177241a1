import type { PendingCommand } from '../../../db/repositories/outbox-sync-repository';
import { AppError } from '../../../shared/ipc/result';
import { SHA256_PATTERN } from '../../../shared/sync/protocol';
import { LOCAL_FILE_ERRORS, type BlobUploader } from './blob-uploader';

/** The sha256 of every file a command names (`payload.files[].sha256`, shared/sync/protocol.ts fileRefSchema). */
export function referencedBlobs(payload: string): string[] {
  const parsed = JSON.parse(payload) as { files?: unknown };
  if (!Array.isArray(parsed.files)) return [];
  const hashes = parsed.files.map((file: unknown) => (file as { sha256?: unknown } | null)?.sha256).filter((sha): sha is string => typeof sha === 'string' && SHA256_PATTERN.test(sha));
  return [...new Set(hashes)];
}

/**
 * Sends the files of a batch before the batch itself, so the gateway never sees a command for a
 * blob it lacks. A file missing or damaged on this machine holds back only its own command; a
 * network failure fails the whole batch, which stays pending. Every pass asks again: a blob the
 * gateway reports complete costs one small request, and nothing stale is trusted.
 */
export class CommandFiles {
  constructor(private readonly uploader: Pick<BlobUploader, 'upload'>) {}

  /** The commands that cannot go yet, by id, with the local problem as the reason. */
  async prepare(batch: PendingCommand[]): Promise<Map<string, string>> {
    const unsendable = new Map<string, string>();
    for (const row of batch) {
      const reason = await this.uploadAll(referencedBlobs(row.payload));
      if (reason) unsendable.set(row.id, reason);
    }
    return unsendable;
  }

  /** Null when every file is on the gateway, else the local problem that stopped one. */
  private async uploadAll(hashes: string[]): Promise<string | null> {
    for (const sha256 of hashes) {
      try {
        await this.uploader.upload(sha256);
      } catch (error) {
        if (error instanceof AppError && (LOCAL_FILE_ERRORS as readonly string[]).includes(error.code)) return error.code;
        throw error;
      }
    }
    return null;
  }
}
