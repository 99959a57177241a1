import type { ProcessedPage } from './process-pages';

/** One line of the `quay digitize --report` file: what happened to one page (issue 3, item 10). */
export interface PageReport {
  index: number;
  source: string;
  widthPx: number | null;
  heightPx: number | null;
  resolutionDpi: number | null;
  rotationApplied: number | null;
  skewCorrectedDeg: number | null;
  blank: boolean | null;
  qualityScore: number | null;
  qualityProblems: string[];
  barcodes: Array<{ format: string; text: string }>;
  ocrText: string | null;
  ocrMeanConfidence: number | null;
  error: { code: string; message: string } | null;
}

export function pageReport(page: ProcessedPage): PageReport {
  const cleaned = page.cleaned;
  return {
    index: page.index,
    source: page.source,
    widthPx: cleaned?.widthPx ?? null,
    heightPx: cleaned?.heightPx ?? null,
    resolutionDpi: cleaned?.resolutionDpi ?? null,
    rotationApplied: cleaned?.rotationApplied ?? null,
    skewCorrectedDeg: cleaned?.skewCorrectedDeg ?? null,
    blank: cleaned?.blank ?? null,
    qualityScore: cleaned?.quality.score ?? null,
    qualityProblems: cleaned?.quality.problems ?? [],
    barcodes: page.barcodes.map(({ format, text }) => ({ format, text })),
    ocrText: page.ocr?.text ?? null,
    ocrMeanConfidence: page.ocr ? Math.round(page.ocr.meanConfidence * 10) / 10 : null,
    error: page.error,
  };
}
