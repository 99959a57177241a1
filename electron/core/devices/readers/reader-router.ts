import { classifyScan, cleanScanText } from '../../../../shared/devices/reader-route';
import type { Clock } from '../../platform/clock';
import type { ReaderScan } from './reader';

export interface RoutedScan {
  readerId: string;
  text: string;
  symbology: string | null;
  /** `cccd` fills the applicant, `dossierCode` opens the return flow, the rest is shown to the officer. */
  kind: 'cccd' | 'cccdRejected' | 'dossierCode' | 'unknown';
  dossierCode: string | null;
  at: string;
}

const RECENT = 20;

/**
 * Where every scan of a HID-POS or serial reader goes: cleaned, classified the same way as a
 * keyboard-wedge scan, sent to the windows as `reader.scanned`, and kept among the recent scans so
 * that nothing read while no screen was listening is lost.
 */
export class ReaderRouter {
  private readonly recentScans: RoutedScan[] = [];

  constructor(
    private readonly emit: (scan: RoutedScan) => void,
    private readonly clock: Clock,
  ) {}

  handle(scan: ReaderScan): RoutedScan | null {
    const text = cleanScanText(scan.text);
    if (!text) return null;
    const route = classifyScan(text);
    const routed: RoutedScan = {
      readerId: scan.readerId,
      text,
      symbology: scan.symbology,
      kind: route.kind,
      dossierCode: route.kind === 'dossierCode' ? route.code : null,
      at: this.clock.now().toISOString(),
    };
    this.recentScans.unshift(routed);
    this.recentScans.length = Math.min(this.recentScans.length, RECENT);
    this.emit(routed);
    return routed;
  }

  recent(): RoutedScan[] {
    return [...this.recentScans];
  }
}
