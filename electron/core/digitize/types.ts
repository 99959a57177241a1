/**
 * The shapes the digitization modules hand each other (docs/architecture.md §7): capture yields `CapturedPage`s,
 * cleanup turns one into a `CleanedPage`, recognition adds `OcrResult` and `DecodedBarcode`s, and
 * the PDF assembler takes the lot. Capture, cleanup, recognition and the app service are separate
 * folders under `digitize/`; this file is the one place their data meets.
 */

export type ScanColorMode = 'color' | 'gray' | 'bw';
export type ScanSource = 'flatbed' | 'adf' | 'adf-duplex';

/** Set by the admin; resolutions under 200 dpi are refused (docs/domain.md §6.1). */
export interface ScanProfile {
  resolutionDpi: number;
  colorMode: ScanColorMode;
  source: ScanSource;
}

export type ScannerKind = 'escl' | 'sane' | 'wia' | 'hot-folder' | 'import';

export interface ScannerInfo {
  kind: ScannerKind;
  /** Stable id within its kind: a SANE device name, an eSCL base URL, a folder path. */
  id: string;
  name: string;
}

/** One page as it came off the device or out of a file, before anything touched it. */
export interface CapturedPage {
  /** 0-based index within the batch, in the order the paper went through. */
  index: number;
  bytes: Uint8Array;
  mediaType: 'image/png' | 'image/jpeg' | 'image/tiff' | 'image/x-portable-anymap';
  /** What the device or file says; cleanup measures its own where this is missing. */
  resolutionDpi?: number;
  /** File name, page number of a PDF/TIFF, or device name: shown in reports. */
  source: string;
}

export interface PageQuality {
  /** 0–100; under 50 is marked for a rescan on the thumbnail. */
  score: number;
  effectiveDpi: number;
  /** Mean darkness 0 (white) – 1 (black). */
  darkness: number;
  /** Variance of the Laplacian on the grey page; low means blurred. */
  sharpness: number;
  problems: Array<'low-resolution' | 'too-dark' | 'too-light' | 'blurred'>;
}

export interface CleanedPage {
  /** The stored page image (compressed for size, text kept crisp). */
  bytes: Uint8Array;
  mediaType: 'image/png' | 'image/jpeg';
  widthPx: number;
  heightPx: number;
  resolutionDpi: number;
  /** Clockwise quarter turns applied to make the page upright: 0, 90, 180 or 270. */
  rotationApplied: 0 | 90 | 180 | 270;
  /** Degrees the page was turned to remove skew (positive = counter-clockwise). */
  skewCorrectedDeg: number;
  /** Flagged, never dropped: the page count must equal the paper. */
  blank: boolean;
  quality: PageQuality;
}

export interface OcrWord {
  text: string;
  confidence: number;
  /** Pixel box in the cleaned page image. */
  box: { x0: number; y0: number; x1: number; y1: number };
}

export interface OcrResult {
  text: string;
  meanConfidence: number;
  words: OcrWord[];
}

export interface DecodedBarcode {
  format: string;
  text: string;
  /** Which decoder read it (for the corpus report). */
  decoder: 'zxing-wasm' | 'zxing-library';
}

/** Document info + XMP of a component PDF (docs/domain.md §6.4). */
export interface ComponentPdfMetadata {
  dossierCode: string;
  componentCode: string;
  componentName: string;
  ownerIdNumber: string | null;
  officer: string;
  digitizedAt: Date;
  appVersion: string;
}

export interface PdfPageInput {
  image: Uint8Array;
  mediaType: 'image/png' | 'image/jpeg';
  widthPx: number;
  heightPx: number;
  resolutionDpi: number;
  ocr?: OcrResult;
}
