import type { WorkingCalendar } from './working-time';

/**
 * The years from `from` to `due` (local `YYYY-MM-DD…` strings) for which the calendar holds no day off.
 * Every Vietnamese year has public holidays (docs/domain.md §8.1), so such a year was simply never
 * entered, and a due date counted through it may land in the middle of Tết. Ascending; empty when
 * every year has days off or there is no due date.
 */
export function calendarGaps(calendar: Pick<WorkingCalendar, 'holidays'>, from: string, due: string | null): number[] {
  if (due === null) return [];
  const first = Number(from.slice(0, 4));
  const last = Number(due.slice(0, 4));
  if (!Number.isInteger(first) || !Number.isInteger(last)) return [];
  const covered = new Set(calendar.holidays.map((date) => Number(date.slice(0, 4))));
  const gaps: number[] = [];
  for (let year = Math.min(first, last); year <= Math.max(first, last); year++) {
    if (!covered.has(year)) gaps.push(year);
  }
  return gaps;
}
