import { and, asc, desc, eq } from 'drizzle-orm';
import { judgeAnchor, type AnchorRequest, type AnchorResponse, type StoredAnchor } from '../shared/audit/audit-anchor';
import type { Device } from './commands';
import type { CentralDb, CentralTx } from './db/open';
import { auditAnchors, devices } from './db/schema';

type AnchorRow = typeof auditAnchors.$inferSelect;

function stored(row: AnchorRow | undefined): StoredAnchor | null {
  return row ? { seq: row.seq, hash: row.hash, at: row.at.toISOString() } : null;
}

async function lastAnchored(db: CentralDb | CentralTx, deviceId: string): Promise<AnchorRow | undefined> {
  const [row] = await db
    .select()
    .from(auditAnchors)
    .where(and(eq(auditAnchors.deviceId, deviceId), eq(auditAnchors.verdict, 'anchored')))
    .orderBy(desc(auditAnchors.seq), desc(auditAnchors.id))
    .limit(1);
  return row;
}

/**
 * A counter's audit head at sync (shared/audit/audit-anchor.ts). Heads are only ever added: a new anchored head when
 * the chain grew, a 'rewritten' row when the proof failed (once per distinct proof, so a counter syncing every
 * half-minute does not fill the table). The last good anchor stays the reference, so a rewritten log is reported at
 * every sync until the province has dealt with it.
 */
export async function anchorAuditHead(db: CentralDb, device: Device, request: AnchorRequest, now = new Date()): Promise<AnchorResponse> {
  return db.transaction(async (tx) => {
    // One device's anchors are judged one at a time, also across gateway instances.
    await tx.select({ id: devices.id }).from(devices).where(eq(devices.id, device.id)).for('update');
    const last = await lastAnchored(tx, device.id);
    const verdict = judgeAnchor(last ?? null, request);
    if (verdict === 'proofNeeded') return { verdict, anchor: stored(last) };
    if (verdict === 'rewritten') {
      const [latest] = await tx
        .select()
        .from(auditAnchors)
        .where(eq(auditAnchors.deviceId, device.id))
        .orderBy(desc(auditAnchors.id))
        .limit(1);
      const repeated =
        latest?.verdict === 'rewritten' &&
        latest.seq === request.head.seq &&
        latest.hash === request.head.hash &&
        latest.proofHash === (request.proof?.hash ?? null);
      if (!repeated)
        await tx.insert(auditAnchors).values({
          deviceId: device.id,
          seq: request.head.seq,
          hash: request.head.hash,
          verdict,
          proofSeq: request.proof?.seq ?? null,
          proofHash: request.proof?.hash ?? null,
          at: now,
        });
      return { verdict, anchor: stored(last) };
    }
    if (last && last.seq === request.head.seq) return { verdict, anchor: stored(last) };
    const [row] = await tx
      .insert(auditAnchors)
      .values({
        deviceId: device.id,
        seq: request.head.seq,
        hash: request.head.hash,
        verdict,
        proofSeq: request.proof?.seq ?? null,
        proofHash: request.proof?.hash ?? null,
        at: now,
      })
      .returning();
    return { verdict, anchor: stored(row) };
  });
}

export interface AuditAnchorReport {
  deviceId: string;
  known: boolean;
  lastAnchor: StoredAnchor | null;
  anchoredCount: number;
  /** Every time the counter's log no longer held the last anchor, oldest first. */
  rewrites: { at: string; seq: number; hash: string; proofSeq: number | null; proofHash: string | null }[];
}

/** `quay-central audit verify --device`: what the province holds of one counter's audit chain. */
export async function auditAnchorReport(db: CentralDb, deviceId: string): Promise<AuditAnchorReport> {
  const [device] = await db.select({ id: devices.id }).from(devices).where(eq(devices.id, deviceId));
  const rows = await db.select().from(auditAnchors).where(eq(auditAnchors.deviceId, deviceId)).orderBy(asc(auditAnchors.id));
  const anchored = rows.filter((row) => row.verdict === 'anchored');
  return {
    deviceId,
    known: device !== undefined,
    lastAnchor: stored(await lastAnchored(db, deviceId)),
    anchoredCount: anchored.length,
    rewrites: rows
      .filter((row) => row.verdict === 'rewritten')
      .map((row) => ({ at: row.at.toISOString(), seq: row.seq, hash: row.hash, proofSeq: row.proofSeq, proofHash: row.proofHash })),
  };
}
