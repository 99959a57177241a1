import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Commands for the province, written in the same transaction as the change they describe
 * (transactional outbox). A row is only marked acknowledged after the gateway confirms it;
 * nothing is deleted before that.
 */
export const outbox = sqliteTable(
  'outbox',
  {
    /** UUIDv7 command id: the gateway applies each id exactly once. */
    id: text('id').primaryKey(),
    /** Commands of one dossier are pushed in this order. */
    seq: integer('seq').notNull().unique(),
    dossierId: text('dossier_id'),
    kind: text('kind').notNull(),
    payload: text('payload').notNull(),
    createdAt: text('created_at').notNull(),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    acknowledgedAt: text('acknowledged_at'),
  },
  (t) => [index('outbox_pending_idx').on(t.acknowledgedAt, t.seq)],
);
