import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SaneDriver } from '../../electron/core/digitize/capture/sane/scanimage-driver';

/**
 * SANE's `test` backend through the real `scanimage` (docs/devices.md §1.3), configured from the
 * project's own SANE config folder so /etc/sane.d is never read or changed: two devices
 * (`test:0`, `test:1`) drawing a 10 mm grid, a 10-page ADF, faults by `--read-return-value`.
 */
export const SANE_TEST_CONFIG_DIR = fileURLToPath(new URL('../fixtures/sane', import.meta.url));

export function saneTestDriver(extraArgs: string[] = []): SaneDriver {
  return new SaneDriver({ env: { SANE_CONFIG_DIR: SANE_TEST_CONFIG_DIR }, extraArgs });
}

/** Pages as the test scanner's ADF produces them, for peers that need real scanner output. */
export async function scanTestPages(count: number, resolutionDpi = 200): Promise<Buffer[]> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'quay-sane-pages-'));
  try {
    await promisify(execFile)(
      'scanimage',
      [
        '-d',
        'test:0',
        '--source',
        'Automatic Document Feeder',
        '--mode',
        'Gray',
        '--resolution',
        String(resolutionDpi),
        '--format=png',
        `--batch=${path.join(dir, 'p%02d.png')}`,
        `--batch-count=${count}`,
      ],
      { env: { ...process.env, SANE_CONFIG_DIR: SANE_TEST_CONFIG_DIR } },
    );
    const names = (await readdir(dir)).sort();
    return await Promise.all(names.map((name) => readFile(path.join(dir, name))));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
