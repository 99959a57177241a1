import { AppError, type AppErrorData } from '../../../../shared/ipc/result';
import type { PageCleaner } from '../app/ports';
import type { CapturedPage, CleanedPage, DecodedBarcode, OcrResult } from '../types';

/** One page through the pipeline; `error` set means cleanup failed and the page has no image. */
export interface ProcessedPage {
  index: number;
  source: string;
  cleaned: CleanedPage | null;
  barcodes: DecodedBarcode[];
  ocr: OcrResult | null;
  error: AppErrorData | null;
}

export interface PageProcessors {
  cleaner: PageCleaner;
  barcodes?: (page: CleanedPage) => Promise<DecodedBarcode[]>;
  ocr?: (page: CleanedPage, index: number) => Promise<OcrResult>;
  /** Pages in flight at once: enough to keep every worker busy, few enough to bound memory. */
  window?: number;
}

function asErrorData(error: unknown): AppErrorData {
  return error instanceof AppError ? error.toData() : new AppError('INTERNAL').toData();
}

async function processOne(page: CapturedPage, processors: PageProcessors): Promise<ProcessedPage> {
  const base = { index: page.index, source: page.source, barcodes: [], ocr: null };
  let cleaned: CleanedPage;
  try {
    cleaned = await processors.cleaner.clean(page);
  } catch (error) {
    return { ...base, cleaned: null, error: asErrorData(error) };
  }
  // A blank page has neither codes nor text; skipping it saves the slowest steps on separator backs.
  if (cleaned.blank) return { ...base, cleaned, error: null };
  try {
    const [barcodes, ocr] = await Promise.all([processors.barcodes?.(cleaned) ?? [], processors.ocr?.(cleaned, page.index) ?? null]);
    return { ...base, cleaned, barcodes, ocr, error: null };
  } catch (error) {
    // The cleaned page is kept: recognition can be redone, the paper may be gone.
    return { ...base, cleaned, error: asErrorData(error) };
  }
}

/**
 * Cleans (and optionally reads barcodes and text from) pages as they arrive, several at a time so
 * the worker pools stay busy, and yields them in capture order. A page that fails is yielded with
 * its error; the batch goes on.
 */
export async function* processPages(pages: AsyncIterable<CapturedPage>, processors: PageProcessors): AsyncGenerator<ProcessedPage> {
  const window = Math.max(1, processors.window ?? 4);
  const inFlight: Promise<ProcessedPage>[] = [];
  for await (const page of pages) {
    inFlight.push(processOne(page, processors));
    if (inFlight.length >= window) yield await inFlight.shift()!;
  }
  while (inFlight.length > 0) yield await inFlight.shift()!;
}
