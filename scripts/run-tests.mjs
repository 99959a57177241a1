#!/usr/bin/env node
// `npm test`: every check in one run — typecheck, lint, vitest projects, the date-sensitive ones
// again under a hostile system date, Playwright e2e — ending with the one line CI reads:
// `N passed, N failed, N skipped`. Each runner writes JSON that is counted here
// (scripts/test-counts.mjs), because CI recognises neither vitest's nor Playwright's own summary.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HOSTILE_MOMENTS, offsetTo } from './hostile-moments.mjs';
import { findPersonalData, fixturePersonalData } from './personal-data-scan.mjs';
import { addTotals, closingLine, countPlaywright, countVitest, emptyTotals, loadSkipReasons } from './test-counts.mjs';

const root = path.join(path.dirname(fileURLToPath(import.meta.url)), '..');
const results = path.join(root, 'test-results');
fs.mkdirSync(results, { recursive: true });

const totals = emptyTotals();
/** Every stage's output, kept for the closing check that logs are free of personal data (scripts/personal-data-scan.mjs). */
const suiteLog = path.join(results, 'suite-output.log');
fs.writeFileSync(suiteLog, '');
const keep = (chunk) => fs.appendFileSync(suiteLog, chunk);
const skipReasons = loadSkipReasons(path.join(root, 'tests', 'skip-reasons.json'));
const started = Date.now();

/**
 * The tests whose code reads the date: the shared, db, central, core and platform projects, without
 * the fault soak (minutes of killed counters, no date logic), image processing (digitize) and the
 * device peers (integration), so the extra run costs minutes, not a second suite. platform is in
 * because its drills start real cores on the machine's clock (at 30/4/2027 one found its admin
 * locked as inactive); arch and build never read the date, and e2e runs whole under
 * `npm run test:dates`.
 */
const DATE_SENSITIVE_TESTS = [
  ...['shared', 'db', 'central', 'core', 'platform'].flatMap((project) => ['--project', project]),
  ...['tests/unit/shared', 'tests/unit/db', 'tests/central', 'tests/unit/core', 'tests/platform'],
  ...['tests/central/faults.test.ts', 'tests/unit/core/digitize/**'].flatMap((glob) => ['--exclude', glob]),
];

