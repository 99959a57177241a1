import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS } from '../../electron/core/platform/chromium-pdf-renderer';

const repoRoot = fileURLToPath(new URL('../..', import.meta.url));

export default defineConfig({
  testDir: '.',
  testMatch: '**/*.spec.ts',
  globalSetup: './support/global-setup.ts',
  // Two at a time, one per core: every test runs beside another (own harness, database, temporary folder, port 0).
  // A test mostly waits — on the page's frames, the assertions' polls and its core — and uses about half a core (the
  // 36 took 120 s of CPU in 200 s): one worker took 202–248 s, two 159–190 s, alternated at load 3–9. (Two were slower
  // while every test recorded the screencast film strip, which kept both cores busy.)
  workers: 2,
  fullyParallel: false,
  forbidOnly: true,
  // Generous: the harness, Chromium and a production bundle share two slow cores with other jobs.
  timeout: 120_000,
  expect: { timeout: 10_000 },
  outputDir: path.join(repoRoot, 'test-results', 'e2e-artifacts'),
  reporter: [['list'], ['json', { outputFile: path.join(repoRoot, 'test-results', 'e2e.json') }]],
  use: {
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    viewport: { width: 1366, height: 800 },
    // The app follows the OS setting and drops its animations, so clicks never land on a dialog mid-zoom.
    contextOptions: { reducedMotion: 'reduce' },
    screenshot: 'only-on-failure',
    // A failed test keeps its trace: every action with the page's DOM before and after it, plus the final screenshot
    // above. Not the screencast film strip: recording it for every test (kept or not) cost half the e2e time here.
    trace: { mode: 'retain-on-failure', screenshots: false },
    launchOptions: {
      // Debian's Chromium; Playwright's own browser download is unavailable here.
      executablePath: '/usr/bin/chromium',
      args: [...CHROMIUM_ARGS, '--disable-quic'],
    },
  },
});
