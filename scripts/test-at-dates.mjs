#!/usr/bin/env node
// `npm run test:dates [-- sunday,tet-eve,…]`: the whole `npm test` under libfaketime at each hostile
// moment (scripts/hostile-moments.mjs), one after the other, each run's output kept in
// test-results/dates-<key>.log. It proves issue 11 §1 for the suite as a whole — `npm test` itself
// repeats only the date-sensitive projects at one moment, to stay within CI's time.
// The monotonic clock is moved with the wall clock (no FAKETIME_DONT_FAKE_MONOTONIC): Chromium stalls
// when the two disagree, and a constant offset leaves every timer's rate unchanged.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOSTILE_MOMENTS, offsetTo } from './hostile-moments.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const wanted = process.argv[2]?.split(',');
const unknown = wanted?.filter((key) => !HOSTILE_MOMENTS.some((moment) => moment.key === key)) ?? [];
if (unknown.length > 0) {
  process.stderr.write(`unknown moment ${unknown.join(', ')}; moments: ${HOSTILE_MOMENTS.map((m) => m.key).join(', ')}\n`);
  process.exit(2);
}
const moments = HOSTILE_MOMENTS.filter((moment) => !wanted || wanted.includes(moment.key));
fs.mkdirSync(path.join(root, 'test-results'), { recursive: true });

/** Runs `npm test` at one moment; resolves with its closing line's counts. */
function runAt(moment) {
  const log = path.join(root, 'test-results', `dates-${moment.key}.log`);
  const out = fs.createWriteStream(log);
  const child = spawn('faketime', ['-f', offsetTo(moment.at), 'node', 'scripts/run-tests.mjs'], {
    cwd: root,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  let tail = '';
  const keep = (chunk) => {
    out.write(chunk);
    tail = (tail + chunk.toString()).slice(-4000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  return new Promise((resolve) => {
    child.on('close', (status) => {
      out.end();
      const match = /(\d+) passed, (\d+) failed(?:, (\d+) skipped)?\s*$/.exec(tail);
      resolve({ status, passed: Number(match?.[1] ?? 0), failed: match ? Number(match[2]) : 1, skipped: Number(match?.[3] ?? 0), log });
    });
  });
}

let passed = 0;
let failed = 0;
let skipped = 0;
for (const moment of moments) {
  const started = Date.now();
  process.stdout.write(`▶ npm test at ${moment.label} (${moment.at})\n`);
  const result = await runAt(moment);
  passed += result.passed;
  failed += result.failed + (result.status !== 0 && result.failed === 0 ? 1 : 0);
  skipped += result.skipped;
  process.stdout.write(
    `◀ ${moment.label}: ${result.passed} passed, ${result.failed} failed, ${result.skipped} skipped, exit ${result.status}, ${((Date.now() - started) / 1000).toFixed(0)} s — ${path.relative(root, result.log)}\n`,
  );
}
process.stdout.write(`${passed} passed, ${failed} failed, ${skipped} skipped\n`);
process.exit(failed > 0 ? 1 : 0);
