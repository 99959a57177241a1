import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Blocks of daily sequence numbers this counter may use in dossier codes. A block with a null
 * date applies to every day (set by an admin until the sync gateway leases dated blocks).
 */
export const sequenceBlocks = sqliteTable(
  'sequence_blocks',
  {
    id: text('id').primaryKey(),
    agencyCode: text('agency_code').notNull(),
    date: text('date'),
    first: integer('first').notNull(),
    last: integer('last').notNull(),
    source: text('source', { enum: ['admin', 'gateway', 'emergency'] }).notNull(),
    createdAt: text('created_at').notNull(),
    retiredAt: text('retired_at'),
  },
  (t) => [index('sequence_blocks_agency_idx').on(t.agencyCode, t.date)],
);

/** Numbers already used, per agency and day: the primary key makes a repeat impossible. */
export const sequenceUsage = sqliteTable(
  'sequence_usage',
  {
    agencyCode: text('agency_code').notNull(),
    date: text('date').notNull(),
    sequence: integer('sequence').notNull(),
    dossierId: text('dossier_id').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.date, t.sequence] })],
);
