#!/usr/bin/env node
// `npm run start:web`: the whole app in a browser on loopback (issue 13 point 12: a usable sign-in
// screen within 3 s). The renderer and the harness are built only when their sources changed (a
// content-hash stamp beside each output, scripts/build-renderer.mjs); the harness then runs as a
// plain-Node bundle in this very process, with no TypeScript compiled at start.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildBundle, HARNESS_BUNDLE, RENDERER_BUNDLE } from './build-renderer.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');

const OWN_FLAGS = ['--rebuild', '--build-only'];
const force = process.argv.includes('--rebuild');
const built = [
  ['renderer', RENDERER_BUNDLE],
  ['harness', HARNESS_BUNDLE],
].filter(([, bundle]) => buildBundle(root, bundle, { force }) === 'built');
// bench:startup reads this line to tell an everyday start from one that had to build first.
console.log(built.length ? `start:web: built ${built.map(([name]) => name).join(', ')}` : 'start:web: bundles up to date');
if (!process.argv.includes('--build-only')) {
  // The harness reads its own flags (--data, --host, --port) from process.argv.
  process.argv = process.argv.filter((arg) => !OWN_FLAGS.includes(arg));
  await import(pathToFileURL(path.join(root, HARNESS_BUNDLE.output)).href);
}
