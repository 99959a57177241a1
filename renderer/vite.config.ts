import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const rendererDir = fileURLToPath(new URL('.', import.meta.url));

/**
 * Builds the renderer on its own (the harness and the e2e tests serve it); electron-vite reuses
 * the same entry for the packaged app. `base: './'` keeps asset URLs relative for app://.
 */
export default defineConfig({
  root: rendererDir,
  base: './',
  plugins: [react()],
  build: {
    outDir: fileURLToPath(new URL('../out/renderer', import.meta.url)),
    emptyOutDir: true,
    // Two pages: the officer's app and the citizen-facing screen (issue 18 §2), each with its own script.
    rolldownOptions: {
      input: {
        index: fileURLToPath(new URL('./index.html', import.meta.url)),
        citizen: fileURLToPath(new URL('./citizen.html', import.meta.url)),
      },
    },
    // Loaded from local disk, never over a network, so one large chunk costs nothing.
    chunkSizeWarningLimit: 2500,
  },
});
