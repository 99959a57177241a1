import { AppError, type AppErrorData } from '../../../shared/ipc/result';
import { signPdf, type PadesOptions } from './pades-signer';
import type { SigningKey } from './signing-key';

export interface BatchItem {
  id: string;
  pdf: Uint8Array;
}

export type BatchResult = { id: string; ok: true; pdf: Uint8Array } | { id: string; ok: false; error: AppErrorData };

/** Errors of the key itself: once one happens no later file can be signed in this session. */
const SESSION_ERRORS = new Set(['SIGN_TOKEN_REMOVED', 'SIGN_TOKEN_PIN_LOCKED', 'SIGN_SESSION_CLOSED', 'SIGN_TOKEN_ERROR']);

/**
 * Whether a PDF parses at all, judged away from the core's thread (the composition root answers with the page-count
 * worker): pdf-lib parses a file on the thread that signs it, and spends 1.6 s a MB crawling through garbage behind a
 * plausible `startxref`, so a hostile attached file would freeze the counter (issue 17, hostile input contained).
 */
export type PdfReadable = (pdf: Uint8Array) => Promise<boolean>;

/**
 * Signs the component PDFs of a dossier in one session — one PIN entry for the batch while the
 * citizen waits (docs/devices.md §7). A file that cannot be read fails alone; a token pulled out
 * (or any error of the session) stops the batch, and every file not yet signed says why, so the
 * officer plugs the token back in and signs only those.
 */
export async function signBatch(
  items: readonly BatchItem[],
  key: SigningKey,
  options: (item: BatchItem) => PadesOptions,
  onSigned?: (done: number, total: number) => void,
  readable?: PdfReadable,
): Promise<BatchResult[]> {
  const results: BatchResult[] = [];
  let stopped: AppErrorData | null = null;
  for (const item of items) {
    if (stopped) {
      results.push({ id: item.id, ok: false, error: stopped });
      continue;
    }
    try {
      if (readable && !(await readable(item.pdf)))
        throw new AppError('SIGN_PDF_UNREADABLE', { details: 'the file does not parse as a PDF' });
      results.push({ id: item.id, ok: true, pdf: await signPdf(item.pdf, key, options(item)) });
      onSigned?.(results.length, items.length);
    } catch (error) {
      const appError = error instanceof AppError ? error : new AppError('SIGN_FAILED', { details: (error as Error).message });
      results.push({ id: item.id, ok: false, error: appError.toData() });
      if (SESSION_ERRORS.has(appError.code)) stopped = appError.toData();
    }
  }
  return results;
}
