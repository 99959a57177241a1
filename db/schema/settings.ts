import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/** Site settings as JSON values under stable keys; validated by the settings service. */
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
  updatedAt: text('updated_at').notNull(),
});
