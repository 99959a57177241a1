import { fileURLToPath } from 'node:url';
import { defineConfig } from 'electron-vite';
import rendererConfig from './renderer/vite.config';

const fromRoot = (relative: string): string => fileURLToPath(new URL(relative, import.meta.url));

export default defineConfig({
  main: {
    // electron-vite externalizes package.json `dependencies` by default; better-sqlite3 must stay
    // external anyway, because its .node binary is rebuilt for Electron's ABI and unpacked from the asar.
    build: {
      rolldownOptions: {
        input: {
          index: fromRoot('electron/main/index.ts'),
          // The core runs in Electron's utilityProcess, never in the main process; its entry hands it net.fetch.
          'core-host': fromRoot('electron/main/platform/core-host-entry.ts'),
          // For bin/quay.mjs on Node; the packaged app runs the same CLI as `<app> --cli …`, since
          // runAsNode is fused off there.
          cli: fromRoot('electron/core/cli/main.ts'),
          // worker_threads entry for page cleanup and PDF assembly; found by digitize/pipeline/worker-script.ts.
          'digitize-worker': fromRoot('electron/core/digitize/pipeline/digitize-worker.ts'),
        },
      },
    },
  },
  preload: {
    // A sandboxed preload may only require('electron') and a handful of builtins, so zod and the
    // shared contract are bundled into one CommonJS file.
    build: {
      externalizeDeps: false,
      rolldownOptions: {
        input: { index: fromRoot('electron/preload/index.ts') },
        output: {
          format: 'cjs',
          entryFileNames: '[name].cjs',
          codeSplitting: false,
        },
      },
    },
  },
  // The harness build (renderer/vite.config.ts) and the packaged app must ship the same renderer;
  // electron-vite only needs the entry named, since it looks in src/renderer by default.
  renderer: {
    ...rendererConfig,
    build: {
      ...rendererConfig.build,
      rolldownOptions: { input: { index: fromRoot('renderer/index.html'), citizen: fromRoot('renderer/citizen.html') } },
    },
  },
});
