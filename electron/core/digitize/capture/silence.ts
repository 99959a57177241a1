/**
 * Calls `onSilence` once when `reset` has not been called for `ms`: a scan process that prints
 * nothing for that long is taken as hung (a backend or WIA driver stuck in a transfer).
 */
export class Silence {
  private timer: NodeJS.Timeout;

  constructor(
    private readonly ms: number,
    private readonly onSilence: () => void,
  ) {
    this.timer = setTimeout(onSilence, ms);
  }

  reset(): void {
    clearTimeout(this.timer);
    this.timer = setTimeout(this.onSilence, this.ms);
  }

  stop(): void {
    clearTimeout(this.timer);
  }
}
