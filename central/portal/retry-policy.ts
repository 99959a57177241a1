/**
 * When a failed delivery is tried again: doubling from `firstMs` up to `maxMs`, forever. An outage of
 * the portal or the SMS provider only delays what is owed; nothing is dropped for being late. Shared
 * by the portal outbox and the notification outbox.
 */
export interface RetryPolicy {
  firstMs: number;
  maxMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = { firstMs: 5_000, maxMs: 10 * 60_000 };

/** The wait after the n-th failed attempt (n ≥ 1). */
export function retryDelayMs(attempts: number, policy: RetryPolicy): number {
  const exponent = Math.min(Math.max(attempts - 1, 0), 30);
  return Math.min(policy.firstMs * 2 ** exponent, policy.maxMs);
}
