export interface Totals {
  passed: number;
  failed: number;
  skipped: number;
  /** One line per failure the runners did not count themselves (broken set-up, unexplained skip). */
  problems: string[];
}

export const SKIP_REASON_META: 'skipReason';
export function emptyTotals(): Totals;
export function addTotals(into: Totals, more: Totals): Totals;
export function loadSkipReasons(file: string): Set<string>;
export function countVitest(report: unknown, allowedReasons: Set<string>): Totals;
export function countPlaywright(report: unknown, allowedReasons: Set<string>): Totals;
export function closingLine(totals: Totals): string;
