import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

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
