import { AppError } from '../../../shared/ipc/result';
import { receivedSlip, returnedSlip, type PaperWidth, type SlipBlock } from '../../../shared/printing/slip-layout';
import type { DossierView, Site } from '../../../shared/reception/dossier-view';
import { toMonochrome, type DitherOptions } from './dither';
import { EscPosRasterEncoder, type EscPosEncoderOptions, type EscPosPart, type QrErrorLevel } from './escpos-raster-encoder';
import { readPrinterStatus, statusError, type PrinterStatus } from './printer-status';
import type { SlipRenderer } from './slip-renderer';
import type { PrinterConnection, PrinterTransport } from './transports/transport';

export interface ReceiptPrinterOptions {
  paper: PaperWidth;
  qr: 'native' | 'raster';
  qrErrorLevel?: QrErrorLevel;
  dither?: DitherOptions;
  encoder?: Omit<EscPosEncoderOptions, 'qrErrorLevel'>;
}

export interface PreparedSlip {
  parts: EscPosPart[];
  bytes: Uint8Array;
}

export interface SlipPrintResult {
  /**
   * `printed`: the printer took every byte and reported no fault afterwards (two-way links).
   * `handedOver`: a spooler, or a printer without status, took the job; whether paper came out is unknown.
   */
  outcome: 'printed' | 'handedOver';
  paperNearEnd: boolean;
  bytes: number;
}

/** Text-only slips print crisper thresholded than dithered; 160 is what worked on thermal paper (docs/devices.md §2.2). */
export const DEFAULT_DITHER: DitherOptions = { method: 'threshold', threshold: 160 };

/**
 * Render → 1-bit → ESC/POS → transport, with the printer's status asked before the job (so no paper
 * is wasted on a printer that cannot print) and after it. Any failure throws a Vietnamese AppError
 * and nothing is reported printed; the caller keeps its print job for a retry.
 */
export class ReceiptPrinter {
  private readonly encoder: EscPosRasterEncoder;
  private readonly qrErrorLevel: QrErrorLevel;

  constructor(
    private readonly renderer: SlipRenderer,
    private readonly transport: PrinterTransport,
    private readonly options: ReceiptPrinterOptions,
  ) {
    this.qrErrorLevel = options.qrErrorLevel ?? 'M';
    this.encoder = new EscPosRasterEncoder({ ...options.encoder, qrErrorLevel: this.qrErrorLevel });
  }

  get paper(): PaperWidth {
    return this.options.paper;
  }

  prepare(blocks: readonly SlipBlock[]): PreparedSlip {
    const rendered = this.renderer.render(blocks, { paper: this.options.paper, qr: this.options.qr, qrErrorLevel: this.qrErrorLevel });
    const dither = this.options.dither ?? DEFAULT_DITHER;
    const parts: EscPosPart[] = rendered.map((part) =>
      part.kind === 'image' ? { kind: 'raster', bitmap: toMonochrome(part.image, dither) } : part,
    );
    return { parts, bytes: this.encoder.encode(parts) };
  }

  async print(blocks: readonly SlipBlock[]): Promise<SlipPrintResult> {
    const { bytes } = this.prepare(blocks);
    const connection = await this.transport.open();
    try {
      await this.checkStatus(connection);
      await connection.write(bytes);
      const after = await this.checkStatus(connection);
      await connection.finish();
      return { outcome: after ? 'printed' : 'handedOver', paperNearEnd: after?.paperNearEnd ?? false, bytes: bytes.length };
    } catch (error) {
      connection.abort();
      throw error;
    }
  }

  printReceived(site: Site, dossier: DossierView): Promise<SlipPrintResult> {
    return this.print(receivedSlip(site, dossier, this.options.paper));
  }

  printReturned(site: Site, dossier: DossierView): Promise<SlipPrintResult> {
    return this.print(returnedSlip(site, dossier, this.options.paper));
  }

  /** The printer's state for a settings "Test" button; null through a spooler. */
  async status(): Promise<PrinterStatus | null> {
    const connection = await this.transport.open();
    try {
      const status = await readPrinterStatus(connection);
      await connection.finish();
      return status;
    } catch (error) {
      connection.abort();
      throw error;
    }
  }

  private async checkStatus(connection: PrinterConnection): Promise<PrinterStatus | null> {
    const status = await readPrinterStatus(connection);
    const problem: AppError | null = status && statusError(status, this.transport.label);
    if (problem) throw problem;
    return status;
  }
}
