import type { PendingCommand } from '../../../db/repositories/outbox-sync-repository';
import { z } from 'zod';
import { parseStoredText } from '../../../shared/storage/stored-json';
import { SHA256_PATTERN } from '../../../shared/sync/protocol';
import { isLocalFileError, type BlobBundler } from './blob-bundler';
import type { BlobUploader } from './blob-uploader';

/** The sha256 of every file a command names (`payload.files[].sha256`, shared/sync/protocol.ts fileRefSchema). */
const payloadFilesSchema = z.object({ files: z.array(z.unknown()) });
const fileShaSchema = z.object({ sha256: z.string().regex(SHA256_PATTERN) });

export function referencedBlobs(payload: string): string[] {
  const parsed = payloadFilesSchema.safeParse(parseStoredText(payload, 'outbox.payload', 'files'));
  if (!parsed.success) return [];
  const hashes = parsed.data.files.flatMap((file) => {
    const ref = fileShaSchema.safeParse(file);
    return ref.success ? [ref.data.sha256] : [];
  });
  return [...new Set(hashes)];
}

/** Uploads in flight at once: enough to hide round trips, few enough to leave the link to others. */
export const UPLOAD_CONCURRENCY = 4;

/**
 * Sends the files of a batch before the batch itself, so the gateway never sees a command for a
 * blob it lacks. A file missing or damaged on this machine holds back only the commands naming it;
 * a network failure fails the whole batch, which stays pending. Every pass asks again which blobs
 * the gateway lacks (one request for the batch), and nothing stale is trusted. Small files go
 * many to a request (BlobBundler), larger ones by resumable upload (BlobUploader), side by side.
 */
export class CommandFiles {
  constructor(
    private readonly uploader: Pick<BlobUploader, 'upload'>,
    private readonly bundler: Pick<BlobBundler, 'survey' | 'send'>,
    private readonly concurrency = UPLOAD_CONCURRENCY,
  ) {}

  /** The commands that cannot go yet, by id, with the local problem as the reason. */
  async prepare(batch: PendingCommand[]): Promise<Map<string, string>> {
    const hashesByCommand = new Map(batch.map((row) => [row.id, referencedBlobs(row.payload)]));
    const problems = await this.sendAll([...new Set([...hashesByCommand.values()].flat())]);
    const unsendable = new Map<string, string>();
    for (const [id, hashes] of hashesByCommand) {
      const problem = hashes.map((sha256) => problems.get(sha256)).find((reason) => reason !== undefined);
      if (problem) unsendable.set(id, problem);
    }
    return unsendable;
  }

  /** The local problem of each blob that could not be sent; throws the first network failure. */
  private async sendAll(hashes: string[]): Promise<Map<string, string>> {
    if (hashes.length === 0) return new Map();
    const { small, large, problems } = await this.bundler.survey(hashes);
    // Both settle before the pass goes on, so no upload is left running behind a failure.
    const settled = await Promise.allSettled([this.bundler.send(small), this.uploadAll(large)]);
    for (const outcome of settled) {
      if (outcome.status === 'rejected') throw outcome.reason;
      for (const [sha256, reason] of outcome.value) problems.set(sha256, reason);
    }
    return problems;
  }

  private async uploadAll(hashes: string[]): Promise<Map<string, string>> {
    const problems = new Map<string, string>();
    const queue = [...hashes];
    const failures: unknown[] = [];
    const worker = async () => {
      while (queue.length > 0 && failures.length === 0) {
        const sha256 = queue.shift()!;
        try {
          await this.uploader.upload(sha256);
        } catch (error) {
          if (isLocalFileError(error)) problems.set(sha256, error.code);
          else failures.push(error);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, worker));
    if (failures.length > 0) throw failures[0];
    return problems;
  }
}
