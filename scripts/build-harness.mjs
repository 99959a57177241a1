#!/usr/bin/env node
// Builds the development harness (electron/core/harness/main.ts) the way electron-vite builds the
// core: ESM, packages left to node_modules, the digitize worker as its own entry beside it (found
// by electron/core/digitize/pipeline/worker-script.ts). `npm run start:web` runs this bundle with
// plain Node instead of compiling the TypeScript core through tsx on every start (issue 13 point 12).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
export const HARNESS_OUT_DIR = path.join('out', 'harness');

await build({
  configFile: false,
  logLevel: 'warn',
  root,
  build: {
    ssr: true,
    outDir: path.join(root, HARNESS_OUT_DIR),
    emptyOutDir: true,
    minify: false,
    rolldownOptions: {
      input: {
        harness: path.join(root, 'electron/core/harness/main.ts'),
        'digitize-worker': path.join(root, 'electron/core/digitize/pipeline/digitize-worker.ts'),
      },
      output: { format: 'esm', entryFileNames: '[name].js' },
    },
  },
});
