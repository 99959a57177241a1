import { and, asc, eq, gt, inArray, isNotNull, isNull, notInArray, or, sql } from 'drizzle-orm';
import { finalRejections } from '../../shared/sync/protocol';
import type { Db } from '../open';
import { componentFiles, dossiers, outbox } from '../schema';

export interface FailedCommand {
  id: string;
  kind: string;
  dossierCode: string | null;
  attempts: number;
  lastError: string;
  createdAt: string;
}

export interface PendingCommand {
  id: string;
  seq: number;
  kind: string;
  /** The code the province knows the dossier by; null for a command about no dossier. */
  dossierCode: string | null;
  payload: string;
  attempts: number;
}

/** What the sync engine needs from the outbox: read pending commands in order, settle them after the gateway answers. */
export class OutboxSyncRepository {
  constructor(private readonly db: Db) {}

  /**
   * Pending commands after `seq`, oldest first, so one pass can move past commands the gateway refused.
   * A command the gateway refused for good (`finalRejections`) is not sent again: it stays pending and
   * listed in `failures` for the sync panel, and the gateway would only repeat its answer.
   */
  pendingAfter(seq: number, limit: number): PendingCommand[] {
    return this.db
      .select({
        id: outbox.id,
        seq: outbox.seq,
        kind: outbox.kind,
        dossierCode: dossiers.code,
        payload: outbox.payload,
        attempts: outbox.attempts,
      })
      .from(outbox)
      .leftJoin(dossiers, eq(dossiers.id, outbox.dossierId))
      .where(
        and(
          isNull(outbox.acknowledgedAt),
          gt(outbox.seq, seq),
          or(isNull(outbox.lastError), notInArray(outbox.lastError, [...finalRejections])),
        ),
      )
      .orderBy(asc(outbox.seq))
      .limit(limit)
      .all();
  }

  /** Only for commands the gateway answered 'applied' or 'duplicate'. */
  acknowledge(ids: string[], at: string): void {
    if (ids.length === 0) return;
    this.db
      .update(outbox)
      .set({ acknowledgedAt: at, lastError: null })
      .where(and(inArray(outbox.id, ids), isNull(outbox.acknowledgedAt)))
      .run();
  }

  /** The command stays pending for the next pass, with the gateway's reason for the sync panel. */
  recordFailure(id: string, reason: string): void {
    this.db
      .update(outbox)
      .set({ attempts: sql`${outbox.attempts} + 1`, lastError: reason })
      .where(and(eq(outbox.id, id), isNull(outbox.acknowledgedAt)))
      .run();
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

  /** Files of dossiers whose commands are still pending: what the province has not confirmed yet. */
  pendingFileCount(): number {
    const pendingDossiers = this.db.selectDistinct({ id: outbox.dossierId }).from(outbox).where(isNull(outbox.acknowledgedAt));
    return (
      this.db
        .select({ n: sql<number>`count(distinct ${componentFiles.sha256})` })
        .from(componentFiles)
        .where(inArray(componentFiles.dossierId, pendingDossiers))
        .get()?.n ?? 0
    );
  }

  /** Pending commands the gateway refused, oldest first, for the sync panel. */
  failures(limit: number): FailedCommand[] {
    return this.db
      .select({
        id: outbox.id,
        kind: outbox.kind,
        dossierCode: dossiers.code,
        attempts: outbox.attempts,
        lastError: sql<string>`${outbox.lastError}`,
        createdAt: outbox.createdAt,
      })
      .from(outbox)
      .leftJoin(dossiers, eq(dossiers.id, outbox.dossierId))
      .where(and(isNull(outbox.acknowledgedAt), isNotNull(outbox.lastError)))
      .orderBy(asc(outbox.seq))
      .limit(limit)
      .all();
  }

  /** The officer asked to try a refused command again: it counts as fresh. True when it was pending. */
  clearFailure(id: string): boolean {
    return (
      this.db
        .update(outbox)
        .set({ attempts: 0, lastError: null })
        .where(and(eq(outbox.id, id), isNull(outbox.acknowledgedAt)))
        .run().changes > 0
    );
  }
}
