import { civilFromDayNumber, dayNumber, daysInMonth, formatIsoDate, parseIsoDate } from '../domain/local-date';
import { AppError } from '../ipc/result';

/**
 * A report's period in Vietnam local dates, both ends included (docs/domain.md §10). The text forms are
 * what the supervisor's screen and `quay-central report --period` take: `2026-10` (a month), `2026-Q4`
 * (a quarter), `2026` (a year), `2026-10-01..2026-10-15` (a range of dates).
 */
export interface ReportPeriod {
  kind: 'month' | 'quarter' | 'year' | 'range';
  /** The text the period was given as, normalised. */
  key: string;
  fromDate: string;
  toDate: string;
}

/** Longer than any period an office reports on; keeps a typo such as 2026..2206 from loading decades. */
const MAX_RANGE_DAYS = 3 * 366;

function invalid(text: string): AppError {
  return new AppError('REPORT_PERIOD_INVALID', { period: text.slice(0, 40) });
}

function monthPeriod(year: number, month: number, key: string, kind: 'month'): ReportPeriod {
  return {
    kind,
    key,
    fromDate: formatIsoDate({ year, month, day: 1 }),
    toDate: formatIsoDate({ year, month, day: daysInMonth(year, month) }),
  };
}

export function parseReportPeriod(input: string): ReportPeriod {
  const text = input.trim().toUpperCase();
  let match = /^(\d{4})-(\d{2})$/.exec(text);
  if (match) {
    const [year, month] = [Number(match[1]), Number(match[2])];
    if (month < 1 || month > 12) throw invalid(input);
    return monthPeriod(year, month, text, 'month');
  }
  match = /^(\d{4})-Q([1-4])$/.exec(text);
  if (match) {
    const [year, quarter] = [Number(match[1]), Number(match[2])];
    const firstMonth = (quarter - 1) * 3 + 1;
    return {
      kind: 'quarter',
      key: text,
      fromDate: formatIsoDate({ year, month: firstMonth, day: 1 }),
      toDate: formatIsoDate({ year, month: firstMonth + 2, day: daysInMonth(year, firstMonth + 2) }),
    };
  }
  match = /^(\d{4})$/.exec(text);
  if (match) return { kind: 'year', key: text, fromDate: `${text}-01-01`, toDate: `${text}-12-31` };
  match = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (match) {
    const from = parseIsoDate(match[1]!);
    const to = parseIsoDate(match[2]!);
    if (!from || !to) throw invalid(input);
    const days = dayNumber(to) - dayNumber(from);
    if (days < 0 || days > MAX_RANGE_DAYS) throw invalid(input);
    return { kind: 'range', key: text, fromDate: match[1]!, toDate: match[2]! };
  }
  throw invalid(input);
}

/** The local date after `date`: a period ends at the first moment of the day after its last day. */
export function dayAfter(date: string): string {
  const parsed = parseIsoDate(date);
  if (!parsed) throw invalid(date);
  return formatIsoDate(civilFromDayNumber(dayNumber(parsed) + 1));
}
