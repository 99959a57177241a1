import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * Append-only, hash-chained audit log. Triggers in the migrations refuse UPDATE and DELETE; the
 * chain (each entry's hash covers the previous hash) and the head row detect what a direct file
 * edit still could do.
 */
export const auditLog = sqliteTable('audit_log', {
  seq: integer('seq').primaryKey(),
  at: text('at').notNull(),
  actorAccountId: text('actor_account_id'),
  actorUsername: text('actor_username'),
  action: text('action').notNull(),
  subject: text('subject'),
  details: text('details').notNull(),
  prevHash: text('prev_hash').notNull(),
  hash: text('hash').notNull(),
});

/** Single row holding the last sequence number and hash, so a deleted tail is noticed. */
export const auditHead = sqliteTable('audit_head', {
  id: integer('id').primaryKey(),
  seq: integer('seq').notNull(),
  hash: text('hash').notNull(),
});

export type AuditRow = typeof auditLog.$inferSelect;
