import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { databaseKeyPragmas } from '../../../db/open';

/**
 * Runs in a worker thread: its own read-only connection to the counter's database, keyed, copied with `VACUUM INTO`.
 * Plain JavaScript evaluated in the worker, so neither the dev build (TypeScript) nor the packaged one needs a
 * separate worker entry; the SQLCipher driver is required by the path the core itself resolved.
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const sqlite = new Database(workerData.file, { readonly: true, fileMustExist: true });
try {
  for (const pragma of workerData.pragmas) sqlite.pragma(pragma);
  sqlite.prepare('VACUUM INTO ?').run(workerData.target);
} finally {
  sqlite.close();
}
parentPort.postMessage('done');
`;

/**
 * Copies an encrypted database without holding the core's event loop (docs/architecture.md §5, backup): `VACUUM INTO`
 * takes seconds on a large database, and on the core's own connection it froze every IPC call meanwhile. A second
 * connection sees the same consistent snapshot (WAL mode lets it read while the core writes) and writes the copy under
 * the same key.
 */
export function vacuumIntoOffLoop(databaseFile: string, target: string, key: Buffer): Promise<void> {
  const driver = createRequire(import.meta.url).resolve('better-sqlite3-multiple-ciphers');
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { driver, file: databaseFile, target, pragmas: databaseKeyPragmas(key) },
    });
    let done = false;
    worker.once('message', () => {
      done = true;
      resolve();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => {
      if (!done) reject(new Error(`database copy worker exited with code ${code}`));
    });
  });
}
