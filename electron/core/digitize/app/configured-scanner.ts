import type { ScanSettings } from '../../../../shared/digitize/scan-settings';
import { createScanners, type ScannerSettings, type SkippedFile } from '../capture';
import type { PageScanner } from './ports';

/**
 * A hot-folder batch in the reception ends after this long without a new file, so the officer is
 * not left waiting on a scanner whose software has finished; the Stop button ends it sooner.
 */
const HOT_FOLDER_IDLE_END_MS = 60_000;

/**
 * The app's scanner port: the registry of every driver this platform has, built afresh for each
 * call from what the admin stored (eSCL addresses, hot folders), so a scanner added in the
 * settings shows up in the reception scan bar without a restart. Drivers hold no state between
 * calls, so building them is cheap.
 */
export function configuredScanner(base: ScannerSettings, stored: () => Pick<ScanSettings, 'esclScanners' | 'hotFolders'>): PageScanner {
  const registry = (onFileSkipped?: (skipped: SkippedFile) => void) => {
    const { esclScanners, hotFolders } = stored();
    const hotFolder = {
      idleEndMs: HOT_FOLDER_IDLE_END_MS,
      ...base.hotFolder,
      folders: [...(base.hotFolder?.folders ?? []), ...hotFolders],
    };
    return createScanners({
      ...base,
      escl: { ...base.escl, devices: [...(base.escl?.devices ?? []), ...esclScanners] },
      hotFolder: onFileSkipped ? { ...hotFolder, onFileSkipped } : hotFolder,
    });
  };
  return {
    list: () => registry().list(),
    scan: (scanner, profile, signal, onSkipped) => registry(onSkipped).scan(scanner, profile, signal),
  };
}
