import type { OutboxSyncRepository, PendingCommand } from '../../../db/repositories/outbox-sync-repository';
import { z } from 'zod';
import { AppError, type AppErrorData } from '../../../shared/ipc/result';
import { parseStoredText } from '../../../shared/storage/stored-json';
import {
  MAX_COMMANDS_PER_BATCH,
  staffCommandKey,
  type CommandEnvelope,
  type CommandKind,
  type CommandResult,
} from '../../../shared/sync/protocol';
import type { Clock } from '../platform/clock';

export interface PushSummary {
  acknowledged: number;
  rejected: number;
  /** Left for a later pass because an earlier command of the same dossier was refused. */
  heldBack: number;
}

export interface SyncStatus {
  state: 'stopped' | 'idle' | 'syncing' | 'waiting';
  failures: number;
  lastError: AppErrorData | null;
  lastSuccessAt: string | null;
  nextAttemptAt: string | null;
}

export interface BackoffPolicy {
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 2_000, maxMs: 5 * 60_000 };

/**
 * Exponential backoff with "equal jitter": half the capped delay is fixed, half random, so
 * counters that lost the link together do not come back in lockstep, yet none retries instantly.
 */
export function backoffDelay(failures: number, policy: BackoffPolicy = DEFAULT_BACKOFF, random: () => number = Math.random): number {
  const capped = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.max(0, failures - 1));
  return Math.round(capped / 2 + random() * (capped / 2));
}

export interface SyncEngineDeps {
  outbox: OutboxSyncRepository;
  gateway: { push(commands: CommandEnvelope[]): Promise<CommandResult[]> };
  /** Uploads the files commands reference (CommandFiles); without it commands go as they are. */
  files?: { prepare(batch: PendingCommand[]): Promise<Map<string, string>> };
  clock: Clock;
  /** better-sqlite3's immediate transaction, as the services use. */
  transaction: <T>(work: () => T) => T;
  batchSize?: number;
  backoff?: BackoffPolicy;
  /** Pause between passes when the queue was drained or only held refused commands. */
  idleMs?: number;
  random?: () => number;
  log?: (message: string, error?: unknown) => void;
  /**
   * Work around the push in every pass: `before` runs first (file uploads, so commands never
   * reference a blob the gateway lacks), `after` last (pull, sequence leases). A step that throws
   * fails the pass like a failed push: backoff, and the error shown.
   */
  steps?: { before?: SyncStep[]; after?: SyncStep[] };
  /** Called whenever the status changes, for the `sync.progress` event. */
  onStatus?: (status: SyncStatus) => void;
}

export type SyncStep = () => Promise<unknown>;

/**
 * Pushes the outbox to the gateway (docs/architecture.md §8). A command is marked
 * acknowledged only after the gateway answered 'applied' or 'duplicate' for it; a refused command
 * stays queued with the reason and holds back only the later commands of its own dossier; a
 * request that fails as a whole (dropped link, timeout, garbage) acknowledges nothing of its batch,
 * and the gateway's dedupe by command id makes sending it again harmless.
 */
export class SyncEngine {
  private readonly batchSize: number;
  private readonly backoff: BackoffPolicy;
  private readonly idleMs: number;
  private readonly random: () => number;
  private readonly log: (message: string, error?: unknown) => void;
  private inFlight: Promise<PushSummary> | null = null;
  private cycleInFlight: Promise<PushSummary> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  /** Set by stop(): a pass in flight finishes its current step and starts no further network work. */
  private stopping = false;
  /** Work queued while a pass ran: the next pass starts at once instead of after the idle pause. */
  private nudgedDuringPass = false;
  private current: SyncStatus = { state: 'stopped', failures: 0, lastError: null, lastSuccessAt: null, nextAttemptAt: null };

  constructor(private readonly deps: SyncEngineDeps) {
    this.batchSize = Math.min(Math.max(deps.batchSize ?? MAX_COMMANDS_PER_BATCH, 1), MAX_COMMANDS_PER_BATCH);
    this.backoff = deps.backoff ?? DEFAULT_BACKOFF;
    this.idleMs = deps.idleMs ?? 30_000;
    this.random = deps.random ?? Math.random;
    this.log = deps.log ?? (() => undefined);
  }

  status(): SyncStatus {
    return { ...this.current };
  }

