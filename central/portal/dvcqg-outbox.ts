import { and, asc, eq, inArray, max, sql } from 'drizzle-orm';
import type { CentralDb } from '../db/open';
import { dossierEvents, dvcqgOutbox } from '../db/schema';
import { retryDelayMs, type RetryPolicy } from './retry-policy';

export type OutboxRow = typeof dvcqgOutbox.$inferSelect;
export const DVCQG_OPERATIONS = ['DongBoHoSoMC', 'CapNhatTienDoHoSoMC'] as const;

/**
 * Takes up to `limit` rows that may be sent now: pending, due (never tried, or their backoff over:
 * a new row is due whatever the database's clock said when it was written), not claimed by another sender, and
 * first of their dossier (no earlier row of it pending or dead), so a dossier's operations reach the
 * portal in the order they were recorded. The claim is a lease, not a lock held over the network
 * call: a sender killed mid-call leaves the rows to whoever comes after the lease.
 */
export async function claimDue(db: CentralDb, now: Date, limit: number, leaseMs: number): Promise<OutboxRow[]> {
  const until = new Date(now.getTime() + leaseMs);
  const result = (await db.execute(sql`
    update dvcqg_outbox set leased_until = ${until.toISOString()}
    where id in (
      select o.id from dvcqg_outbox o
      where o.state = 'pending' and (o.attempts = 0 or o.next_attempt_at <= ${now.toISOString()})
        and (o.leased_until is null or o.leased_until <= ${now.toISOString()})
        and not exists (
          select 1 from dvcqg_outbox p
          where p.dossier_code = o.dossier_code and p.id < o.id and p.state in ('pending', 'dead'))
      order by o.id
      limit ${limit}
      for update skip locked)
    returning id`)) as unknown as { rows: { id: number | string }[] };
  const ids = result.rows.map((r) => Number(r.id));
  if (ids.length === 0) return [];
  return db.select().from(dvcqgOutbox).where(inArray(dvcqgOutbox.id, ids)).orderBy(asc(dvcqgOutbox.id));
}

export async function markSent(db: CentralDb, ids: number[], now: Date): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(dvcqgOutbox)
    .set({ state: 'sent', sentAt: now, leasedUntil: null, lastError: null, attempts: sql`${dvcqgOutbox.attempts} + 1` })
    .where(inArray(dvcqgOutbox.id, ids));
}

export async function markSkipped(db: CentralDb, ids: number[], reason: string): Promise<void> {
  if (ids.length === 0) return;
  await db.update(dvcqgOutbox).set({ state: 'skipped', leasedUntil: null, lastError: reason }).where(inArray(dvcqgOutbox.id, ids));
}

/** A failure that says nothing about the payload: the same rows again after the backoff. */
export async function markRetry(db: CentralDb, rows: OutboxRow[], error: string, now: Date, policy: RetryPolicy): Promise<void> {
  for (const row of rows) {
    const attempts = row.attempts + 1;
    await db
      .update(dvcqgOutbox)
      .set({ attempts, lastError: error, leasedUntil: null, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts, policy)) })
      .where(eq(dvcqgOutbox.id, row.id));
  }
}

/** The portal refused a batch of several: each row goes alone next, at once, to find which one it refuses. */
export async function markAlone(db: CentralDb, ids: number[], error: string): Promise<void> {
  if (ids.length === 0) return;
  await db.update(dvcqgOutbox).set({ alone: true, leasedUntil: null, lastError: error }).where(inArray(dvcqgOutbox.id, ids));
}

/** The portal refused this row's payload: a dead letter with its error, holding back its dossier's later rows. */
export async function markDead(db: CentralDb, row: OutboxRow, error: string): Promise<void> {
  await db
    .update(dvcqgOutbox)
    .set({ state: 'dead', attempts: row.attempts + 1, leasedUntil: null, lastError: error })
    .where(eq(dvcqgOutbox.id, row.id));
}

