import { sql } from 'drizzle-orm';
import { check, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core';

export const accounts = sqliteTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    username: text('username').notNull().unique(),
    fullName: text('full_name').notNull(),
    role: text('role', { enum: ['officer', 'supervisor', 'admin'] }).notNull(),
    passwordHash: text('password_hash').notNull(),
    status: text('status', { enum: ['active', 'locked'] })
      .notNull()
      .default('active'),
    lockReason: text('lock_reason', { enum: ['failedAttempts', 'inactive', 'admin'] }),
    failedAttempts: integer('failed_attempts').notNull().default(0),
    mustChangePassword: integer('must_change_password', { mode: 'boolean' }).notNull().default(false),
    createdAt: text('created_at').notNull(),
    updatedAt: text('updated_at').notNull(),
    lastSignInAt: text('last_sign_in_at'),
    /** Set when an admin unlocks the account, so a dormant account gets a fresh year from then. */
    reactivatedAt: text('reactivated_at'),
    passwordChangedAt: text('password_changed_at').notNull(),
  },
  (t) => [
    check('accounts_role_check', sql`${t.role} in ('officer', 'supervisor', 'admin')`),
    check('accounts_status_check', sql`${t.status} in ('active', 'locked')`),
    check('accounts_lock_reason_check', sql`(${t.status} = 'locked') = (${t.lockReason} is not null)`),
  ],
);

export type AccountRow = typeof accounts.$inferSelect;
export type NewAccountRow = typeof accounts.$inferInsert;
