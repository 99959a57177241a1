// How `npm test` counts what vitest and Playwright report (scripts/run-tests.mjs). Kept apart so a
// unit test feeds it real reports of a fixture project (tests/unit/build/test-counts.test.ts):
// a suite whose set-up fails is a failure, never a skip, and a skip counts as one only when it
// states a reason the allow-list knows (tests/skip-reasons.json).
import fs from 'node:fs';

/** The meta key tests/helpers/skip.ts writes the stated reason under. */
export const SKIP_REASON_META = 'skipReason';

export function emptyTotals() {
  return { passed: 0, failed: 0, skipped: 0, problems: [] };
}

export function addTotals(into, more) {
  into.passed += more.passed;
  into.failed += more.failed;
  into.skipped += more.skipped;
  into.problems.push(...more.problems);
  return into;
}

/** The allow-list: reason → why such a skip is acceptable. */
export function loadSkipReasons(file) {
  return new Set(Object.keys(JSON.parse(fs.readFileSync(file, 'utf8')).reasons ?? {}));
}

/**
 * A vitest JSON report (`--reporter=json`). Per file: passed and failed tests as reported; a
 * skipped test counts as skipped only with an allowed reason and in a file whose set-up ran,
 * else as failed; a file that failed with no failed test (its beforeAll, afterAll or import threw)
 * adds one failure of its own.
 */
export function countVitest(report, allowedReasons) {
  const totals = emptyTotals();
  for (const file of report.testResults) {
    const setupFailed = file.status === 'failed' && !file.assertionResults.some((t) => t.status === 'failed');
    if (setupFailed) {
      totals.failed += 1;
      totals.problems.push(`${file.name}: suite failed outside its tests: ${firstLine(file.message) || 'no message'}`);
    }
    for (const test of file.assertionResults) {
      if (test.status === 'passed') totals.passed += 1;
      else if (test.status === 'failed') totals.failed += 1;
      else if (setupFailed) {
        totals.failed += 1;
        totals.problems.push(`${file.name} › ${test.fullName}: did not run because the suite's set-up failed`);
      } else countSkip(totals, `${file.name} › ${test.fullName}`, test.meta?.[SKIP_REASON_META], allowedReasons);
    }
  }
  return totals;
}

/**
 * A Playwright JSON report. Expected and flaky tests pass, unexpected ones fail, a skip needs a
 * `test.skip(condition, reason)` whose reason is allowed, and errors outside tests (global set-up)
 * are failures.
 */
export function countPlaywright(report, allowedReasons) {
  const totals = emptyTotals();
  for (const error of report.errors ?? []) {
    totals.failed += 1;
    totals.problems.push(`playwright: ${firstLine(error.message)}`);
  }
  const walk = (suite, titles) => {
    for (const spec of suite.specs ?? []) {
      for (const test of spec.tests) {
        const name = [...titles, spec.title].join(' › ');
        if (test.status === 'expected' || test.status === 'flaky') totals.passed += 1;
        else if (test.status === 'unexpected') totals.failed += 1;
        else {
          const reason = test.annotations?.find((a) => a.type === 'skip' || a.type === 'fixme')?.description;
          countSkip(totals, name, reason, allowedReasons);
        }
      }
    }
    for (const child of suite.suites ?? []) walk(child, [...titles, child.title]);
  };
  for (const suite of report.suites ?? []) walk(suite, [suite.title]);
  return totals;
}

function countSkip(totals, name, reason, allowedReasons) {
  if (reason && allowedReasons.has(reason)) {
    totals.skipped += 1;
    return;
  }
  totals.failed += 1;
  totals.problems.push(
    reason ? `${name}: skipped for a reason not in tests/skip-reasons.json: ${reason}` : `${name}: skipped without a stated reason`,
  );
}

function firstLine(text) {
  return String(text ?? '')
    .split('\n')[0]
    .trim();
}

/** The line CI reads: it must start `N passed, N failed`. */
export function closingLine(totals) {
  return `${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`;
}
