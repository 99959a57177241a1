import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { closingLine, countPlaywright, countVitest, loadSkipReasons } from '../../../scripts/test-counts.mjs';
import { repoRoot } from './support';

const fixture = path.join(repoRoot, 'tests', 'fixtures', 'runner-counts');
const allowed = new Set(['fixture: an allowed reason']);

/** Runs a real runner on the fixture project and returns its JSON report. */
function report(command: string[], outputFile: string | null): unknown {
  const out = outputFile ?? path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'counts-')), 'report.json');
  const child = spawnSync('npx', outputFile ? [...command, `--outputFile=${out}`] : command, {
    cwd: repoRoot,
    encoding: 'utf8',
    env: { ...process.env, FORCE_COLOR: '0' },
    timeout: 120_000,
  });
  if (!outputFile) fs.writeFileSync(out, child.stdout);
  return JSON.parse(fs.readFileSync(out, 'utf8'));
}

describe('npm test counting', () => {
  it('counts a vitest suite whose beforeAll, import or afterAll throws as failed, never as skipped, and a skip only with an allowed reason', () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'counts-')), 'vitest.json');
    const totals = countVitest(report(['vitest', 'run', '--root', fixture, '--reporter=json'], out), allowed);
    // passing: 1 passed, 1 failed; broken-before-all: the suite and its 3 tests fail; broken-import:
    // 1; broken-after-all: 1 passed and the suite fails; skips: 1 skipped, 2 failed.
    expect({ passed: totals.passed, failed: totals.failed, skipped: totals.skipped }).toEqual({ passed: 2, failed: 9, skipped: 1 });
    expect(totals.problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/broken-before-all\.case\.ts: suite failed outside its tests: \/usr\/sbin\/avahi-daemon is missing$/),
        expect.stringMatching(
          /broken-before-all\.case\.ts › prints through the private CUPS: did not run because the suite's set-up failed$/,
        ),
        expect.stringMatching(/broken-import\.case\.ts: suite failed outside its tests: the module failed to load$/),
        expect.stringMatching(/broken-after-all\.case\.ts: suite failed outside its tests: clean-up failed$/),
        expect.stringMatching(
          /skips for a reason nobody allowed: skipped for a reason not in tests\/skip-reasons\.json: fixture: an unknown reason$/,
        ),
        expect.stringMatching(/skips without saying why: skipped without a stated reason$/),
      ]),
    );
    expect(totals.problems).toHaveLength(8);
    expect(closingLine(totals)).toBe('2 passed, 9 failed, 1 skipped');
  }, 180_000);

  it('counts Playwright the same way: a failed beforeAll fails its tests, a skip needs an allowed reason', () => {
    const totals = countPlaywright(
      report(['playwright', 'test', '-c', path.join(fixture, 'playwright', 'playwright.config.ts')], null),
      allowed,
    );
    expect({ passed: totals.passed, failed: totals.failed, skipped: totals.skipped }).toEqual({ passed: 1, failed: 2, skipped: 1 });
    expect(totals.problems).toEqual([expect.stringMatching(/skips without saying why: skipped without a stated reason$/)]);
  }, 180_000);

  it('allows no skip in this project: the allow-list is empty, so any skip fails npm test', () => {
    expect(loadSkipReasons(path.join(repoRoot, 'tests', 'skip-reasons.json'))).toEqual(new Set());
  });
});
