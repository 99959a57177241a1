import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Child processes rather than worker threads: better-sqlite3 is a native addon, and tests stub process-wide state.
    pool: 'forks',
    // vitest's default is one worker fewer than the cores, which is a single worker on the 2-core
    // machines the suite runs on (CI and the counters' build box): half the machine sat idle.
    maxWorkers: 2,
    testTimeout: 20_000,
    // Set-up and tear-down start servers, browsers and databases; under a load of 9 on this machine dropping the
    // populated-migrations test's PostgreSQL databases took over vitest's default 10 s and failed a passing file.
    hookTimeout: 60_000,
    projects: [
      // Pure logic without mocks or process-wide state: one module graph in threads, not a process and a fresh
      // import per file, which cost 112 s of the project's 113 s on a loaded 2-core machine (13 s shared).
      { extends: true, test: { name: 'shared', include: ['tests/unit/shared/**/*.test.ts'], pool: 'threads', isolate: false } },
      // Each test opens its own temporary database; nothing is mocked, so files can share one process.
      { extends: true, test: { name: 'db', include: ['tests/unit/db/**/*.test.ts'], isolate: false } },
      {
        extends: true,
        // Each file builds its own core in a temporary folder and nothing is mocked, so the files share one module graph
        // per worker: isolated, importing the core's graph again for every file cost 112 s of CPU for the 49 files, 34 s
        // shared. Digitize keeps a fresh process per file (one of its tests proves the barcode decoder loads with the
        // network unavailable, which a decoder another file had loaded would pass trivially), and so does the one
        // integration file that mocks sharp.
        test: {
          name: 'core',
          include: ['tests/unit/core/**/*.test.ts'],
          exclude: ['tests/unit/core/digitize/**'],
          isolate: false,
        },
      },
      {
        extends: true,
        test: { name: 'digitize', include: ['tests/unit/core/digitize/**/*.test.ts', 'tests/integration/capture/file-import.test.ts'] },
      },
      {
        extends: true,
        // Shared module graph as in core (import 127 s → 23 s for 30 files); file-import mocks sharp, so it runs isolated
        // in the digitize project.
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          exclude: ['tests/integration/capture/file-import.test.ts'],
          isolate: false,
        },
      },
      { extends: true, test: { name: 'arch', include: ['tests/unit/arch/**/*.test.ts'] } },
      {
        extends: true,
        // Renderer hooks, state machines and small parts in a simulated DOM, without a browser (the e2e specs cover
        // the screens); antd renders slowly there on a busy machine, hence the longer timeout.
        test: { name: 'renderer', include: ['tests/unit/renderer/**/*.test.{ts,tsx}'], environment: 'happy-dom', testTimeout: 60_000 },
      },
      {
        extends: true,
        test: { name: 'build', include: ['tests/unit/build/**/*.test.ts'], globalSetup: ['tests/unit/build/global-setup.ts'] },
      },
      {
        extends: true,
        // Each file opens its own gateway on a copy of the migrated template and nothing is mocked, so the files share one
        // module graph per worker: isolated, the central graph was imported again for every file (189 s of import for 28
        // files, 35 s shared); the project runs twice in npm test (the date stage), so it counts double.
        test: { name: 'central', include: ['tests/central/**/*.test.ts'], globalSetup: ['tests/central/global-setup.ts'], isolate: false },
      },
      // Hostile input against the contract, the protocol and the gateway (issue 17); the gateway tests use PGlite, the
      // printing load path the fake electron module.
      {
        extends: true,
        resolve: { alias: { electron: fileURLToPath(new URL('./tests/fakes/electron.ts', import.meta.url)) } },
        test: { name: 'security', include: ['tests/security/**/*.test.ts'], globalSetup: ['tests/central/global-setup.ts'] },
      },
      {
        extends: true,
        // The real `electron` package throws on import outside Electron; the fake records calls instead.
        resolve: { alias: { electron: fileURLToPath(new URL('./tests/fakes/electron.ts', import.meta.url)) } },
        test: { name: 'platform', include: ['tests/platform/**/*.test.ts'] },
      },
    ],
  },
});
