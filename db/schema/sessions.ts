import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';

/** One row per sign-in, kept for the record of who worked at the counter and when. */
export const sessions = sqliteTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id')
      .notNull()
      .references(() => accounts.id, { onDelete: 'cascade' }),
    startedAt: text('started_at').notNull(),
    lastActivityAt: text('last_activity_at').notNull(),
    endedAt: text('ended_at'),
    endReason: text('end_reason', { enum: ['signedOut', 'accountLocked', 'appClosed'] }),
  },
  (t) => [index('sessions_account_idx').on(t.accountId)],
);

export type SessionRow = typeof sessions.$inferSelect;
