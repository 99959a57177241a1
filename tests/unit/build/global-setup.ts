import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { buildApp } from './support';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The one `electron-vite build` of this run: its folder, or why it failed. */
    appBuild: { dir: string; error: string | null };
  }
}

/**
 * The bundle and the package tests read the same build; building once for both saves a whole
 * `electron-vite build` (a minute on a loaded 2-core machine). A failed build is handed on, not
 * thrown, so each file that needs it fails with the build's output while the others still run.
 */
export default async function setup(project: TestProject): Promise<() => void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'quay-build-'));
  let error: string | null = null;
  try {
    await buildApp(dir);
  } catch (failure) {
    error = failure instanceof Error ? failure.message : String(failure);
  }
  project.provide('appBuild', { dir, error });
  return () => fs.rmSync(dir, { recursive: true, force: true });
}
