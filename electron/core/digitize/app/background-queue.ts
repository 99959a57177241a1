/**
 * Runs jobs in the background, a few at a time, in the order given. OCR goes through here so it
 * never holds up capture or cleanup; a failing job is logged and the next one runs.
 */
export class BackgroundQueue {
  private readonly waiting: Array<() => Promise<void>> = [];
  private running = 0;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly concurrency: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  get pending(): number {
    return this.waiting.length + this.running;
  }

  push(job: () => Promise<void>): void {
    this.waiting.push(job);
    this.pump();
  }

  /** Resolves once every queued job has finished (tests and shutdown). */
  idle(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency && this.waiting.length > 0) {
      const job = this.waiting.shift()!;
      this.running++;
      void job()
        .catch(this.onError)
        .finally(() => {
          this.running--;
          this.pump();
          if (this.pending === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const resolve of waiters) resolve();
          }
        });
    }
  }
}
