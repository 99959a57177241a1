#!/usr/bin/env node
// `npm start`: builds and opens the Electron app; where the Electron binary is absent (it cannot
// be downloaded on offline build machines) it runs the same app in a browser through the harness.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const electronDir = path.join(root, 'node_modules', 'electron');
const pathFile = path.join(electronDir, 'path.txt');
const hasElectronBinary = existsSync(pathFile) && existsSync(path.join(electronDir, 'dist', readFileSync(pathFile, 'utf8').trim()));

const run = (args) => spawnSync('npm', args, { cwd: root, stdio: 'inherit' }).status ?? 1;

if (hasElectronBinary) {
  process.exit(run(['exec', '--', 'electron-vite', 'preview', ...process.argv.slice(2)]));
}
console.log('Không có tệp chạy Electron trên máy này — mở ứng dụng trong trình duyệt (npm run start:web).');
console.log('No Electron binary on this machine — running the same app in a browser (npm run start:web).');
process.exit(run(['run', 'start:web', '--', ...process.argv.slice(2)]));
