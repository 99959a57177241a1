import { sqliteTable, text } from 'drizzle-orm/sqlite-core';

/**
 * The agency's exceptions to its weekly sessions: days off (holidays, compensatory days) and
 * swapped working days. Sessions per weekday live in settings.
 */
export const calendarDays = sqliteTable('calendar_days', {
  date: text('date').primaryKey(),
  kind: text('kind', { enum: ['dayOff', 'workingDay'] }).notNull(),
  name: text('name').notNull(),
  updatedAt: text('updated_at').notNull(),
});
