import { desc, lt, eq } from 'drizzle-orm';
import type { Db } from '../open';
import { auditHead, auditLog, type AuditRow } from '../schema';
import { chainEntry, GENESIS_HASH, type ChainHead, type ChainedFields, type Sha256Hex } from '../../shared/audit/audit-chain';

const HEAD_ID = 1;

export type NewAuditEntry = Omit<ChainedFields, 'seq'>;

export class AuditRepository {
  constructor(
    private readonly db: Db,
    private readonly sha256: Sha256Hex,
  ) {}

  head(): ChainHead | null {
    const row = this.db.select().from(auditHead).where(eq(auditHead.id, HEAD_ID)).get();
    return row ? { seq: row.seq, hash: row.hash } : null;
  }

  /**
   * Appends one entry and moves the head in the same transaction. Callers that change other data
   * call this inside their own transaction so the change and its audit entry land together.
   */
  append(entry: NewAuditEntry): AuditRow {
    return this.db.transaction((tx) => {
      const last = tx.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
      const chained = chainEntry(last?.hash ?? GENESIS_HASH, { ...entry, seq: (last?.seq ?? 0) + 1 }, this.sha256);
      const row = tx.insert(auditLog).values(chained).returning().get();
      tx.insert(auditHead)
        .values({ id: HEAD_ID, seq: row.seq, hash: row.hash })
        .onConflictDoUpdate({ target: auditHead.id, set: { seq: row.seq, hash: row.hash } })
        .run();
      return row;
    });
  }

  /** The hash the log holds at `seq`, null when it holds no entry there: the proof an anchor asks for. */
  hashAt(seq: number): string | null {
    return this.db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, seq)).get()?.hash ?? null;
  }

  list(limit: number, beforeSeq?: number): AuditRow[] {
    const query = this.db.select().from(auditLog);
    const filtered = beforeSeq === undefined ? query : query.where(lt(auditLog.seq, beforeSeq));
    return filtered.orderBy(desc(auditLog.seq)).limit(limit).all();
  }

  /** Streams the whole log in order, so verifying a long history does not load it all at once. */
  *iterateAll(): Generator<AuditRow> {
    const statement = this.db.$client.prepare(
      `SELECT seq, at, actor_account_id AS actorAccountId, actor_username AS actorUsername, action, subject,
              details, prev_hash AS prevHash, hash
         FROM audit_log ORDER BY seq`,
    );
    yield* statement.iterate() as IterableIterator<AuditRow>;
  }
}
