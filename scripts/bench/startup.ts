// npm run bench:startup — how fast the built core starts: from process start to the core answering
// its first IPC call (app.firstRunStatus, the renderer's first call), and to the sign-in screen
// rendered in Chromium through the harness. Median of 5 runs each (--runs N), on a data folder that
// already has its schema and an admin (a counter's everyday start, not the first run).
//
// Baseline ("eager"): the same built code with the heavy packages the core used to import at start
// (playwright-core, sharp, exceljs, @napi-rs/canvas, serialport, tesseract.js, zxing-wasm, qrcode,
// bwip-js, date-chinese) imported before it, as they were before they moved behind first use.
// Runs alternate between the two so the other processes on the machine weigh on both alike.
// Targets: core ready ≤ 500 ms, sign-in screen ≤ 1.5 s.
//
// Then the whole `npm run start:web` (issue 13 point 12): from spawning npm to the sign-in screen,
// with the renderer and harness bundles already built (the everyday start; scripts/start-web.mjs
// checks their stamps), against the start it replaced: `tsx electron/core/harness/main.ts` compiling
// the TypeScript core at each start (the renderer build check left out, so the baseline is kind to
// the old way). Target: under 3 s.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { build } from 'vite';
import WebSocket from 'ws';
import { CHROMIUM_ARGS } from '../../electron/core/platform/chromium-pdf-renderer';
import { buildRenderer } from '../build-renderer.mjs';
import { HARNESS_SOCKET_PATH, type WireFrame } from '../../shared/ipc/wire';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const outDir = path.join(root, 'out', 'bench-startup');
const CORE_TARGET_MS = 500;
const SIGN_IN_TARGET_MS = 1500;
const START_WEB_TARGET_MS = 3000;
const EAGER_PACKAGES = [
  'playwright-core',
  'sharp',
  'exceljs',
  '@napi-rs/canvas',
  'serialport',
  'tesseract.js',
  'zxing-wasm/reader',
  'qrcode',
  'bwip-js/node',
  'date-chinese',
];

const { values } = parseArgs({ options: { runs: { type: 'string', default: '5' }, 'skip-build': { type: 'boolean', default: false } } });
const runs = Math.max(1, Number(values.runs));

/** The harness entry built the way electron-vite builds the core: one ESM file, packages left to node_modules. */
async function buildHarness(): Promise<string> {
  await build({
    configFile: false,
    logLevel: 'warn',
    root,
    build: {
      ssr: path.join(root, 'electron/core/harness/main.ts'),
      outDir,
      emptyOutDir: true,
      minify: false,
      rolldownOptions: { output: { format: 'esm', entryFileNames: 'harness.mjs' } },
    },
  });
  const preload = path.join(outDir, 'eager-baseline.mjs');
  fs.writeFileSync(preload, EAGER_PACKAGES.map((name) => `await import(${JSON.stringify(name)});`).join('\n') + '\n');
  return path.join(outDir, 'harness.mjs');
}

interface Started {
  child: ChildProcess;
  url: URL;
  secret: string;
  exited: Promise<void>;
  /** What the process printed before its address (start:web says whether it had to build). */
  output: string;
}

/** Starts the built harness; resolves once it prints its address. `t0` is taken just before the spawn. */
function startHarness(entry: string, dataDir: string, eager: boolean): Promise<Started> {
  const args = [...(eager ? ['--import', path.join(outDir, 'eager-baseline.mjs')] : []), entry, '--data', dataDir, '--port', '0'];
  return startCommand(process.execPath, args);
}

/** Any command that ends up printing the harness's address; in its own process group, so npm's children stop with it. */
function startCommand(command: string, args: string[]): Promise<Started> {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const match = /open (http:\/\/\S+)/.exec(output);
      if (!match) return;
      child.stdout!.off('data', onData);
      const url = new URL(match[1]!);
      resolve({ child, url, secret: new URLSearchParams(url.hash.slice(1)).get('secret') ?? '', exited, output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += String(chunk)));
    child.once('exit', (code) => reject(new Error(`harness exited (${code}) before it was ready:\n${output}`)));
  });
}

function call(started: Started, channel: string, input: unknown): Promise<unknown> {
  const socket = new WebSocket(`ws://${started.url.host}${HARNESS_SOCKET_PATH}?secret=${encodeURIComponent(started.secret)}`);
  return new Promise((resolve, reject) => {
    socket.once('error', reject);
    socket.once('open', () => socket.send(JSON.stringify({ id: 1, channel, input })));
    socket.on('message', (data) => {
      const frame = JSON.parse(String(data)) as WireFrame;
      if (frame.kind !== 'result') return;
      socket.close();
      if (frame.result.ok) resolve(frame.result.value);
      else reject(new Error(`${channel}: ${frame.result.error.code} ${frame.result.error.message}`));
    });
  });
}

async function stop(started: Started): Promise<void> {
  process.kill(-started.child.pid!, 'SIGTERM');
  await started.exited;
}

/** Spawn to the sign-in field visible in a fresh browser context; `built` when start:web had to build first. */
async function timeToSignIn(browser: Browser, start: () => Promise<Started>): Promise<{ ms: number; built: boolean }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t0 = performance.now();
  const started = await start();
  await page.goto(started.url.toString());
  await page.getByTestId('sign-in-username').waitFor({ state: 'visible', timeout: 120_000 });
  const elapsed = performance.now() - t0;
  await context.close();
  await stop(started);
  return { ms: elapsed, built: /start:web: built/.test(started.output) };
}

