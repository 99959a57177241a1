import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { dossiers } from './dossiers';

/**
 * The signature verdict on a stored file that arrived (a result from the province, a reused document,
 * a file attached at reception), made once when it arrived and kept with it (docs/devices.md §7.4).
 * `trust_fingerprint` names the trust anchors and CRLs it was made under: when the admin imports new
 * ones the verdict is stale and the file is checked again.
 */
export const fileVerifications = sqliteTable('file_verifications', {
  sha256: text('sha256').primaryKey(),
  trustFingerprint: text('trust_fingerprint').notNull(),
  /** JSON of shared/signing/verdict.ts's SignatureVerdict. */
  verdict: text('verdict').notNull(),
  /** UTC ISO instant. */
  verifiedAt: text('verified_at').notNull(),
});

/**
 * The files the province holds for a dossier this counter keeps as a held copy (docs/architecture.md §8):
 * its components, later scans and results (`KQn`) pushed by any counter. Listed from here, offline
 * too; fetched into the file store only when opened.
 */
export const heldDossierFiles = sqliteTable(
  'held_dossier_files',
  {
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    sha256: text('sha256').notNull(),
    componentCode: text('component_code').notNull(),
    size: integer('size').notNull(),
    mediaType: text('media_type').notNull(),
    pageCount: integer('page_count').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dossierId, t.sha256] })],
);
