import { z } from 'zod';
import { qualityProblems } from './page-view';

/**
 * The JSON columns of `scanned_pages`, read back through these schemas (docs/architecture.md §5):
 * what cleanup measured, the barcodes read on the page and the OCR words with their boxes.
 */
export const storedPageQualitySchema = z.object({
  score: z.number(),
  effectiveDpi: z.number(),
  darkness: z.number(),
  sharpness: z.number(),
  problems: z.array(z.enum(qualityProblems)),
});

export const storedBarcodesSchema = z.array(
  z.object({ format: z.string(), text: z.string(), decoder: z.enum(['zxing-wasm', 'zxing-library']) }),
);

export const storedOcrWordsSchema = z.array(
  z.object({
    text: z.string(),
    confidence: z.number(),
    box: z.object({ x0: z.number(), y0: z.number(), x1: z.number(), y1: z.number() }),
  }),
);
