import type { SkippedFile } from '../capture/scanner-driver';
import type {
  CapturedPage,
  CleanedPage,
  ComponentPdfMetadata,
  DecodedBarcode,
  OcrResult,
  PdfPageInput,
  ScannerInfo,
  ScanProfile,
} from '../types';

/**
 * What the app service needs from capture, cleanup, recognition and PDF assembly. The composition
 * root plugs the worker pools and drivers in; tests plug small in-process ones.
 */
export interface PageScanner {
  list(): Promise<ScannerInfo[]>;
  /**
   * Pages one at a time; a device fault is thrown after the pages already yielded. A file a hot
   * folder cannot read does not end the batch: it is moved aside and told to `onSkipped`.
   */
  scan(
    scanner: Pick<ScannerInfo, 'kind' | 'id'>,
    profile: ScanProfile,
    signal: AbortSignal,
    onSkipped?: (skipped: SkippedFile) => void,
  ): AsyncIterable<CapturedPage>;
}

export interface PageCleaner {
  clean(page: CapturedPage): Promise<CleanedPage>;
}

export interface BarcodeReader {
  decode(image: Uint8Array): Promise<DecodedBarcode[]>;
}

export interface PageOcr {
  recognize(pageId: string, image: Uint8Array, options: { resolutionDpi?: number }): Promise<OcrResult>;
  /** Drops a deleted page's queued recognition. */
  cancel?(pageId: string): void;
}

export interface FieldSuggester {
  suggest(text: string): Array<{ field: 'idNumber' | 'fullName' | 'dateOfBirth'; value: string }>;
}

export interface ComponentPdfAssembler {
  assemble(pages: PdfPageInput[], metadata: ComponentPdfMetadata): Promise<Uint8Array>;
}

export interface DigitizePipeline {
  scanner: PageScanner;
  cleaner: PageCleaner;
  barcodes: BarcodeReader;
  ocr: PageOcr;
  fields: FieldSuggester;
  pdf: ComponentPdfAssembler;
}
