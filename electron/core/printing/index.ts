import path from 'node:path';
import { AppError } from '../../../shared/ipc/result';
import type { PaperWidth, SlipBlock } from '../../../shared/printing/slip-layout';
import type { HostFormPrint } from './form-printers/form-printer';
import { DriverSlipPrinter } from './driver-slip-printer';
import type { DitherMethod } from './dither';
import type { CutMode } from './escpos-raster-encoder';
import { DEFAULT_DITHER, ReceiptPrinter, type SlipPrintResult } from './receipt-printer';
import { SlipRenderer } from './slip-renderer';
import { CupsRawTransport } from './transports/cups-raw';
import { Tcp9100Transport } from './transports/tcp-9100';
import type { PrinterTransport } from './transports/transport';
import { webUsbSource } from './transports/usb-device-source';
import { UsbPrinterTransport, type UsbDeviceSource } from './transports/usb-transport';

export { ReceiptPrinter, type SlipPrintResult } from './receipt-printer';
export type { PrinterStatus } from './printer-status';

/** A receipt printer as the device settings will describe it. */
export interface ReceiptPrinterConfig {
  paper: PaperWidth;
  /** `native` for printers whose firmware draws QR (`GS ( k`); `raster` works on every printer. */
  qr: 'native' | 'raster';
  transport:
    | { kind: 'tcp'; host: string; port?: number; statusQuery?: boolean }
    | { kind: 'cups'; queue: string }
    | { kind: 'usb'; vendorId: number; productId: number }
    | { kind: 'driver'; printer: string };
  bandHeight?: number;
  dither?: DitherMethod;
  threshold?: number;
  cut?: CutMode;
}

/** Where the shipped slip font lives: `build/fonts` in the repo, the same folder under resources when packaged. */
export function slipFontDir(resourcesDir: string): string {
  return path.join(resourcesDir, 'build', 'fonts');
}

/** A slip printer: ESC/POS over a transport, or a vendor driver through the host's silent print. */
export interface SlipPrinter {
  readonly paper: PaperWidth;
  print(blocks: readonly SlipBlock[]): Promise<SlipPrintResult>;
}

/** The raw byte transports; a driver printer has none (see createReceiptPrinter). */
export function transportFor(
  config: Exclude<ReceiptPrinterConfig['transport'], { kind: 'driver' }>,
  usb: UsbDeviceSource = webUsbSource(),
): PrinterTransport {
  switch (config.kind) {
    case 'tcp':
      return new Tcp9100Transport(config);
    case 'cups':
      return new CupsRawTransport({ queue: config.queue });
    case 'usb':
      return new UsbPrinterTransport({ vendorId: config.vendorId, productId: config.productId, source: usb });
  }
}

export function createReceiptPrinter(
  config: ReceiptPrinterConfig,
  context: { resourcesDir: string; usb?: UsbDeviceSource; hostPrint?: HostFormPrint },
): SlipPrinter {
  const renderer = new SlipRenderer(slipFontDir(context.resourcesDir));
  if (config.transport.kind === 'driver') {
    if (!context.hostPrint) throw new AppError('SLIP_DRIVER_UNAVAILABLE', { printer: config.transport.printer });
    return new DriverSlipPrinter(renderer, context.hostPrint, { paper: config.paper, printer: config.transport.printer });
  }
  return new ReceiptPrinter(renderer, transportFor(config.transport, context.usb), {
    paper: config.paper,
    qr: config.qr,
    dither: { method: config.dither ?? DEFAULT_DITHER.method, threshold: config.threshold ?? DEFAULT_DITHER.threshold },
    encoder: { ...(config.bandHeight === undefined ? {} : { bandHeight: config.bandHeight }), ...(config.cut ? { cut: config.cut } : {}) },
  });
}
