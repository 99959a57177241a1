#!/usr/bin/env node
// `npm run start:web` builds the renderer (and the harness, scripts/start-web.mjs) only when their
// sources changed since the last build (issue 13 point 12): a content hash of every file a bundle is
// made from is kept beside its output, and a build is skipped while it matches. A hash, not file
// times alone: a checkout or a copy changes times without changing the bundle, and an electron-vite
// build of out/ removes the stamp. File times only spare the hashing: when no source is newer than
// the stamp and the list of files is the one hashed, the stamp still holds.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** What the renderer bundle is made of: its own folder, the shared code it imports, the locked packages. */
export const BUNDLE_INPUTS = ['renderer', 'shared', 'package-lock.json'];
export const STAMP = path.join('out', 'renderer', '.sources-sha256');

/** The renderer bundle the harness serves (renderer/vite.config.ts writes out/renderer). */
export const RENDERER_BUNDLE = {
  inputs: BUNDLE_INPUTS,
  stamp: STAMP,
  output: path.join('out', 'renderer', 'index.html'),
  command: ['npx', 'vite', 'build', '--config', 'renderer/vite.config.ts', '--logLevel', 'warn'],
};

/** The development harness start:web runs (scripts/build-harness.mjs): the core is made of these. */
export const HARNESS_BUNDLE = {
  inputs: ['electron', 'shared', 'db', 'package-lock.json'],
  stamp: path.join('out', 'harness', '.sources-sha256'),
  output: path.join('out', 'harness', 'harness.js'),
  command: [process.execPath, path.join('scripts', 'build-harness.mjs')],
};

function filesUnder(root, relative) {
  const full = path.join(root, relative);
  if (!existsSync(full)) return [];
  if (statSync(full).isFile()) return [relative];
  return readdirSync(full, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)));
}

function sourceFiles(root, inputs) {
  return inputs
    .flatMap((input) => filesUnder(root, input))
    .map((file) => file.split(path.sep).join('/'))
    .sort();
}

/** sha256 over the sorted paths and contents of a bundle's inputs. */
export function sourcesHash(root, inputs = BUNDLE_INPUTS) {
  const hash = createHash('sha256');
  for (const file of sourceFiles(root, inputs)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(path.join(root, file)));
    hash.update('\0');
  }
  return hash.digest('hex');
}

/** The stamp's second line: the files it was taken over, so an added or removed file is seen without hashing. */
function listingHash(files) {
  return createHash('sha256').update(files.join('\n')).digest('hex');
}

function readStamp(root, bundle) {
  const stamp = path.join(root, bundle.stamp);
  if (!existsSync(stamp)) return null;
  const [sources = '', listing = ''] = readFileSync(stamp, 'utf8').split('\n');
  return { sources: sources.trim(), listing: listing.trim(), mtimeMs: statSync(stamp).mtimeMs };
}

export function writeStamp(root, bundle = RENDERER_BUNDLE, hash = sourcesHash(root, bundle.inputs)) {
  writeFileSync(path.join(root, bundle.stamp), `${hash}\n${listingHash(sourceFiles(root, bundle.inputs))}\n`);
}

export function isBuilt(root, bundle = RENDERER_BUNDLE) {
  if (!existsSync(path.join(root, bundle.output))) return false;
  const stamp = readStamp(root, bundle);
  if (!stamp) return false;
  const files = sourceFiles(root, bundle.inputs);
  const untouched = stamp.listing === listingHash(files) && files.every((file) => statSync(path.join(root, file)).mtimeMs <= stamp.mtimeMs);
  return untouched || stamp.sources === sourcesHash(root, bundle.inputs);
}

/** Builds a bundle unless its stamp matches its sources; 'fresh' when nothing had to be built. */
export function buildBundle(root, bundle, { force = false } = {}) {
  if (!force && isBuilt(root, bundle)) return 'fresh';
  const hash = sourcesHash(root, bundle.inputs);
  const [command, ...args] = bundle.command;
  const build = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error(`${bundle.command.join(' ')} failed (${build.status ?? build.signal})`);
  writeStamp(root, bundle, hash);
  return 'built';
}

export function buildRenderer(root, options = {}) {
  return buildBundle(root, RENDERER_BUNDLE, options);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
  const outcome = buildRenderer(root, { force: process.argv.includes('--force') });
  if (outcome === 'fresh') console.log('Renderer already built from these sources (out/renderer); skipping the build.');
}
