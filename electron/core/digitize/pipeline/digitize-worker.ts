import { parentPort, workerData } from 'node:worker_threads';
import { PAGE_COUNT_WORKER_MODE, servePageCounts } from '../app/document-pages';
import { PDF_WORKER_MODE, servePdfPages } from '../capture/import/pdf-pages-worker';

/**
 * The digitize worker's entry (one script for the build). A pool worker loads the cleanup, PDF and barcode tasks; a
 * PDF import worker (capture/import/pdf-pages-worker.ts) loads only pdfjs's side and a page-count worker
 * (app/document-pages.ts) only pdf-lib, each with its own memory limit, so they start fast and hold nothing else.
 */
const mode = (workerData as { mode?: string } | null)?.mode;
if (mode === PDF_WORKER_MODE) servePdfPages(parentPort!);
else if (mode === PAGE_COUNT_WORKER_MODE) servePageCounts(parentPort!);
else void import('./digitize-task-worker');
