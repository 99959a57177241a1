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
    // Loaded from local disk, never over a network, so one large chunk costs nothing.
    chunkSizeWarningLimit: 2500,
  },
});