export interface OutboxStatus {
  counts: Record<string, number>;
  oldestPendingAt: string | null;
  dead: { dossierCode: string; eventId: string; operation: string; attempts: number; error: string }[];
  rows?: {
    id: number;
    eventId: string;
    operation: string;
    generation: number;
    state: string;
    attempts: number;
    lastError: string | null;
  }[];
}

export async function outboxStatus(db: CentralDb, dossierCode?: string): Promise<OutboxStatus> {
  const where = dossierCode ? eq(dvcqgOutbox.dossierCode, dossierCode) : undefined;
  const grouped = await db
    .select({ state: dvcqgOutbox.state, n: sql<number>`count(*)::int`, oldest: sql<string | null>`min(${dvcqgOutbox.createdAt})` })
    .from(dvcqgOutbox)
    .where(where)
    .groupBy(dvcqgOutbox.state);
  const counts: Record<string, number> = { pending: 0, sent: 0, skipped: 0, dead: 0 };
  for (const g of grouped) counts[g.state] = Number(g.n);
  const pending = grouped.find((g) => g.state === 'pending');
  const deadRows = await db
    .select()
    .from(dvcqgOutbox)
    .where(and(eq(dvcqgOutbox.state, 'dead'), where))
    .orderBy(asc(dvcqgOutbox.id))
    .limit(100);
  const status: OutboxStatus = {
    counts,
    oldestPendingAt: pending?.oldest ? new Date(pending.oldest).toISOString() : null,
    dead: deadRows.map((r) => ({
      dossierCode: r.dossierCode,
      eventId: r.eventId,
      operation: r.operation,
      attempts: r.attempts,
      error: r.lastError ?? '',
    })),
  };
  if (dossierCode) {
    const rows = await db.select().from(dvcqgOutbox).where(where).orderBy(asc(dvcqgOutbox.id));
    status.rows = rows.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      operation: r.operation,
      generation: r.generation,
      state: r.state,
      attempts: r.attempts,
      lastError: r.lastError,
    }));
  }
  return status;
}

/** Dead letters (of one dossier, or all) go back to pending, due now, after the cause was fixed. */
export async function retryDead(db: CentralDb, now: Date, dossierCode?: string): Promise<number> {
  const revived = await db
    .update(dvcqgOutbox)
    .set({ state: 'pending', attempts: 0, alone: true, nextAttemptAt: now, leasedUntil: null })
    .where(and(eq(dvcqgOutbox.state, 'dead'), dossierCode ? eq(dvcqgOutbox.dossierCode, dossierCode) : undefined))
    .returning({ id: dvcqgOutbox.id });
  return revived.length;
}

/**
 * Sends a dossier again as a whole: a new generation of rows, the dossier as an update
 * (`isUpdating` "True") then a progress row for every recorded event, after whatever is still owed.
 * Rows of earlier generations that are dead or pending are superseded and marked skipped.
 */
export async function replayDossier(db: CentralDb, dossierCode: string): Promise<number> {
  return db.transaction(async (tx) => {
    const [latest] = await tx
      .select({ generation: max(dvcqgOutbox.generation) })
      .from(dvcqgOutbox)
      .where(eq(dvcqgOutbox.dossierCode, dossierCode));
    const events = await tx
      .select({ id: dossierEvents.id })
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierCode, dossierCode))
      .orderBy(asc(dossierEvents.at), asc(dossierEvents.id));
    if (events.length === 0) return 0;
    await tx
      .update(dvcqgOutbox)
      .set({ state: 'skipped', lastError: 'superseded by a replay', leasedUntil: null })
      .where(and(eq(dvcqgOutbox.dossierCode, dossierCode), inArray(dvcqgOutbox.state, ['pending', 'dead'])));
    const generation = (latest?.generation ?? -1) + 1;
    const rows = [
      { dossierCode, eventId: events[0]!.id, operation: 'DongBoHoSoMC', generation },
      ...events.map((e) => ({ dossierCode, eventId: e.id, operation: 'CapNhatTienDoHoSoMC', generation })),
    ];
    await tx.insert(dvcqgOutbox).values(rows);
    return rows.length;
  });
}
