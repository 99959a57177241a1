import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker, type ResourceLimits } from 'node:worker_threads';

/**
 * Where the digitize worker lives. From source this module is a .ts file and the worker goes
 * through a small .mjs that loads tsx first; in the electron-vite build the worker is its own entry,
 * `out/main/digitize-worker.js`, beside the entry or one folder up from the chunk this code lands in.
 */
export function digitizeWorkerScript(): URL {
  const here = fileURLToPath(import.meta.url);
  if (here.endsWith('.ts')) return new URL('./digitize-worker-from-source.mjs', import.meta.url);
  const folder = path.dirname(here);
  const candidates = [path.join(folder, 'digitize-worker.js'), path.join(folder, '..', 'digitize-worker.js')];
  return pathToFileURL(candidates.find((candidate) => fs.existsSync(candidate)) ?? candidates[0]!);
}

/**
 * One digitize worker in a single mode (digitize-worker.ts dispatches on it) with its own memory limit, shared by every
 * caller, started on first use and replaced after it exits or is ended. An idle worker does not keep the process
 * alive; a caller refs it while it waits for an answer.
 */
export class ModeWorker {
  private worker: Worker | null = null;

  constructor(
    private readonly mode: string,
    private readonly resourceLimits: ResourceLimits,
  ) {}

  get(): Worker {
    if (this.worker) return this.worker;
    const worker = new Worker(digitizeWorkerScript(), { workerData: { mode: this.mode }, resourceLimits: this.resourceLimits });
    worker.on('exit', () => {
      if (this.worker === worker) this.worker = null;
    });
    worker.unref();
    this.worker = worker;
    return worker;
  }

  /** Ends a worker left mid-task (abandoned, hung or past its deadline); the next get() starts a new one. */
  async end(worker: Worker): Promise<void> {
    if (this.worker === worker) this.worker = null;
    await worker.terminate();
  }
}
