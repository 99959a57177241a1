import type { CentralDb } from './db/open';
import type { RetryPolicy } from './portal/retry-policy';

/** What every leased outbox sender takes besides its channels (notices, online decisions). */
export interface OutboxSenderOptions {
  db: CentralDb;
  now?: () => Date;
  retry?: RetryPolicy;
  batchSize?: number;
  leaseMs?: number;
  /** Lines without personal data: ids, channel or target, outcome; never a phone, address or name. */
  log?: (message: string) => void;
}

/** One pass of a leased outbox sender: rows claimed, and what became of them. */
export interface OutboxPass {
  claimed: number;
  sent: number;
  skipped: number;
  retried: number;
  dead: number;
}

export interface BackgroundLoop {
  /** Stops scheduling and waits for a pass in flight, so the database can close after it. */
  stop(): Promise<void>;
}

/**
 * The serving gateway's outbox loops (DVCQG forwarding, notices, online decisions, portal intake):
 * a pass now, again at once while the pass found work, otherwise after `idleMs`. A pass that throws
 * is logged and tried again after `idleMs`; several gateway instances may run the same loop on one
 * database, since each pass claims its rows under a lease.
 */
export function startBackgroundLoop(options: {
  name: string;
  /** One pass; true when it found work, so the next pass starts at once. */
  pass: () => Promise<boolean>;
  idleMs: number;
  log: (message: string) => void;
}): BackgroundLoop {
  let stopped = false;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  const schedule = (ms: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = runPass();
    }, ms);
    timer.unref();
  };
  const runPass = async () => {
    let busy = false;
    try {
      busy = await options.pass();
    } catch (error) {
      options.log(`${options.name} pass failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    schedule(busy ? 0 : options.idleMs);
  };
  schedule(0);
  return {
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      await running;
    },
  };
}
