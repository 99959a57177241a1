import type { OutboxSyncRepository, PendingCommand } from '../../../db/repositories/outbox-sync-repository';
import { AppError, type AppErrorData } from '../../../shared/ipc/result';
import { MAX_COMMANDS_PER_BATCH, type CommandEnvelope, type CommandKind, type CommandResult } from '../../../shared/sync/protocol';
import type { Clock } from '../ports/clock';

export interface PushSummary {
  acknowledged: number;
  rejected: number;
  /** Left for a later pass because an earlier command of the same dossier was refused. */
  heldBack: number;
}

export interface SyncStatus {
  state: 'stopped' | 'idle' | 'pushing' | 'waiting';
  failures: number;
  lastError: AppErrorData | null;
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
  clock: Clock;
  /** better-sqlite3's immediate transaction, as the services use. */
  transaction: <T>(work: () => T) => T;
  batchSize?: number;
  backoff?: BackoffPolicy;
  /** Pause between passes when the queue was drained or only held refused commands. */
  idleMs?: number;
  random?: () => number;
  log?: (message: string, error?: unknown) => void;
}

/**
 * Pushes the outbox to the gateway (DESIGN §8, anchors §10 rules 3–5). A command is marked
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
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private current: SyncStatus = { state: 'stopped', failures: 0, lastError: null, nextAttemptAt: null };

  constructor(private readonly deps: SyncEngineDeps) {
    this.batchSize = Math.min(Math.max(deps.batchSize ?? 25, 1), MAX_COMMANDS_PER_BATCH);
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

  /** Starts the background loop and returns at once; pushing never blocks the caller. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.current = { ...this.current, state: 'idle' };
    this.schedule(0);
  }

  /** Push soon, e.g. right after a dossier is accepted, instead of waiting out the idle pause. */
  nudge(): void {
    if (this.running && this.current.failures === 0) this.schedule(0);
  }

  /** Stops the loop; resolves once a pass in flight has settled, so the database can be closed. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.current = { ...this.current, state: 'stopped', nextAttemptAt: null };
    await this.inFlight?.catch(() => undefined);
  }

  private schedule(delayMs: number): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.tick(), delayMs);
    this.timer.unref();
    if (delayMs > 0) this.current = { ...this.current, state: 'waiting', nextAttemptAt: new Date(this.deps.clock.now().getTime() + delayMs).toISOString() };
  }

  private async tick(): Promise<void> {
    this.timer = null;
    if (!this.running) return;
    this.current = { ...this.current, state: 'pushing', nextAttemptAt: null };
    let delay: number;
    try {
      await this.pushOnce();
      this.current = { ...this.current, failures: 0, lastError: null };
      delay = this.idleMs;
    } catch (error) {
      const failures = this.current.failures + 1;
      const lastError = error instanceof AppError ? error.toData() : { code: 'INTERNAL' as const, message: String(error) };
      if (!(error instanceof AppError)) this.log('sync pass failed', error);
      this.current = { ...this.current, failures, lastError };
      delay = backoffDelay(failures, this.backoff, this.random);
    }
    if (!this.running) return;
    this.current = { ...this.current, state: 'idle' };
    this.schedule(delay);
  }

  private async pass(): Promise<PushSummary> {
    const summary: PushSummary = { acknowledged: 0, rejected: 0, heldBack: 0 };
    const refusedDossiers = new Set<string>();
    let cursor = 0;
    for (;;) {
      const rows = this.deps.outbox.pendingAfter(cursor, this.batchSize);
      if (rows.length === 0) return summary;
      cursor = rows.at(-1)!.seq;
      const batch: PendingCommand[] = [];
      for (const row of rows) {
        if (refusedDossiers.has(orderKey(row))) summary.heldBack += 1;
        else batch.push(row);
      }
      if (batch.length === 0) continue;
      const results = await this.deps.gateway.push(batch.map(envelope));
      const at = this.deps.clock.now().toISOString();
      this.deps.transaction(() => {
        const done: string[] = [];
        results.forEach((result, i) => {
          const row = batch[i]!;
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
}

function orderKey(row: PendingCommand): string {
  return row.dossierCode ?? `command:${row.id}`;
}

function envelope(row: PendingCommand): CommandEnvelope {
  return { id: row.id, kind: row.kind as CommandKind, dossierCode: row.dossierCode ?? '', payload: JSON.parse(row.payload) as unknown };
}
