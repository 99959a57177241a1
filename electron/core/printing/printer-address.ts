import { parsePrinterAddress } from '../../../shared/devices/device-settings';
import { AppError } from '../../../shared/ipc/result';
import type { PaperWidth, SlipBlock } from '../../../shared/printing/slip-layout';
import { DEFAULT_DITHER, ReceiptPrinter, type SlipPrintResult } from './receipt-printer';
import { SlipRenderer } from './slip-renderer';
import { FileTransport } from './transports/file-transport';
import { slipFontDir, transportFor } from '.';

/**
 * Prints slip blocks to a printer given as site IT types it: `tcp://host:port`, `cups:NAME`, `usb:VID:PID`,
 * `file:PATH`. A `driver:NAME` printer needs the app's silent print, which the CLI does not have.
 */
export function printToAddress(
  address: string,
  blocks: (paper: PaperWidth) => SlipBlock[],
  options: { paper: PaperWidth; resourcesDir: string },
): Promise<SlipPrintResult> {
  const target = parsePrinterAddress(address);
  if (!target) throw new AppError('PRINTER_ADDRESS_INVALID', { address: address.slice(0, 200) });
  if (target.kind === 'driver') throw new AppError('SLIP_DRIVER_UNAVAILABLE', { printer: target.printer });
  const transport = target.kind === 'file' ? new FileTransport(target.path) : transportFor(target);
  const printer = new ReceiptPrinter(new SlipRenderer(slipFontDir(options.resourcesDir)), transport, {
    paper: options.paper,
    qr: 'raster',
    dither: DEFAULT_DITHER,
  });
  return printer.print(blocks(options.paper));
}
