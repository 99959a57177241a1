#!/usr/bin/env node
// `npm run start:web` builds the renderer only when its sources changed since the last build
// (issue 13 point 12): a content hash of every file the bundle is made from is kept beside the
// output, and a build is skipped while it matches. A hash, not file times: a checkout or a copy
// changes times without changing the bundle, and an electron-vite build of out/ removes the stamp.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the renderer bundle is made of: its own folder, the shared code it imports, the locked packages. */
export const BUNDLE_INPUTS = ['renderer', 'shared', 'package-lock.json'];
export const STAMP = path.join('out', 'renderer', '.sources-sha256');

function filesUnder(root, relative) {
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [relative];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

/** sha256 over the sorted paths and contents of the bundle's inputs. */
export function sourcesHash(root) {
  const files = BUNDLE_INPUTS.flatMap((input) => filesUnder(root, input))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
  const hash = createHash('sha256');
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

export function isBuilt(root) {
  const stamp = path.join(root, STAMP);
  return (
    existsSync(path.join(root, 'out', 'renderer', 'index.html')) &&
    existsSync(stamp) &&
    readFileSync(stamp, 'utf8').trim() === sourcesHash(root)
  );
}

export function buildRenderer(root, { force = false } = {}) {
  if (!force && isBuilt(root)) return 'fresh';
  const hash = sourcesHash(root);
  const build = spawnSync('npx', ['vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) throw new Error(`vite build failed (${build.status ?? build.signal})`);
  writeFileSync(path.join(root, STAMP), `${hash}\n`);
  return 'built';
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outcome = buildRenderer(root, { force: process.argv.includes('--force') });
  if (outcome === 'fresh') console.log('Renderer already built from these sources (out/renderer); skipping the build.');
}
