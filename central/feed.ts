import { and, desc, eq, gt, isNull, or, sql } from 'drizzle-orm';
import { MAX_PULL_LIMIT, type Change, type ChangeKind, type PullResponse } from '../shared/sync/protocol';
import type { CentralDb, CentralTx } from './db/open';
import { centralChanges } from './db/schema';
import { GatewayError } from './errors';

/**
 * Serialises writers of the feed until they commit. Without it, a transaction that took sequence
 * 11 could commit before the one holding 10, a counter would pull 11, move its cursor past 10 and
 * never see it.
 */
const FEED_LOCK_KEY = 0x51_46_45_44;

export interface NewChange {
  kind: ChangeKind;
  key: string;
  /** Null: every counter pulls it (catalogue, calendar); otherwise only that agency's counters. */
  agencyCode: string | null;
  data: unknown;
}

/** Call inside the transaction that makes the change, so the feed and the state never disagree. */
export async function appendChange(tx: CentralTx, change: NewChange): Promise<void> {
  await tx.execute(sql`select pg_advisory_xact_lock(${FEED_LOCK_KEY})`);
  await tx.insert(centralChanges).values(change);
}

/** The latest data recorded under a key, to skip re-importing what the counters already have. */
export async function latestChangeData(
  tx: CentralTx | CentralDb,
  kind: ChangeKind,
  key: string,
  agencyCode: string | null,
): Promise<unknown> {
  const [row] = await tx
    .select({ data: centralChanges.data })
    .from(centralChanges)
    .where(
      and(
        eq(centralChanges.kind, kind),
        eq(centralChanges.key, key),
        agencyCode === null ? isNull(centralChanges.agencyCode) : eq(centralChanges.agencyCode, agencyCode),
      ),
    )
    .orderBy(desc(centralChanges.seq))
    .limit(1);
  return row?.data;
}

/** The cursor is the last sequence number delivered, as a decimal string; empty is the beginning. */
export function parseCursor(cursor: string): number {
  if (cursor === '') return 0;
  if (!/^\d{1,15}$/.test(cursor)) throw new GatewayError(400, 'CURSOR_INVALID', 'cursor was not issued by this gateway');
  return Number(cursor);
}

export async function pullChanges(db: CentralDb, agencyCode: string, cursor: string, limit: number): Promise<PullResponse> {
  const after = parseCursor(cursor);
  const take = Math.min(limit, MAX_PULL_LIMIT);
  // One row more than asked tells whether the counter should call again straight away.
  const rows = await db
    .select()
    .from(centralChanges)
    .where(and(gt(centralChanges.seq, after), or(isNull(centralChanges.agencyCode), eq(centralChanges.agencyCode, agencyCode))))
    .orderBy(centralChanges.seq)
    .limit(take + 1);
  const page = rows.slice(0, take);
  const last = page.at(-1);
  return {
    changes: page.map((row) => ({ kind: row.kind, key: row.key, data: row.data }) as Change),
    cursor: last ? String(last.seq) : cursor,
    more: rows.length > take,
  };
}
