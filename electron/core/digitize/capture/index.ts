import { AppError } from '../../../../shared/ipc/result';
import type { CapturedPage, ScannerInfo, ScannerKind, ScanProfile } from '../types';
import type { DiscoveryOptions } from './escl/escl-discovery';
import { EsclDriver, type EsclDriverOptions } from './escl/escl-driver';
import { HotFolderDriver, type HotFolderOptions } from './hot-folder/hot-folder-driver';
import { ImportDriver } from './import/import-driver';
import { SaneDriver, type SaneDriverOptions } from './sane/scanimage-driver';
import type { ScannerDriver } from './scanner-driver';
import { WiaDriver, type WiaDriverOptions } from './wia/wia-driver';

export type { ScannerDriver, SkippedFile } from './scanner-driver';
export { validateScanProfile, MIN_SCAN_DPI, MAX_SCAN_DPI } from './scan-profile';
export { importFiles, expandImportInputs, type ImportEvent, type ImportOptions } from './import/import-files';
export { IMPORTED_DIR, REJECTED_DIR } from './hot-folder/hot-folder-driver';

export interface ScannerSettings {
  platform?: NodeJS.Platform;
  escl?: EsclDriverOptions;
  sane?: SaneDriverOptions;
  wia?: WiaDriverOptions;
  hotFolder?: HotFolderOptions;
  importMaxPixels?: number;
  /** Where eSCL discovery asks (tests: a responder on loopback). */
  esclDiscovery?: DiscoveryOptions;
}

/**
 * The drivers this machine can use, found by kind; a scan names its device as kind + id. It is
 * the app's one scanner port (digitize/app/ports.ts PageScanner).
 */
export class ScannerRegistry {
  private readonly drivers: ReadonlyMap<ScannerKind, ScannerDriver>;

  constructor(drivers: readonly ScannerDriver[]) {
    this.drivers = new Map(drivers.map((driver) => [driver.kind, driver]));
  }

  get kinds(): ScannerKind[] {
    return [...this.drivers.keys()];
  }

  driver(kind: ScannerKind): ScannerDriver {
    const driver = this.drivers.get(kind);
    if (!driver) throw new AppError('SCANNER_DRIVER_UNAVAILABLE', { driver: kind, details: 'không có trên máy này' });
    return driver;
  }

  /** Every device of every driver; one driver failing to list (no scanimage, no PowerShell) hides nothing else. */
  async list(): Promise<ScannerInfo[]> {
    const lists = await Promise.all([...this.drivers.values()].map((driver) => driver.list().catch(() => [])));
    return lists.flat();
  }

  scan(device: Pick<ScannerInfo, 'kind' | 'id'>, profile: ScanProfile, signal: AbortSignal): AsyncIterable<CapturedPage> {
    return this.driver(device.kind).scan(device.id, profile, signal);
  }
}

/**
 * The drivers per platform (docs/devices.md §1.1): eSCL, the hot folder and file import everywhere;
 * SANE on Linux; WIA on Windows.
 */
export function createScanners(settings: ScannerSettings = {}): ScannerRegistry {
  const platform = settings.platform ?? process.platform;
  const drivers: ScannerDriver[] = [new EsclDriver(settings.escl ?? { devices: [] })];
  if (platform === 'linux') drivers.push(new SaneDriver(settings.sane));
  if (platform === 'win32') drivers.push(new WiaDriver(settings.wia));
  drivers.push(new HotFolderDriver(settings.hotFolder ?? { folders: [] }), new ImportDriver(settings.importMaxPixels));
  return new ScannerRegistry(drivers);
}
