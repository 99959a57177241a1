import { AppError } from '../../../shared/ipc/result';
import type { PrinterConnection } from './transports/transport';

/**
 * Real-time status bits (Epson ESC/POS `DLE EOT`, followed by the common clones). Every answer has
 * bits 1 and 4 set and bits 0 and 7 clear, which tells a status byte from stray data.
 */
const FIXED_MASK = 0x93;
const FIXED_BITS = 0x12;
const PRINTER_OFFLINE = 0x08;
const OFFLINE_COVER_OPEN = 0x04;
const OFFLINE_PAPER_END = 0x20;
const OFFLINE_ERROR = 0x40;
const PAPER_NEAR_END = 0x0c;
const PAPER_END = 0x60;

export function isStatusByte(value: number): boolean {
  return (value & FIXED_MASK) === FIXED_BITS;
}

export interface PrinterStatus {
  offline: boolean;
  coverOpen: boolean;
  paperOut: boolean;
  /** Worth a warning at the counter; the slip still prints. */
  paperNearEnd: boolean;
  /** The `DLE EOT 3` byte when the printer reports an error, else null. */
  errorCause: number | null;
}

/** Asks printer, offline-cause and paper status (and the error cause when there is an error). */
export async function readPrinterStatus(connection: PrinterConnection): Promise<PrinterStatus | null> {
  const query = connection.queryStatus;
  if (!query) return null;
  const printer = await query(1);
  const offlineCause = await query(2);
  const paper = await query(4);
  const errorCause = offlineCause & OFFLINE_ERROR ? await query(3) : null;
  return {
    offline: (printer & PRINTER_OFFLINE) !== 0,
    coverOpen: (offlineCause & OFFLINE_COVER_OPEN) !== 0,
    paperOut: (offlineCause & OFFLINE_PAPER_END) !== 0 || (paper & PAPER_END) !== 0,
    paperNearEnd: (paper & PAPER_NEAR_END) !== 0,
    errorCause,
  };
}

/** The error to report for a status that stops printing, most specific first; null when fine. */
export function statusError(status: PrinterStatus, printer: string): AppError | null {
  if (status.coverOpen) return new AppError('PRINTER_COVER_OPEN', { printer });
  if (status.paperOut) return new AppError('PRINTER_PAPER_OUT', { printer });
  if (status.errorCause !== null)
    return new AppError('PRINTER_FAULT', { printer, details: `DLE EOT 3 = 0x${status.errorCause.toString(16).padStart(2, '0')}` });
  if (status.offline) return new AppError('PRINTER_OFFLINE', { printer });
  return null;
}
