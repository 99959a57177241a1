import path from 'node:path';
import { suggestFields } from '../../../../shared/digitize/field-suggestions';
import type { ScanSettings } from '../../../../shared/digitize/scan-settings';
import type { ScannerSettings } from '../capture';
import { DigitizePool } from '../pipeline/cleanup-pool';
import { ocrLangPath } from '../recognition/ocr-language-data';
import { OcrPool } from '../recognition/ocr-pool';
import type { OcrEngineFactory } from '../recognition/tesseract-engine';
import { zxingWasmPath } from '../recognition/zxing-wasm-decoder';
import { configuredScanner } from './configured-scanner';
import type { DigitizePipeline, PageOcr } from './ports';

export interface DefaultPipelineOptions {
  resourcesDir: string;
  dataDir: string;
  /** Driver options that are not the admin's to set (a private SANE configuration in tests). */
  scannerDrivers?: ScannerSettings;
  /** The admin's eSCL addresses and hot folders, read again on every list and scan. */
  scanSettings: () => Pick<ScanSettings, 'esclScanners' | 'hotFolders'>;
}

/** tesseract.js and the page preparation it uses load with the first OCR engine, not with the core. */
function lazyEngine(langPath: string): OcrEngineFactory {
  return async () => (await import('../recognition/tesseract-engine')).tesseractEngineFactory({ langPath })();
}

/** The OCR pool is made on the first page: staging the language data costs nothing until OCR is needed. */
function lazyOcr(options: DefaultPipelineOptions): PageOcr & { close(): Promise<void> } {
  let pool: OcrPool | null = null;
  const open = () =>
    (pool ??= new OcrPool({ createEngine: lazyEngine(ocrLangPath(options.resourcesDir, path.join(options.dataDir, 'ocr-data'))) }));
  return {
    recognize: (pageId, image, { resolutionDpi }) => open().recognize(pageId, image, { resolutionDpi }),
    cancel: (pageId) => void pool?.cancel(pageId),
    close: async () => pool?.close(),
  };
}

/**
 * The drivers and worker pools the app runs with outside tests: every scanner driver of the
 * platform (SANE or WIA as the system configures them, eSCL and hot folders as the admin does),
 * cleanup, barcode reading and PDF assembly in worker threads, OCR in tesseract.js workers —
 * each started on first use.
 */
export function createDigitizePipeline(options: DefaultPipelineOptions): DigitizePipeline & { close(): Promise<void> } {
  const pool = new DigitizePool({ barcodeWasmFile: zxingWasmPath(options.resourcesDir) });
  const ocr = lazyOcr(options);
  return {
    scanner: configuredScanner(options.scannerDrivers ?? {}, options.scanSettings),
    cleaner: pool,
    barcodes: pool,
    ocr,
    fields: {
      suggest: (text) =>
        suggestFields(text).flatMap(({ field, value }) =>
          field === 'idNumber' || field === 'fullName' || field === 'dateOfBirth' ? [{ field, value }] : [],
        ),
    },
    pdf: pool,
    close: async () => {
      await Promise.all([pool.close(), ocr.close()]);
    },
  };
}
