import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** Gateway tests stand alone: they do not load the counter's core (tests/helpers/test-core). */
export const repoRoot = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..', '..');

export function tempDir(prefix = 'quay-central-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}
