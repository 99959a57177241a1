/**
 * Which OCR runs first. `high`: a page the officer has open and wants field suggestions for;
 * `normal`: pages just captured; `low`: back-digitizing archives from the CLI or a re-run.
 */
export type OcrPriority = 'high' | 'normal' | 'low';

const ORDER: readonly OcrPriority[] = ['high', 'normal', 'low'];

/** First in, first out within a priority; a higher priority always goes first. */
export class PriorityQueue<T> {
  private readonly lanes = new Map<OcrPriority, T[]>(ORDER.map((priority) => [priority, []]));

  get size(): number {
    let total = 0;
    for (const lane of this.lanes.values()) total += lane.length;
    return total;
  }

  push(item: T, priority: OcrPriority): void {
    this.lanes.get(priority)!.push(item);
  }

  shift(): T | undefined {
    for (const priority of ORDER) {
      const lane = this.lanes.get(priority)!;
      if (lane.length > 0) return lane.shift();
    }
    return undefined;
  }

  /** Takes out and returns every queued item matching `predicate`. */
  removeWhere(predicate: (item: T) => boolean): T[] {
    const removed: T[] = [];
    for (const [priority, lane] of this.lanes) {
      const kept = lane.filter((item) => !predicate(item));
      removed.push(...lane.filter(predicate));
      this.lanes.set(priority, kept);
    }
    return removed;
  }
}