/** The floor under both figures: a bare node process starting and printing one byte. */
async function bareNodeStart(): Promise<number> {
  const t0 = performance.now();
  const child = spawn(process.execPath, ['-e', 'process.stdout.write("x")'], { stdio: ['ignore', 'pipe', 'inherit'] });
  await new Promise<void>((resolve) => child.stdout!.once('data', () => resolve()));
  const elapsed = performance.now() - t0;
  await new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return elapsed;
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

const entry =
  values['skip-build'] && fs.existsSync(path.join(outDir, 'harness.mjs')) ? path.join(outDir, 'harness.mjs') : await buildHarness();
// The renderer through its stamp (scripts/build-renderer.mjs), as start:web builds it, so the two never undo each other.
buildRenderer(root);

// The everyday start: schema in place and an admin, so the app opens on the sign-in screen.
const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-bench-startup-'));
const first = await startHarness(entry, dataDir, false);
await call(first, 'app.createFirstAdmin', { username: 'quantri', fullName: 'Quản Trị Viên', password: 'MatKhau2026!' });
await stop(first);

// start:web's own bundles, built now if their sources changed, so the timed runs are everyday starts.
execFileSync(process.execPath, [path.join(root, 'scripts', 'start-web.mjs'), '--build-only'], { cwd: root, stdio: 'inherit' });

const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: [...CHROMIUM_ARGS, '--disable-quic'] });
const results = { lazy: { core: [] as number[], signIn: [] as number[] }, eager: { core: [] as number[], signIn: [] as number[] } };
// Other work on this machine may edit the sources meanwhile; runs that had to rebuild are reported apart.
const startWeb = { npm: [] as number[], npmBuilding: [] as number[], tsx: [] as number[] };
const bare: number[] = [];
try {
  for (let run = 0; run < runs; run++) {
    bare.push(await bareNodeStart());
    for (const mode of ['eager', 'lazy'] as const) {
      const context = await browser.newContext();
      const page = await context.newPage();
      const t0 = performance.now();
      const started = await startHarness(entry, dataDir, mode === 'eager');
      const coreReady = call(started, 'app.firstRunStatus', {}).then(() => performance.now() - t0);
      const signIn = page
        .goto(started.url.toString())
        .then(() => page.getByTestId('sign-in-username').waitFor({ state: 'visible', timeout: 60_000 }))
        .then(() => performance.now() - t0);
      const [core, screen] = await Promise.all([coreReady, signIn]);
      results[mode].core.push(core);
      results[mode].signIn.push(screen);
      await context.close();
      await stop(started);
    }
    const tsx = await timeToSignIn(browser, () =>
      startCommand(path.join(root, 'node_modules', '.bin', 'tsx'), ['electron/core/harness/main.ts', '--data', dataDir, '--port', '0']),
    );
    startWeb.tsx.push(tsx.ms);
    const web = await timeToSignIn(browser, () => startCommand('npm', ['run', 'start:web', '--', '--data', dataDir, '--port', '0']));
    (web.built ? startWeb.npmBuilding : startWeb.npm).push(web.ms);
  }
} finally {
  await browser.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

const row = (label: string, lazy: number[], eager: number[], target: number) => {
  const m = median(lazy);
  const verdict = m <= target ? 'met' : 'NOT met';
  console.log(
    `${label.padEnd(22)} median ${m.toFixed(0).padStart(5)} ms (runs: ${lazy.map((v) => v.toFixed(0)).join(', ')})  target ≤ ${target} ms: ${verdict}  ` +
      `| eager baseline ${median(eager).toFixed(0)} ms, ${(median(eager) / m).toFixed(2)}× the lazy start`,
  );
};
console.log(
  `bench:startup — built harness (${path.relative(root, entry)}), ${runs} runs each, ${os.cpus().length} cores, load average ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);
row('core ready (1st IPC)', results.lazy.core, results.eager.core, CORE_TARGET_MS);
row('sign-in screen', results.lazy.signIn, results.eager.signIn, SIGN_IN_TARGET_MS);
console.log(
  `${'bare node start'.padEnd(22)} median ${median(bare).toFixed(0).padStart(5)} ms (the floor: node printing one byte, same moments)`,
);
if (startWeb.npm.length > 0) {
  const webMedian = median(startWeb.npm);
  console.log(
    `${'npm run start:web'.padEnd(22)} median ${webMedian.toFixed(0).padStart(5)} ms (runs: ${startWeb.npm.map((v) => v.toFixed(0)).join(', ')})  ` +
      `target < ${START_WEB_TARGET_MS} ms: ${webMedian < START_WEB_TARGET_MS ? 'met' : 'NOT met'}  ` +
      `| tsx start (before) ${median(startWeb.tsx).toFixed(0)} ms, ${(median(startWeb.tsx) / webMedian).toFixed(2)}× start:web`,
  );
} else {
  console.log(`${'npm run start:web'.padEnd(22)} every run had to build first (sources changed meanwhile): no everyday start measured`);
}
if (startWeb.npmBuilding.length > 0)
  console.log(
    `${'  … after an edit'.padEnd(22)} ${startWeb.npmBuilding.map((v) => v.toFixed(0)).join(', ')} ms (rebuilt because sources changed during the run)`,
  );
console.log('Times run from spawning the process; Chromium is launched once beforehand (Electron starts its renderer alongside the core).');
