import { and, asc, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { outbox } from '../schema';

export type OutboxRow = typeof outbox.$inferSelect;

export class OutboxRepository {
  constructor(private readonly db: Db) {}

  /** Call inside the transaction of the change the command describes. */
  append(row: { id: string; dossierId: string | null; kind: string; payload: unknown; createdAt: string }): void {
    const next =
      (this.db
        .select({ max: sql<number | null>`max(${outbox.seq})` })
        .from(outbox)
        .get()?.max ?? 0) + 1;
    this.db
      .insert(outbox)
      .values({ ...row, seq: next, payload: JSON.stringify(row.payload) })
      .run();
  }

  pending(limit: number): OutboxRow[] {
    return this.db.select().from(outbox).where(isNull(outbox.acknowledgedAt)).orderBy(asc(outbox.seq)).limit(limit).all();
  }

  /** Every command of one dossier, acknowledged or not, in the order they are pushed. */
  forDossier(dossierId: string): OutboxRow[] {
    return this.db.select().from(outbox).where(eq(outbox.dossierId, dossierId)).orderBy(asc(outbox.seq)).all();
  }

  byId(id: string): OutboxRow | undefined {
    return this.db.select().from(outbox).where(eq(outbox.id, id)).get();
  }

  /** Commands the gateway refused with this reason and that are still pending, oldest first. */
  refused(reason: string): OutboxRow[] {
    return this.db
      .select()
      .from(outbox)
      .where(and(isNull(outbox.acknowledgedAt), eq(outbox.lastError, reason)))
      .orderBy(asc(outbox.seq))
      .all();
  }

  pendingCount(): number {
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(outbox)
        .where(isNull(outbox.acknowledgedAt))
        .get()?.n ?? 0
    );
  }
}
