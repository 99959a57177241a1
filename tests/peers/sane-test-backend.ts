import { fileURLToPath } from 'node:url';
import { SaneDriver } from '../../electron/core/digitize/capture/sane/scanimage-driver';

/**
 * SANE's `test` backend through the real `scanimage` (devices.md §1.3), configured from the
 * project's own SANE config folder so /etc/sane.d is never read or changed: two devices
 * (`test:0`, `test:1`) drawing a 10 mm grid, a 10-page ADF, faults by `--read-return-value`.
 */
export const SANE_TEST_CONFIG_DIR = fileURLToPath(new URL('../fixtures/sane', import.meta.url));

export function saneTestDriver(extraArgs: string[] = []): SaneDriver {
  return new SaneDriver({ env: { SANE_CONFIG_DIR: SANE_TEST_CONFIG_DIR }, extraArgs });
}
