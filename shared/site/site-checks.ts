/**
 * Small rules of the counter's set-up screens (issue 13 point 11).
 */

/** A hotline as printed on forms: digits with the usual separators, optionally +84, 8 to 20 characters. */
export const HOTLINE_PATTERN = /^[+(]?\d[\d\s.\-()]{6,18}\d$/;

export function isHotline(value: string): boolean {
  return HOTLINE_PATTERN.test(value.trim());
}

/** What today's numbers come to: none declared at all differs from a block used up. */
export type SequenceDayState = 'none' | 'exhausted' | 'low' | 'available';

export function sequenceDayState(today: { total: number; remaining: number; low: boolean }): SequenceDayState {
  if (today.total === 0) return 'none';
  if (today.remaining === 0) return 'exhausted';
  return today.low ? 'low' : 'available';
}
