import type { CapturedPage, ScannerInfo, ScannerKind, ScanProfile } from '../types';

/**
 * One interface over every way a page reaches the app (docs/devices.md §1.1). `scan` yields each page
 * the moment it is complete, so the caller can store it and show a thumbnail while the feeder is
 * still running. A failure is thrown only after every page captured before it has been yielded;
 * an aborted signal stops the device and ends with SCANNER_CANCELLED.
 */
export interface ScannerDriver {
  readonly kind: ScannerKind;
  list(): Promise<ScannerInfo[]>;
  scan(id: string, profile: ScanProfile, signal: AbortSignal): AsyncIterable<CapturedPage>;
}

/** A file the hot folder could not turn into pages; the watch goes on with the next one. */
export interface SkippedFile {
  file: string;
  code: string;
  message: string;
}