/** Runs a stage, its output shown as it comes and kept in suiteLog. */
async function run(label, command, args, env = {}) {
  const t0 = Date.now();
  process.stdout.write(`\n▶ ${label}: ${command} ${args.join(' ')}\n`);
  const child = spawn(command, args, { cwd: root, stdio: ['inherit', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '0', ...env } });
  child.stdout.on('data', (chunk) => (process.stdout.write(chunk), keep(chunk)));
  child.stderr.on('data', (chunk) => (process.stderr.write(chunk), keep(chunk)));
  const status = await new Promise((resolve) => {
    child.on('error', () => resolve(1));
    child.on('close', (code) => resolve(code ?? 1));
  });
  process.stdout.write(`◀ ${label}: exit ${status} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
  return status;
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

countCheck('system packages', await run('setup', 'bash', ['scripts/setup.sh']));

/**
 * The static checks, two at a time (one per core): each is a single-threaded process, and run one
 * after another they took 156 s of the suite. Output is printed whole as each one ends.
 */
async function runChecks(checks, concurrency = 2) {
  const queue = [...checks];
  const worker = async () => {
    for (let check = queue.shift(); check; check = queue.shift()) {
      const { label, command, args } = check;
      const t0 = Date.now();
      const child = spawn(command, args, { cwd: root, env: { ...process.env, FORCE_COLOR: '0' } });
      let output = '';
      child.stdout.on('data', (chunk) => (output += chunk));
      child.stderr.on('data', (chunk) => (output += chunk));
      const status = await new Promise((resolve) => child.on('close', (code) => resolve(code ?? 1)));
      keep(output);
      process.stdout.write(`\n▶ ${label}: ${command} ${args.join(' ')}\n${output}`);
      process.stdout.write(`◀ ${label}: exit ${status} in ${((Date.now() - t0) / 1000).toFixed(1)} s\n`);
      countCheck(label, status);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
}

// db, electron and central share their compiler options, so one program checks the three (tsconfig.node.json).
const tsconfigs = ['shared', 'node', 'electron/preload', 'renderer', '.'];
await runChecks([
  // The slowest first, so the two lanes end together.
  { label: 'typecheck .', command: 'npx', args: ['tsc', '-p', 'tsconfig.json'] },
  { label: 'lint', command: 'npx', args: ['eslint', '.'] },
  ...tsconfigs
    .filter((project) => project !== '.')
    .map((project) => ({
      label: `typecheck ${project}`,
      command: 'npx',
      args: ['tsc', '-p', project === 'node' ? 'tsconfig.node.json' : path.join(project, 'tsconfig.json')],
    })),
  { label: 'format', command: 'npx', args: ['prettier', '--check', '.'] },
]);

/**
 * A vitest run counted from its JSON report; a run that failed with nothing counted still fails.
 * Under libfaketime the date is moved by one offset for every process (a start date would restart
 * in each child process, and a gateway child would see the counter's signatures as skewed), and
 * the monotonic clock stays real, so timers and timeouts still measure real time.
 */
async function vitestRun(label, file, args, faketimeAt = null) {
  const json = path.join(results, file);
  fs.rmSync(json, { force: true });
  const vitest = ['vitest', 'run', ...args, '--reporter=default', '--reporter=json', `--outputFile=${json}`];
  const status = faketimeAt
    ? await run(label, 'faketime', ['-f', offsetTo(faketimeAt), 'npx', ...vitest], { FAKETIME_DONT_FAKE_MONOTONIC: '1' })
    : await run(label, 'npx', vitest);
  const report = readJson(json);
  if (!report) return countCheck(`${label} (no report)`, status === 0 ? 1 : status);
  const counted = countVitest(report, skipReasons);
  if (status !== 0 && counted.failed === 0) {
    counted.failed += 1;
    counted.problems.push(`${label}: exit ${status} with no failed test (an unhandled error?)`);
  }
  addTotals(totals, counted);
}

await vitestRun('vitest', 'vitest.json', []);

// Under `npm run test:dates` the whole run is already at a moved date (FAKETIME is set for every
// process); a second faketime would move it again from the real clock, so the stage is not repeated.
if (process.env.FAKETIME) {
  process.stdout.write(`\n▶ the whole run is under libfaketime (FAKETIME=${process.env.FAKETIME}); no separate date stage\n`);
} else {
  const chosen = process.env.QUAY_FAKETIME_AT
    ? { label: 'QUAY_FAKETIME_AT', at: process.env.QUAY_FAKETIME_AT }
    : HOSTILE_MOMENTS[
        Number.parseInt(spawnSync('git', ['rev-parse', '--short=8', 'HEAD'], { cwd: root, encoding: 'utf8' }).stdout.trim() || '0', 16) %
          HOSTILE_MOMENTS.length
      ];
  await vitestRun(`vitest at ${chosen.label} (${chosen.at})`, 'vitest-faketime.json', DATE_SENSITIVE_TESTS, chosen.at);
}

const e2eJson = path.join(results, 'e2e.json');
fs.rmSync(e2eJson, { force: true });
const e2eStatus = await run('e2e', 'npx', ['playwright', 'test', '-c', 'tests/e2e/playwright.config.ts']);
const e2e = readJson(e2eJson);
if (e2e) {
  const counted = countPlaywright(e2e, skipReasons);
  if (e2eStatus !== 0 && counted.failed === 0) {
    counted.failed += 1;
    counted.problems.push(`e2e: exit ${e2eStatus} with no failed test`);
  }
  addTotals(totals, counted);
} else {
  countCheck('e2e (no report)', e2eStatus === 0 ? 1 : e2eStatus);
}

/**
 * Logs free of personal data (issue 17 finding 4), one test: no stage printed an ID number or a name of the people in
 * the fixtures and test data builders. Hits are listed redacted, with their line in test-results/suite-output.log.
 */
const people = fixturePersonalData(root);
const hits = findPersonalData(fs.readFileSync(suiteLog, 'utf8'), people);
process.stdout.write(
  `\n▶ logs free of personal data: ${people.idNumbers.length} ID numbers and ${people.names.length} names of the fixtures looked for in ${(fs.statSync(suiteLog).size / 1024 ** 2).toFixed(1)} MB of output\n`,
);
for (const hit of hits) process.stdout.write(`✗ personal data in test-results/suite-output.log line ${hit.line}: ${hit.value}\n`);
countCheck('logs free of personal data', hits.length === 0 ? 0 : 1);

process.stdout.write(`\nSuite time: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
for (const problem of totals.problems) process.stdout.write(`✗ ${problem}\n`);
process.stdout.write(`${closingLine(totals)}\n`);
process.exit(totals.failed > 0 ? 1 : 0);
