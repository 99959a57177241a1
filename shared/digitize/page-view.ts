import { z } from 'zod';
import { storedFileSchema } from '../reception/draft';

/**
 * Scanned pages as the page editor sees them, and what digitization reports back: plain data that
 * crosses IPC. The images themselves stay in the core's file store; a page carries only its
 * thumbnail, the zoom viewer asks for the full image.
 */
export const qualityProblems = ['low-resolution', 'too-dark', 'too-light', 'blurred'] as const;

export const pageViewSchema = z.object({
  id: z.string(),
  sessionId: z.string(),
  componentCode: z.string(),
  position: z.number().int(),
  state: z.enum(['captured', 'cleaned', 'failed']),
  blank: z.boolean(),
  /** Clockwise quarter turns the officer added. */
  rotation: z.number().int(),
  quality: z.object({ score: z.number(), problems: z.array(z.enum(qualityProblems)) }).nullable(),
  /** JPEG thumbnail with the rotation applied; null until cleanup has run. */
  thumbnailBase64: z.string().nullable(),
  ocrDone: z.boolean(),
  barcodes: z.array(z.object({ format: z.string(), text: z.string() })),
  source: z.string(),
  /** The page image as a stored file, so the checklist counts a scanned slot as filled. */
  file: storedFileSchema,
});
export type PageView = z.infer<typeof pageViewSchema>;

export const scannerRefSchema = z.object({
  kind: z.enum(['escl', 'sane', 'wia', 'hot-folder', 'import']),
  id: z.string().max(1000),
});

export const scanProfileSchema = z.object({
  resolutionDpi: z.number().int().min(200).max(1200).default(300),
  colorMode: z.enum(['color', 'gray', 'bw']).default('color'),
  source: z.enum(['flatbed', 'adf', 'adf-duplex']).default('adf'),
});

export const scanSummarySchema = z.object({
  captured: z.number().int(),
  separators: z.number().int(),
  /** Why the batch stopped early (jam, empty feeder, scanner gone); pages captured before it are kept. */
  error: z.object({ code: z.string(), message: z.string() }).nullable(),
  /** Files a hot folder moved aside as unreadable, each with its own message; absent when there were none. */
  skipped: z.array(z.object({ file: z.string(), code: z.string(), message: z.string() })).optional(),
});
export type ScanSummary = z.infer<typeof scanSummarySchema>;

export const fieldSuggestionSchema = z.object({
  field: z.enum(['idNumber', 'fullName', 'dateOfBirth']),
  value: z.string(),
  pageId: z.string(),
});
export type FieldSuggestion = z.infer<typeof fieldSuggestionSchema>;

/** TrangThaiSoHoa (docs/domain.md §6.2). */
export const DIGITIZATION_STATE = { notDigitized: 0, digitizedHere: 1, reused: 2, reusedFromResult: 3 } as const;

export const reusableDocumentSchema = z.object({
  /** 'component': a component digitized for an earlier dossier (state 2); 'result': an earlier dossier's result (state 3). */
  source: z.enum(['component', 'result']),
  /** What the checklist slot sends as its reuse reference (shared/digitize/reuse.ts). */
  ref: z.string(),
  dossierId: z.string(),
  dossierCode: z.string(),
  procedureCode: z.string(),
  /** The component it was digitized as; null for a result, which may stand in for any component. */
  componentCode: z.string().nullable(),
  /** The result's name (TenGiayTo); the component code for a component. */
  name: z.string(),
  sha256: z.string(),
  pageCount: z.number().int(),
  digitizedAt: z.string(),
});
export type ReusableDocument = z.infer<typeof reusableDocumentSchema>;

export const digitizationStatsRowSchema = z.object({
  day: z.string(),
  officer: z.string(),
  procedureCode: z.string(),
  procedureName: z.string(),
  dossiers: z.number().int(),
  /** Components handed in (attached or reused); optional ones not submitted and waived ones are left out. */
  components: z.number().int(),
  /** Components in states 1–3: all of them reach the portal as DuocSoHoa "1". */
  digitizedComponents: z.number().int(),
  /** Components whose PDF the unit signed: only these reach the portal as DuocSoHoa "1" (docs/devices.md §7.6). */
  signedComponents: z.number().int(),
  /** State 2: reused from a document digitized earlier. */
  reusedComponents: z.number().int(),
  /** State 3: reused from another dossier's result. */
  reusedFromResultComponents: z.number().int(),
  /** Pages scanned here (state 1); reused documents were counted when they were scanned. */
  pages: z.number().int(),
  /** digitizedComponents / components, 0–1. */
  digitizedShare: z.number(),
});
export type DigitizationStatsRow = z.infer<typeof digitizationStatsRowSchema>;
