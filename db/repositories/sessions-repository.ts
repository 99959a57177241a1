import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../open';
import { sessions, type SessionRow } from '../schema';

export class SessionsRepository {
  constructor(private readonly db: Db) {}

  start(row: { id: string; accountId: string; startedAt: string }): void {
    this.db
      .insert(sessions)
      .values({ ...row, lastActivityAt: row.startedAt })
      .run();
  }

  touch(id: string, at: string): void {
    this.db.update(sessions).set({ lastActivityAt: at }).where(eq(sessions.id, id)).run();
  }

  end(id: string, at: string, reason: NonNullable<SessionRow['endReason']>): void {
    this.db
      .update(sessions)
      .set({ endedAt: at, endReason: reason })
      .where(and(eq(sessions.id, id), isNull(sessions.endedAt)))
      .run();
  }

  /** Sessions left open by a crash or power cut are closed at the next start. */
  endAllOpen(at: string): number {
    return this.db.update(sessions).set({ endedAt: at, endReason: 'appClosed' }).where(isNull(sessions.endedAt)).run().changes;
  }

  findById(id: string): SessionRow | undefined {
    return this.db.select().from(sessions).where(eq(sessions.id, id)).get();
  }
}
