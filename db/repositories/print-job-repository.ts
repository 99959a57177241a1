import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { printJobs } from '../schema';

export type PrintJobRow = typeof printJobs.$inferSelect;

export class PrintJobRepository {
  constructor(private readonly db: Db) {}

  insert(row: PrintJobRow): void {
    this.db.insert(printJobs).values(row).run();
  }

  find(id: string): PrintJobRow | undefined {
    return this.db.select().from(printJobs).where(eq(printJobs.id, id)).get();
  }

  /** Jobs owed to a citizen: not yet printed or saved, including failed ones to retry. */
  outstanding(): PrintJobRow[] {
    return this.db
      .select()
      .from(printJobs)
      .where(inArray(printJobs.status, ['pending', 'failed']))
      .orderBy(desc(printJobs.createdAt))
      .all();
  }

  reprintCount(dossierId: string, formKey: string): number {
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(printJobs)
        .where(and(eq(printJobs.dossierId, dossierId), eq(printJobs.formKey, formKey), sql`${printJobs.reprintNumber} > 0`))
        .get()?.n ?? 0
    );
  }

  finish(id: string, changes: Pick<PrintJobRow, 'status' | 'finishedAt' | 'outputPath' | 'lastError'>): void {
    this.db.update(printJobs).set(changes).where(eq(printJobs.id, id)).run();
  }
}
