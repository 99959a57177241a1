import { AppError } from '../../../../shared/ipc/result';
import type { ScannerDriver } from '../capture/scanner-driver';
import type { ScannerInfo, ScanProfile } from '../types';
import type { PageScanner } from './ports';

/** The app's one scanner port over every capture driver: lists them all, scans through the one of the chosen kind. */
export function driverRegistryScanner(drivers: readonly ScannerDriver[]): PageScanner {
  return {
    async list(): Promise<ScannerInfo[]> {
      const lists = await Promise.all(drivers.map((driver) => driver.list().catch((): ScannerInfo[] => [])));
      return lists.flat();
    },
    scan(scanner: Pick<ScannerInfo, 'kind' | 'id'>, profile: ScanProfile, signal: AbortSignal) {
      const driver = drivers.find((d) => d.kind === scanner.kind);
      if (!driver) throw new AppError('SCAN_FAILED', { details: scanner.kind });
      return driver.scan(scanner.id, profile, signal);
    },
  };
}
