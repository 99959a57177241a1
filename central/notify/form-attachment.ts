import fs from 'node:fs';
import type { EmailAttachment } from './delivery';

/** The gateway's complete blobs, by sha256; null when the blob is not (yet) there. */
export interface BlobReader {
  read(sha256: string): Promise<Uint8Array | null>;
}

/** Reads the blob folder (central/blobs.ts BlobStore.filePath); a file not there is an upload still pending. */
export function blobFolderReader(filePath: (sha256: string) => string): BlobReader {
  return {
    read: async (sha256) => {
      try {
        return await fs.promises.readFile(filePath(sha256));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
    },
  };
}

/**
 * How long a notice waits for the PDF it should carry. The counter uploads the form within a sync pass
 * or two of the decision; a counter that went offline meanwhile, or one from before the forms were sent,
 * must not hold the applicant's notice for longer than this.
 */
export const DEFAULT_FORM_WAIT_MS = 30 * 60_000;

export type FormAttachment = { kind: 'attach'; attachment: EmailAttachment } | { kind: 'wait' } | { kind: 'without' };

/**
 * The PDF a notice carries (issue 15 §1): attached when its blob is at the gateway; while the counter's
 * upload is pending (no reference yet, or no bytes yet) the notice waits — counted from `since`, the
 * decision — for at most `waitMs`, then goes without it. No reader configured: the notice goes without.
 */
export async function formAttachment(input: {
  reader: BlobReader | undefined;
  sha256: string | null;
  fileName: string;
  since: Date;
  now: Date;
  waitMs: number;
}): Promise<FormAttachment> {
  if (!input.reader) return { kind: 'without' };
  const content = input.sha256 ? await input.reader.read(input.sha256) : null;
  if (content) return { kind: 'attach', attachment: { fileName: input.fileName, content, contentType: 'application/pdf' } };
  return input.now.getTime() - input.since.getTime() < input.waitMs ? { kind: 'wait' } : { kind: 'without' };
}
