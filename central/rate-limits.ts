/**
 * Request budgets per key (a device id, a client address) as token buckets: `burst` requests at
 * once, refilled at `perMinute`. In memory, per instance: behind a load balancer each instance
 * grants its own share, which still bounds what one stolen credential or one address can do
 * (issue 17 finding 4). The clock is injected so tests never wait.
 */
export interface RateBudget {
  burst: number;
  perMinute: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly budget: RateBudget,
    private readonly now: () => number = Date.now,
    /** Keys kept at most; the fullest (least recently used) buckets are forgotten first. */
    private readonly maxKeys = 50_000,
  ) {}

  /** Takes one request from `key`'s budget; false when it is spent. */
  take(key: string): boolean {
    const now = this.now();
    const bucket = this.buckets.get(key) ?? { tokens: this.budget.burst, at: now };
    const refilled = Math.min(this.budget.burst, bucket.tokens + ((now - bucket.at) * this.budget.perMinute) / 60_000);
    this.buckets.delete(key);
    if (refilled < 1) {
      this.buckets.set(key, { tokens: refilled, at: now });
      return false;
    }
    this.buckets.set(key, { tokens: refilled - 1, at: now });
    if (this.buckets.size > this.maxKeys) this.buckets.delete(this.buckets.keys().next().value!);
    return true;
  }
}

/** Open connections per client address; a connection over the limit is closed before it says anything. */
export class ConnectionCounter {
  private readonly open = new Map<string, number>();

  constructor(private readonly limit: number) {}

  /** Counts a new connection; false (and not counted) when the address already has `limit`. */
  enter(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (count >= this.limit) return false;
    this.open.set(address, count + 1);
    return true;
  }

  leave(address: string): void {
    const count = (this.open.get(address) ?? 1) - 1;
    if (count <= 0) this.open.delete(address);
    else this.open.set(address, count);
  }
}
