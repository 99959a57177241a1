import { and, asc, eq, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { sequenceBlocks, sequenceUsage } from '../schema';

export type SequenceBlockRow = typeof sequenceBlocks.$inferSelect;

export class SequenceRepository {
  constructor(private readonly db: Db) {}

  /** Blocks usable on a date: the ones dated that day and the standing ones (no date). */
  blocksFor(agencyCode: string, date: string): SequenceBlockRow[] {
    return this.db
      .select()
      .from(sequenceBlocks)
      .where(
        and(
          eq(sequenceBlocks.agencyCode, agencyCode),
          isNull(sequenceBlocks.retiredAt),
          or(eq(sequenceBlocks.date, date), isNull(sequenceBlocks.date)),
        ),
      )
      .orderBy(asc(sequenceBlocks.first))
      .all();
  }

  allActive(agencyCode: string): SequenceBlockRow[] {
    return this.db
      .select()
      .from(sequenceBlocks)
      .where(and(eq(sequenceBlocks.agencyCode, agencyCode), isNull(sequenceBlocks.retiredAt)))
      .orderBy(asc(sequenceBlocks.date), asc(sequenceBlocks.first))
      .all();
  }

  insertBlock(row: SequenceBlockRow): void {
    this.db.insert(sequenceBlocks).values(row).run();
  }

  used(agencyCode: string, date: string, first: number, last: number): Set<number> {
    const rows = this.db
      .select({ sequence: sequenceUsage.sequence })
      .from(sequenceUsage)
      .where(
        and(
          eq(sequenceUsage.agencyCode, agencyCode),
          eq(sequenceUsage.date, date),
          sql`${sequenceUsage.sequence} between ${first} and ${last}`,
        ),
      )
      .all();
    return new Set(rows.map((r) => r.sequence));
  }

  /** The primary key (agency, date, sequence) makes a second use of a number fail loudly. */
  markUsed(agencyCode: string, date: string, sequence: number, dossierId: string): void {
    this.db.insert(sequenceUsage).values({ agencyCode, date, sequence, dossierId }).run();
  }

  /** Numbers used per day in [from, to], for sizing leases from the counter's own history. */
  dailyUsage(agencyCode: string, from: string, to: string): { date: string; used: number }[] {
    return this.db
      .select({ date: sequenceUsage.date, used: sql<number>`count(*)` })
      .from(sequenceUsage)
      .where(and(eq(sequenceUsage.agencyCode, agencyCode), sql`${sequenceUsage.date} between ${from} and ${to}`))
      .groupBy(sequenceUsage.date)
      .all();
  }

  retire(id: string, at: string): void {
    this.db.update(sequenceBlocks).set({ retiredAt: at }).where(eq(sequenceBlocks.id, id)).run();
  }
}