  /** One pass over the whole queue in batches. Concurrent callers share the pass in flight. */
  pushOnce(): Promise<PushSummary> {
    if (!this.inFlight) {
      this.inFlight = this.pass().finally(() => {
        this.inFlight = null;
      });
    }
    return this.inFlight;
  }

  /** A whole pass — steps before, push, steps after. Concurrent callers share the pass in flight. */
  syncOnce(): Promise<PushSummary> {
    if (!this.cycleInFlight) {
      this.cycleInFlight = this.cycle().finally(() => {
        this.cycleInFlight = null;
      });
    }
    return this.cycleInFlight;
  }

  /** Starts the background loop and returns at once; pushing never blocks the caller. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.stopping = false;
    this.setStatus({ ...this.current, state: 'idle' });
    this.schedule(0);
  }

  /**
   * Push soon, e.g. right after a dossier is accepted, instead of waiting out the idle pause. A pass
   * in flight may have read the queue before this work was in it, so it is followed by another.
   */
  nudge(): void {
    if (!this.running || this.current.failures > 0) return;
    if (this.current.state === 'syncing') this.nudgedDuringPass = true;
    else this.schedule(0);
  }

  /** Sync now, on the officer's request: also cuts a backoff wait short. */
  async runNow(): Promise<SyncStatus> {
    this.stopping = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    // A pass already in flight may have read the queue before the officer's latest work was in
    // it; sharing it would report "synced" with that work still pending. Wait it out, then pass.
    await this.cycleInFlight?.catch(() => undefined);
    await this.tick(true);
    return this.status();
  }

  /** Stops the loop; resolves once a pass in flight has settled, so the database can be closed. */
  async stop(): Promise<void> {
    this.running = false;
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.setStatus({ ...this.current, state: 'stopped', nextAttemptAt: null });
    await this.cycleInFlight?.catch(() => undefined);
    await this.inFlight?.catch(() => undefined);
  }

  private setStatus(next: SyncStatus): void {
    this.current = next;
    try {
      this.deps.onStatus?.({ ...next });
    } catch (error) {
      // A listener that fails (the database closing under a late pass) must not stop the loop.
      this.log('sync status listener failed', error);
    }
  }

  private async cycle(): Promise<PushSummary> {
    for (const step of this.deps.steps?.before ?? []) {
      if (this.stopping) return { acknowledged: 0, rejected: 0, heldBack: 0 };
      await step();
    }
    const summary = await this.pushOnce();
    for (const step of this.deps.steps?.after ?? []) {
      if (this.stopping) break;
      await step();
    }
    return summary;
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
    if (delayMs > 0)
      this.setStatus({
        ...this.current,
        state: 'waiting',
        nextAttemptAt: new Date(this.deps.clock.now().getTime() + delayMs).toISOString(),
      });
  }

  /** `manual`: asked for by the officer, so it runs even while the loop is stopped. */
  private async tick(manual = false): Promise<void> {
    this.timer = null;
    if (!this.running && !manual) return;
    this.setStatus({ ...this.current, state: 'syncing', nextAttemptAt: null });
    this.nudgedDuringPass = false;
    let delay: number;
    try {
      await this.syncOnce();
      if (this.stopping) {
        // Cut short by stop(): not a complete pass, so no success is recorded.
        this.setStatus({ ...this.current, state: 'stopped' });
        return;
      }
      this.setStatus({ ...this.current, failures: 0, lastError: null, lastSuccessAt: this.deps.clock.now().toISOString() });
      delay = this.nudgedDuringPass ? 0 : this.idleMs;
    } catch (error) {
      const failures = this.current.failures + 1;
      const lastError = error instanceof AppError ? error.toData() : { code: 'INTERNAL' as const, message: String(error) };
      if (!(error instanceof AppError)) this.log('sync pass failed', error);
      this.setStatus({ ...this.current, failures, lastError });
      delay = backoffDelay(failures, this.backoff, this.random);
    }
    if (!this.running) {
      this.setStatus({ ...this.current, state: 'stopped' });
      return;
    }
    this.setStatus({ ...this.current, state: 'idle' });
    this.schedule(delay);
  }

