import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Forms owed to a citizen. Written with the dossier, so a crash between accept and print leaves
 * a pending job the app offers again; reprints are recorded with their reason.
 */
export const printJobs = sqliteTable(
  'print_jobs',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id'),
    formKey: text('form_key').notNull(),
    copies: integer('copies').notNull(),
    status: text('status', { enum: ['pending', 'saved', 'printed', 'failed'] }).notNull(),
    reprintNumber: integer('reprint_number').notNull().default(0),
    reason: text('reason'),
    requestedBy: text('requested_by'),
    createdAt: text('created_at').notNull(),
    finishedAt: text('finished_at'),
    outputPath: text('output_path'),
    lastError: text('last_error'),
  },
  (t) => [index('print_jobs_status_idx').on(t.status), index('print_jobs_dossier_idx').on(t.dossierId)],
);
