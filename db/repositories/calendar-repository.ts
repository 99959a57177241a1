import { and, asc, eq, gte, lte } from 'drizzle-orm';
import type { Db } from '../open';
import { calendarDays } from '../schema';

export type CalendarDayRow = typeof calendarDays.$inferSelect;

export class CalendarRepository {
  constructor(private readonly db: Db) {}

  all(): CalendarDayRow[] {
    return this.db.select().from(calendarDays).orderBy(asc(calendarDays.date)).all();
  }

  between(from: string, to: string): CalendarDayRow[] {
    return this.db
      .select()
      .from(calendarDays)
      .where(and(gte(calendarDays.date, from), lte(calendarDays.date, to)))
      .orderBy(asc(calendarDays.date))
      .all();
  }

  upsert(row: CalendarDayRow): void {
    this.db
      .insert(calendarDays)
      .values(row)
      .onConflictDoUpdate({ target: calendarDays.date, set: { kind: row.kind, name: row.name, updatedAt: row.updatedAt } })
      .run();
  }

  remove(date: string): boolean {
    return this.db.delete(calendarDays).where(eq(calendarDays.date, date)).run().changes > 0;
  }
}
