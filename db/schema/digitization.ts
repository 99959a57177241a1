import { index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';
import { dossiers } from './dossiers';

/**
 * A scan session: the pages of one reception draft, before and after the dossier exists. The
 * renderer names it with a fresh id when a reception starts, so pages captured before a crash are
 * found again by that id; `dossierId` is set in the accept transaction.
 */
export const scanSessions = sqliteTable(
  'scan_sessions',
  {
    id: text('id').primaryKey(),
    procedureCode: text('procedure_code'),
    officerAccountId: text('officer_account_id').references(() => accounts.id),
    dossierId: text('dossier_id').references(() => dossiers.id),
    status: text('status', { enum: ['open', 'accepted', 'assembled'] }).notNull(),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [index('scan_sessions_status_idx').on(t.status, t.updatedAt), index('scan_sessions_dossier_idx').on(t.dossierId)],
);

/**
 * The recovery index (docs/architecture.md §5): one row per captured page, written right after its original is
 * in the file store, so a crash mid-batch loses nothing. Positions are ordered, not dense: a
 * reorder rewrites them, a delete leaves a gap.
 */
export const scannedPages = sqliteTable(
  'scanned_pages',
  {
    id: text('id').primaryKey(),
    sessionId: text('session_id')
      .notNull()
      .references(() => scanSessions.id),
    componentCode: text('component_code').notNull(),
    position: integer('position').notNull(),
    originalSha256: text('original_sha256').notNull(),
    originalMediaType: text('original_media_type').notNull(),
    cleanedSha256: text('cleaned_sha256'),
    cleanedMediaType: text('cleaned_media_type', { enum: ['image/png', 'image/jpeg'] }),
    thumbnailSha256: text('thumbnail_sha256'),
    state: text('state', { enum: ['captured', 'cleaned', 'failed'] }).notNull(),
    widthPx: integer('width_px'),
    heightPx: integer('height_px'),
    resolutionDpi: integer('resolution_dpi'),
    /** PageQuality as JSON; `qualityScore` beside it for reports. */
    quality: text('quality'),
    qualityScore: integer('quality_score'),
    blank: integer('blank', { mode: 'boolean' }).notNull().default(false),
    /** Clockwise quarter turns the officer asked for on top of cleanup's own. */
    rotation: integer('rotation').notNull().default(0),
    /** DecodedBarcode[] as JSON. */
    barcodes: text('barcodes'),
    ocrText: text('ocr_text'),
    ocrConfidence: real('ocr_confidence'),
    /** OcrWord[] as JSON, for the PDF's hidden text layer. */
    ocrWords: text('ocr_words'),
    source: text('source').notNull(),
    capturedAt: text('captured_at').notNull(),
  },
  (t) => [index('scanned_pages_slot_idx').on(t.sessionId, t.componentCode, t.position)],
);

/**
 * Digitization state of a dossier component (docs/domain.md §6.2, TrangThaiSoHoa 0–3) with the file that
 * carries it: the assembled PDF, or the file of the dossier it was reused from.
 */
export const componentDigitization = sqliteTable(
  'component_digitization',
  {
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    componentCode: text('component_code').notNull(),
    /** 0 not digitized, 1 digitized here, 2 reused, 3 reused from another dossier's result. */
    state: integer('state').notNull(),
    sha256: text('sha256'),
    pageCount: integer('page_count').notNull(),
    reusedFromDossierId: text('reused_from_dossier_id'),
    officerAccountId: text('officer_account_id'),
    digitizedAt: text('digitized_at').notNull(),
    digitizedDate: text('digitized_date').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.componentCode] }), index('component_digitization_date_idx').on(t.digitizedDate)],
);

/**
 * The result documents handed back with a dossier (the certificate, the decision), digitized at the
 * return counter (LoaiSoHoa 1, docs/domain.md §6.2). They are what a later dossier of the same owner
 * reuses instead of asking for the paper again (TrangThaiSoHoa 3).
 */
export const dossierResults = sqliteTable(
  'dossier_results',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    position: integer('position').notNull(),
    /** TenGiayTo: what the document is, as the officer named it. */
    name: text('name').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    bytes: integer('bytes').notNull(),
    pageCount: integer('page_count').notNull(),
    officerAccountId: text('officer_account_id'),
    recordedAt: text('recorded_at').notNull(),
  },
  (t) => [uniqueIndex('dossier_results_position_idx').on(t.dossierId, t.position)],
);
