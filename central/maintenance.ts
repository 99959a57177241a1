import { sweepExpiredNonces } from './auth';
import type { CentralDb } from './db/open';
import { sweepStaleUploads } from './stale-uploads';

export interface MaintenanceOptions {
  db: CentralDb;
  blobDir: string;
  /** Partial uploads untouched this long are removed (central/stale-uploads.ts). */
  staleUploadMs: number;
  log: (message: string, error?: unknown) => void;
}

/** Nonces expire within minutes; the blob folder is walked less often, as it can be large. */
const NONCE_SWEEP_MS = 5 * 60_000;
const UPLOAD_SWEEP_MS = 6 * 60 * 60_000;

/**
 * The housekeeping of a serving gateway, at start and then periodically: forget expired request
 * nonces, remove stale partial uploads. Every step is safe to run on several instances at once.
 * Returns a stop function; the timer never keeps the process alive.
 */
export function startMaintenance(options: MaintenanceOptions): () => void {
  let lastUploadSweep = 0;
  let running = false;
  const run = async () => {
    if (running) return;
    running = true;
    try {
      await sweepExpiredNonces(options.db);
      if (Date.now() - lastUploadSweep >= UPLOAD_SWEEP_MS) {
        lastUploadSweep = Date.now();
        const swept = await sweepStaleUploads(options.db, options.blobDir, options.staleUploadMs);
        if (swept.parts + swept.temporaries > 0)
          options.log(`removed ${swept.parts} stale partial uploads and ${swept.temporaries} temporary files`);
      }
    } catch (error) {
      options.log('maintenance failed', error);
    } finally {
      running = false;
    }
  };
  void run();
  const timer = setInterval(() => void run(), NONCE_SWEEP_MS);
  timer.unref();
  return () => clearInterval(timer);
}
