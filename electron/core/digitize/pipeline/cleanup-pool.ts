import type { BarcodeReader, ComponentPdfAssembler, PageCleaner } from '../app/ports';
import type { CapturedPage, CleanedPage, ComponentPdfMetadata, DecodedBarcode, PdfPageInput } from '../types';
import { transferablesOf, type DigitizeResult, type DigitizeTask } from './digitize-tasks';
import { poolSize, WorkerPool } from './worker-pool';
import { digitizeWorkerScript } from './worker-script';

export interface DigitizePoolOptions {
  /** Worker threads; cores − 1 (at least one) by default. */
  size?: number;
  /** zxing_reader.wasm (zxingWasmPath); without it the pool does not read barcodes. */
  barcodeWasmFile?: string;
}

/**
 * Cleanup, barcode reading (about a second of CPU on an A4 page) and component-PDF assembly off
 * the core's thread (docs/architecture.md §2): the app service and `quay digitize` both hand pages here. Bytes
 * are moved to the worker, not copied, when they own their whole buffer.
 */
export class DigitizePool implements PageCleaner, ComponentPdfAssembler, BarcodeReader {
  private readonly pool: WorkerPool<DigitizeTask, DigitizeResult>;
  private readonly barcodeWasmFile: string | undefined;

  constructor(options: DigitizePoolOptions = {}) {
    this.pool = new WorkerPool({ script: digitizeWorkerScript(), size: options.size ?? poolSize() });
    this.barcodeWasmFile = options.barcodeWasmFile;
  }

  async decode(image: Uint8Array): Promise<DecodedBarcode[]> {
    if (!this.barcodeWasmFile) throw new Error('DigitizePool made without barcodeWasmFile');
    // The page stays the caller's (it is also cleaned and read by OCR), so it is copied, not moved.
    const result = await this.pool.run({ kind: 'barcodes', image, wasmFile: this.barcodeWasmFile }, 'barcodes');
    if (result.kind !== 'barcodes') throw new Error(`worker answered ${result.kind} to barcodes`);
    return result.barcodes;
  }

  async clean(page: CapturedPage): Promise<CleanedPage> {
    const task: DigitizeTask = { kind: 'cleanup', input: { bytes: page.bytes, resolutionDpi: page.resolutionDpi, source: page.source } };
    const result = await this.pool.run(task, page.source, transferablesOf(task));
    if (result.kind !== 'cleanup') throw new Error(`worker answered ${result.kind} to cleanup`);
    return result.page;
  }

  async assemble(pages: PdfPageInput[], metadata: ComponentPdfMetadata): Promise<Uint8Array> {
    // Pages stay the caller's: the app keeps them in the file store and may assemble again.
    const task: DigitizeTask = { kind: 'assemble-pdf', pages, metadata };
    const result = await this.pool.run(task, metadata.componentCode);
    if (result.kind !== 'assemble-pdf') throw new Error(`worker answered ${result.kind} to assemble-pdf`);
    return result.pdf;
  }

  close(): Promise<void> {
    return this.pool.close();
  }
}
