import { AppError } from '../../../../../shared/ipc/result';
import type { CapturedPage, ScannerInfo, ScanProfile } from '../../types';
import type { ScannerDriver } from '../scanner-driver';
import { validateScanProfile } from '../scan-profile';
import { filePages } from './file-pages';
import { DEFAULT_MAX_PIXELS } from './pixel-limit';

/**
 * File import behind the scanner interface: the id is a file path the officer picked, so a PDF or
 * TIFF lands in a slot exactly like a scanned batch. Several files at once go through
 * `importFiles`, which keeps going past a bad one.
 */
export class ImportDriver implements ScannerDriver {
  readonly kind = 'import' as const;

  constructor(private readonly maxPixels = DEFAULT_MAX_PIXELS) {}

  async list(): Promise<ScannerInfo[]> {
    return [];
  }

  async *scan(id: string, profile: ScanProfile, signal: AbortSignal): AsyncGenerator<CapturedPage> {
    validateScanProfile(profile);
    let count = 0;
    for await (const page of filePages(id, { ...profile, maxPixels: this.maxPixels, firstIndex: 0 })) {
      count++;
      yield page;
      if (signal.aborted) throw new AppError('SCANNER_CANCELLED', { pages: count });
    }
  }
}
