#!/usr/bin/env node
// Runs the built CLI when present (after `npm run build`), else the TypeScript sources through tsx.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const built = join(root, 'out', 'main', 'cli.js');
if (existsSync(built)) {
  await import(pathToFileURL(built).href);
} else {
  await import('tsx/esm');
  await import(pathToFileURL(join(root, 'electron', 'core', 'cli', 'main.ts')).href);
}
