import { toDongBoHoSoMC, type CapNhatTienDoHoSoMC, type DongBoHoSoMC } from '../../shared/sync/dvcqg-mapping';
import type { CentralDb } from '../db/open';
import { loadDvcqgSource, type DvcqgSource } from '../dvcqg';
import type { DvcqgClient, PortalAnswer } from './dvcqg-client';
import { claimDue, markAlone, markDead, markRetry, markSent, markSkipped, type OutboxRow } from './dvcqg-outbox';
import { progressEntriesFor } from './progress-entries';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { startBackgroundLoop, type BackgroundLoop } from '../background-loop';

export interface ForwarderOptions {
  db: CentralDb;
  client: DvcqgClient;
  fileBaseUrl: string;
  now?: () => Date;
  retry?: RetryPolicy;
  /** Rows claimed per pass; each dossier contributes at most one, its oldest owed. */
  batchSize?: number;
  /** How long a claim holds; longer than a call to the portal may take. */
  leaseMs?: number;
  /** Messages without personal data: counts, dossier codes, the portal's error code and text. */
  log?: (message: string) => void;
}

export interface PassResult {
  sent: number;
  skipped: number;
  retried: number;
  dead: number;
  claimed: number;
}

/** T's practice: progress goes ten entries at a time (docs/domain.md §2.9); dossiers likewise. */
const MAX_ENTRIES_PER_CALL = 10;
const MAX_DOSSIERS_PER_CALL = 10;

interface Prepared {
  row: OutboxRow;
  dossier?: DongBoHoSoMC;
  entries?: CapNhatTienDoHoSoMC[];
}

/**
 * One pass of the DVCQG outbox (docs/architecture.md §8): claim what is due, build each payload
 * from the dossier as it is now, send dossiers then progress in batches, and record the outcome.
 * A pass never throws for the portal's sake; a database error propagates to the loop, which logs it
 * and tries again, leaving claimed rows to expire.
 */
export async function forwardOnce(options: ForwarderOptions): Promise<PassResult> {
  const now = options.now ?? (() => new Date());
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const log = options.log ?? (() => undefined);
  const result: PassResult = { sent: 0, skipped: 0, retried: 0, dead: 0, claimed: 0 };
  const claimed = await claimDue(options.db, now(), options.batchSize ?? 200, options.leaseMs ?? 5 * 60_000);
  result.claimed = claimed.length;
  if (claimed.length === 0) return result;

  const sources = new Map<string, DvcqgSource>();
  const prepared: Prepared[] = [];
  const nothing: number[] = [];
  for (const row of claimed) {
    let source = sources.get(row.dossierCode);
    if (!source) {
      source = await loadDvcqgSource(options.db, row.dossierCode, options.fileBaseUrl);
      sources.set(row.dossierCode, source);
    }
    if (row.operation === 'DongBoHoSoMC') {
      prepared.push({ row, dossier: toDongBoHoSoMC(source.view, source.events, source.files, source.context) });
      continue;
    }
    const entries = progressEntriesFor(source, row.eventId);
    if (!entries || entries.length === 0) nothing.push(row.id);
    else prepared.push({ row, entries });
  }
  await markSkipped(options.db, nothing, 'no progress entry for this event kind');
  result.skipped += nothing.length;

  const record = async (batch: Prepared[], answer: PortalAnswer, service: string) => {
    const rows = batch.map((p) => p.row);
    if (answer.ok) {
      await markSent(
        options.db,
        rows.map((r) => r.id),
        now(),
      );
      result.sent += rows.length;
      return;
    }
    if (answer.retryable) {
      await markRetry(options.db, rows, answer.error, now(), retry);
      result.retried += rows.length;
      log(`dvcqg ${service}: ${rows.length} row(s) to retry: ${answer.error}`);
      return;
    }
    if (rows.length > 1) {
      await markAlone(
        options.db,
        rows.map((r) => r.id),
        answer.error,
      );
      result.retried += rows.length;
      return;
    }
    await markDead(options.db, rows[0]!, answer.error);
    result.dead += 1;
    log(`dvcqg ${service} refused for ${rows[0]!.dossierCode}: ${answer.error}`);
  };

  const dossierBatches = batches(
    prepared.filter((p) => p.dossier),
    () => 1,
    MAX_DOSSIERS_PER_CALL,
  );
  for (const batch of dossierBatches) {
    const updating = batch[0]!.row.generation > 0;
    const data = batch.map((p) => p.dossier!);
    let answer = await options.client.call('DongBoHoSoMC', { isUpdating: updating ? 'True' : 'False', data });
    // Already there (a reply lost before, or filed by another system): the same record as an update.
    if (!answer.ok && !answer.retryable && answer.exists && batch.length === 1)
      answer = await options.client.call('DongBoHoSoMC', { isUpdating: 'True', data });
    else if (!answer.ok && !answer.retryable && updating && batch.length === 1 && /chưa tồn tại/i.test(answer.error))
      answer = await options.client.call('DongBoHoSoMC', { isUpdating: 'False', data });
    await record(batch, answer, 'DongBoHoSoMC');
  }
  for (const batch of batches(
    prepared.filter((p) => p.entries),
    (p) => p.entries!.length,
    MAX_ENTRIES_PER_CALL,
  )) {
    const answer = await options.client.call('CapNhatTienDoHoSoMC', { data: batch.flatMap((p) => p.entries!) });
    await record(batch, answer, 'CapNhatTienDoHoSoMC');
  }
  return result;
}

/**
 * Groups rows into calls of at most `limit` items (a row of more items than the limit travels
 * alone); a row marked `alone` always travels alone, and a dossier update never shares a call with a creation.
 */
function batches(items: Prepared[], size: (p: Prepared) => number, limit: number): Prepared[][] {
  const out: Prepared[][] = [];
  let current: Prepared[] = [];
  let used = 0;
  const flush = () => {
    if (current.length > 0) out.push(current);
    current = [];
    used = 0;
  };
  for (const item of items) {
    const n = size(item);
    if (item.row.alone) {
      flush();
      out.push([item]);
      continue;
    }
    const mixed = current.length > 0 && current[0]!.row.generation > 0 !== item.row.generation > 0;
    if (used + n > limit || mixed) flush();
    current.push(item);
    used += n;
  }
  flush();
  return out;
}

export type RunningForwarder = BackgroundLoop;

/**
 * The serving gateway's loop: a pass, again at once while there was work, otherwise after
 * `idleMs`. Several instances may run it on one database: claims keep them apart.
 */
export function startDvcqgForwarder(options: ForwarderOptions & { idleMs?: number }): RunningForwarder {
  return startBackgroundLoop({
    name: 'dvcqg forwarding',
    pass: async () => (await forwardOnce(options)).claimed > 0,
    idleMs: options.idleMs ?? 2_000,
    log: options.log ?? (() => undefined),
  });
}
