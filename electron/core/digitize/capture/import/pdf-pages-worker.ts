import type { MessagePort } from 'node:worker_threads';
import { AppError } from '../../../../../shared/ipc/result';
import type { ErrorCode } from '../../../../../shared/i18n/vi';
import { ModeWorker } from '../../pipeline/worker-script';
import type { CapturedPage } from '../../types';
import { pdfPagesInThisThread, type PdfPagesOptions } from './pdf-pages';

/**
 * The PDF worker's heap: a page raster and pdfjs's objects fit many times over; a hostile file that makes pdfjs build
 * giant structures kills the worker (ERR_WORKER_OUT_OF_MEMORY), never the core (issue 17 finding 5). Decoded images
 * live in ArrayBuffers outside this limit, which is why pdf-pages.ts caps their size too.
 */
export const PDF_WORKER_LIMITS = { maxOldGenerationSizeMb: 512, maxYoungGenerationSizeMb: 48, stackSizeMb: 4 };

export const PDF_WORKER_MODE = 'pdf-pages';

type ToWorker = { kind: 'start'; file: string; data: Uint8Array; options: PdfPagesOptions } | { kind: 'next' };

type FromWorker =
  | { kind: 'page'; page: CapturedPage }
  | { kind: 'done' }
  | { kind: 'error'; error: { code?: ErrorCode; params?: Record<string, string | number>; message: string } };

type Inbound = FromWorker | { kind: 'died'; error: unknown };

/** One worker serves every import, one PDF at a time, so pdfjs loads once; it is replaced when it dies. */
const pdfWorker = new ModeWorker(PDF_WORKER_MODE, PDF_WORKER_LIMITS);
let turn: Promise<void> = Promise.resolve();

function toAppError(file: string, message: Inbound): AppError {
  if (message.kind === 'error') {
    const { code, params, message: text } = message.error;
    return code ? new AppError(code, params) : new AppError('IMPORT_PDF_BROKEN', { file, details: text });
  }
  if (message.kind !== 'died') return new AppError('IMPORT_PDF_BROKEN', { file, details: `unexpected ${message.kind}` });
  if ((message.error as { code?: string } | null)?.code === 'ERR_WORKER_OUT_OF_MEMORY')
    return new AppError('IMPORT_PDF_TOO_HEAVY', { file });
  return new AppError('IMPORT_PDF_BROKEN', {
    file,
    details: message.error instanceof Error ? message.error.message : String(message.error),
  });
}

/**
 * Every page of a PDF, rasterized in the PDF worker thread with a memory limit; one page at a time, the next rendered
 * only when the previous one has been taken, so memory stays at one page however long the file. A consumer that stops
 * early ends the worker, which the next import replaces.
 */
export async function* pdfPages(file: string, data: Uint8Array, options: PdfPagesOptions): AsyncGenerator<CapturedPage> {
  let release!: () => void;
  const previous = turn;
  turn = new Promise<void>((resolve) => (release = resolve));
  await previous;
  const worker = pdfWorker.get();
  const inbox: Inbound[] = [];
  let wake: (() => void) | null = null;
  const deliver = (message: Inbound) => {
    inbox.push(message);
    wake?.();
  };
  const onMessage = (message: FromWorker) => deliver(message);
  const onError = (error: unknown) => deliver({ kind: 'died', error });
  const onExit = (code: number) => deliver({ kind: 'died', error: new Error(`the PDF worker exited with code ${code}`) });
  worker.on('message', onMessage).on('error', onError).on('exit', onExit);
  worker.ref();
  let settled = false;
  try {
    worker.postMessage({ kind: 'start', file, data, options } satisfies ToWorker);
    for (;;) {
      while (inbox.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const message = inbox.shift()!;
      if (message.kind === 'page') {
        const { bytes } = message.page;
        yield { ...message.page, bytes: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) };
        worker.postMessage({ kind: 'next' } satisfies ToWorker);
        continue;
      }
      settled = message.kind !== 'died';
      if (message.kind === 'done') return;
      throw toAppError(file, message);
    }
  } finally {
    worker.off('message', onMessage).off('error', onError).off('exit', onExit);
    worker.unref();
    if (!settled) await pdfWorker.end(worker);
    release();
  }
}

/** The worker's side: renders each PDF it is sent, handing pages over one by one as they are asked for. */
export function servePdfPages(port: MessagePort): void {
  let asked: (() => void) | null = null;
  port.on('message', (message: ToWorker) => {
    if (message.kind === 'start') void render(port, message, () => new Promise<void>((resolve) => (asked = resolve)));
    else {
      const resume = asked;
      asked = null;
      resume?.();
    }
  });
}

async function render(port: MessagePort, { file, data, options }: Extract<ToWorker, { kind: 'start' }>, nextAsked: () => Promise<void>) {
  try {
    for await (const page of pdfPagesInThisThread(file, data, options)) {
      const next = nextAsked();
      port.postMessage({ kind: 'page', page } satisfies FromWorker);
      await next;
    }
    port.postMessage({ kind: 'done' } satisfies FromWorker);
  } catch (error) {
    port.postMessage({
      kind: 'error',
      error:
        error instanceof AppError
          ? { code: error.code, params: error.params, message: error.message }
          : { message: error instanceof Error ? error.message : String(error) },
    } satisfies FromWorker);
  }
}
