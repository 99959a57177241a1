import type { MessagePort } from 'node:worker_threads';
import { PDF_WORKER_LIMITS } from '../capture/import/pdf-pages-worker';
import { ModeWorker } from '../pipeline/worker-script';

export const PAGE_COUNT_WORKER_MODE = 'page-count';

/**
 * How long a PDF's pages may take to count. Real documents take well under a second (a 73 MB scan in 0.2 s, 3,000
 * text pages in 0.4 s); pdf-lib spends 1.6 s a MB on garbage behind a `%PDF` header, so a hostile 50 MB file (the
 * store's limit) would take over a minute (issue 17).
 */
export const PAGE_COUNT_DEADLINE_MS = 10_000;

/** pdf-lib in its own thread, one file at a time, so a deadline measures only that file's parse. */
const countWorker = new ModeWorker(PAGE_COUNT_WORKER_MODE, PDF_WORKER_LIMITS);
let turn: Promise<unknown> = Promise.resolve();

/**
 * How many paper pages a stored document has: a PDF's page count, a multi-page TIFF's frames, one
 * for any other image; null when the file cannot be read (broken, password-protected, or a PDF that
 * exhausts the worker's memory or deadline). Files come from the officer, the hot folder, the portal and
 * the gateway, so a PDF is parsed in a worker thread and the core's loop stays free; sharp already reads
 * an image in libvips's threads. The libraries load on first use so the core's start-up does not pay for them.
 */
export async function countDocumentPages(
  bytes: Uint8Array,
  mediaType: string,
  deadlineMs: number = PAGE_COUNT_DEADLINE_MS,
): Promise<number | null> {
  if (mediaType === 'application/pdf') {
    const counted = turn.then(() => countInWorker(bytes, deadlineMs));
    turn = counted.catch(() => undefined);
    return counted;
  }
  try {
    const { default: sharp } = await import('sharp');
    const metadata = await sharp(bytes).metadata();
    return mediaType === 'image/tiff' ? (metadata.pages ?? 1) : 1;
  } catch {
    return null;
  }
}

/** A worker that dies (out of memory) or misses the deadline is ended, and the next count starts a new one. */
function countInWorker(bytes: Uint8Array, deadlineMs: number): Promise<number | null> {
  const worker = countWorker.get();
  return new Promise((resolve) => {
    const finish = (pages: number | null, endWorker: boolean) => {
      clearTimeout(deadline);
      worker.off('message', onAnswer).off('error', onGone).off('exit', onGone);
      worker.unref();
      if (endWorker) void countWorker.end(worker);
      resolve(pages);
    };
    const onAnswer = (pages: number | null) => finish(pages, false);
    const onGone = () => finish(null, true);
    const deadline = setTimeout(onGone, deadlineMs);
    worker.on('message', onAnswer).on('error', onGone).on('exit', onGone);
    worker.ref();
    worker.postMessage(bytes);
  });
}

/** The worker's side: answers each PDF it is sent with its page count, or null. */
export function servePageCounts(port: MessagePort): void {
  // pdf-lib warns once per broken object, thousands of lines for a hostile file, and a worker's console is the core's.
  console.warn = () => undefined;
  port.on('message', (bytes: Uint8Array) => void pdfPageCount(bytes).then((pages) => port.postMessage(pages)));
}

async function pdfPageCount(bytes: Uint8Array): Promise<number | null> {
  try {
    const { PDFDocument } = await import('pdf-lib');
    return (await PDFDocument.load(bytes, { updateMetadata: false })).getPageCount();
  } catch {
    return null;
  }
}