  /**
   * Batch after batch: while one batch's commands are applied, the next batch's files already
   * travel, so the link and the gateway are never idle waiting on each other. Files are harmless
   * to send early (content-addressed); a command is sent only after its own files arrived.
   */
  private async pass(): Promise<PushSummary> {
    const summary: PushSummary = { acknowledged: 0, rejected: 0, heldBack: 0 };
    const refusedDossiers = new Set<string>();
    let next = awaitedLater(this.withFiles(0, refusedDossiers, summary));
    for (;;) {
      const prepared = await next;
      if (!prepared || this.stopping) return summary;
      next = awaitedLater(this.withFiles(prepared.cursor, refusedDossiers, summary));
      try {
        await this.pushBatch(this.stillSendable(prepared.rows, refusedDossiers, summary), refusedDossiers, summary);
      } catch (error) {
        // The pass fails as a whole; the uploads already under way finish (or fail) first.
        await next.catch(() => undefined);
        throw error;
      }
    }
  }

  /**
   * The batch after `cursor`, its files uploaded; null once the queue is through. A command whose
   * file cannot leave this machine stays pending with the reason, and the later commands of its
   * dossier wait behind it.
   */
  private async withFiles(
    cursor: number,
    refusedDossiers: Set<string>,
    summary: PushSummary,
  ): Promise<{ cursor: number; rows: PendingCommand[] } | null> {
    const rows = this.deps.outbox.pendingAfter(cursor, this.batchSize);
    if (rows.length === 0) return null;
    const batch: PendingCommand[] = [];
    for (const row of rows) {
      if (refusedDossiers.has(orderKey(row))) summary.heldBack += 1;
      else batch.push(row);
    }
    const unsendable = this.deps.files && batch.length > 0 ? await this.deps.files.prepare(batch) : new Map<string, string>();
    for (const row of batch) {
      const reason = unsendable.get(row.id);
      if (!reason) continue;
      this.deps.outbox.recordFailure(row.id, reason);
      refusedDossiers.add(orderKey(row));
      summary.rejected += 1;
    }
    return { cursor: rows.at(-1)!.seq, rows: batch.filter((row) => !unsendable.has(row.id)) };
  }

  /** A dossier refused since (a file here, or a command in the batch before) holds its later commands back. */
  private stillSendable(rows: PendingCommand[], refusedDossiers: Set<string>, summary: PushSummary): PendingCommand[] {
    const sendable: PendingCommand[] = [];
    for (const row of rows) {
      if (refusedDossiers.has(orderKey(row))) summary.heldBack += 1;
      else sendable.push(row);
    }
    return sendable;
  }

  /** Pushes one batch and records every answer in one local transaction. */
  private async pushBatch(sendable: PendingCommand[], refusedDossiers: Set<string>, summary: PushSummary): Promise<void> {
    if (sendable.length === 0) return;
    const results = await this.deps.gateway.push(sendable.map(envelope));
    const at = this.deps.clock.now().toISOString();
    this.deps.transaction(() => {
      const done: string[] = [];
      results.forEach((result, i) => {
        const row = sendable[i]!;
        if (result.status === 'rejected') {
          this.deps.outbox.recordFailure(row.id, result.reason ?? 'REJECTED');
          refusedDossiers.add(orderKey(row));
          summary.rejected += 1;
        } else {
          done.push(row.id);
        }
      });
      this.deps.outbox.acknowledge(done, at);
      summary.acknowledged += done.length;
    });
  }
}

/**
 * Marks a promise as handled until it is awaited: an upload that fails while the batch before it is
 * still being pushed must fail the pass when awaited, not crash the process as an unhandled rejection.
 */
function awaitedLater<T>(promise: Promise<T>): Promise<T> {
  promise.catch(() => undefined);
  return promise;
}

/** The part of an account command's payload its ordering key comes from. */
const accountPayloadSchema = z.object({ username: z.string() });

/** What the gateway orders a command by: its dossier's code, or the account's key for a lock or unlock. */
function subjectKey(row: PendingCommand): string | null {
  if (row.dossierCode) return row.dossierCode;
  if (!row.kind.startsWith('account.')) return null;
  const account = accountPayloadSchema.safeParse(parseStoredText(row.payload, 'outbox.payload', row.id));
  return account.success ? staffCommandKey(account.data.username) : null;
}

function orderKey(row: PendingCommand): string {
  return subjectKey(row) ?? `command:${row.id}`;
}

function envelope(row: PendingCommand): CommandEnvelope {
  return {
    id: row.id,
    kind: row.kind as CommandKind,
    dossierCode: subjectKey(row) ?? '',
    payload: parseStoredText(row.payload, 'outbox.payload', row.id),
  };
}
