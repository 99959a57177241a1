#!/usr/bin/env node
// `npm test`: every check in one run — typecheck, lint, vitest projects, Playwright e2e — ending
// with the one line CI reads: `N passed, N failed`. Each runner writes JSON that is summed here,
// because CI recognises neither vitest's nor Playwright's own summary.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

const totals = { passed: 0, failed: 0, skipped: 0 };
const started = Date.now();

function run(label, command, args) {
  const t0 = Date.now();
  process.stdout.write(`\n▶ ${label}: ${command} ${args.join(' ')}\n`);
  const child = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, FORCE_COLOR: '0' } });
  process.stdout.write(`◀ ${label}: exit ${child.status} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return child.status ?? 1;
}

/** A check without per-test results (typecheck, lint) counts as one test. */
function countCheck(label, status) {
  if (status === 0) totals.passed += 1;
  else {
    totals.failed += 1;
    process.stdout.write(`✗ ${label} failed\n`);
  }
}

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

countCheck('system packages', run('setup', 'bash', ['scripts/setup.sh']));

const tsconfigs = ['shared', 'db', 'electron', 'electron/preload', 'renderer', 'central', '.'];
for (const project of tsconfigs) {
  countCheck(`typecheck ${project}`, run(`typecheck ${project}`, 'npx', ['tsc', '-p', path.join(project, 'tsconfig.json')]));
}
countCheck('lint', run('lint', 'npx', ['eslint', '.']));

const vitestJson = path.join(results, 'vitest.json');
fs.rmSync(vitestJson, { force: true });
const vitestStatus = run('vitest', 'npx', ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${vitestJson}`]);
const vitest = readJson(vitestJson);
if (vitest) {
  totals.passed += vitest.numPassedTests;
  totals.failed += vitest.numFailedTests;
  totals.skipped += vitest.numPendingTests + (vitest.numTodoTests ?? 0);
  // A suite that failed to load has no tests to count; it must still fail the run.
  const brokenSuites = vitest.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
  totals.failed += brokenSuites;
} else {
  countCheck('vitest (no report)', vitestStatus === 0 ? 1 : vitestStatus);
}

const e2eJson = path.join(results, 'e2e.json');
fs.rmSync(e2eJson, { force: true });
const e2eStatus = run('e2e', 'npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts']);
const e2e = readJson(e2eJson);
if (e2e?.stats) {
  totals.passed += e2e.stats.expected + e2e.stats.flaky;
  totals.failed += e2e.stats.unexpected;
  totals.skipped += e2e.stats.skipped;
  if (e2eStatus !== 0 && e2e.stats.unexpected === 0) totals.failed += 1;
} else {
  countCheck('e2e (no report)', e2eStatus === 0 ? 1 : e2eStatus);
}

process.stdout.write(`\nSuite time: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
const skipped = totals.skipped > 0 ? `, ${totals.skipped} skipped` : '';
process.stdout.write(`${totals.passed} passed, ${totals.failed} failed${skipped}\n`);
process.exit(totals.failed > 0 ? 1 : 0);
