import { parentPort, workerData } from 'node:worker_threads';
import { PDF_WORKER_MODE, servePdfPages } from '../capture/import/pdf-pages-worker';

/**
 * The digitize worker's entry (one script for the build). A pool worker loads the cleanup, PDF and barcode tasks; a
 * PDF import worker (capture/import/pdf-pages-worker.ts, with its own memory limit) loads only pdfjs's side, so it
 * starts fast and holds nothing else.
 */
if ((workerData as { mode?: string } | null)?.mode === PDF_WORKER_MODE) servePdfPages(parentPort!);
else void import('./digitize-task-worker');
