import { errorMessage, type ErrorCode } from '../i18n/vi';
import { AppError } from '../ipc/result';
import { civilFromDayNumber, dayNumber, formatClockTime, formatIsoDate, parseClockTime, parseIsoDate, weekdayOf } from './local-date';

/**
 * The appointment date (ngày hẹn trả), docs/domain.md §8. Everything is wall-clock arithmetic on local
 * `YYYY-MM-DDTHH:mm` strings: the counter's calendar is local by law, and no JS Date (with the
 * machine's time zone) is ever involved.
 */

/** 0 = Sunday … 6 = Saturday. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface WorkingSession {
  /** `HH:mm`, inclusive. */
  start: string;
  /** `HH:mm`, exclusive; a due time may land exactly on it. */
  end: string;
}

export interface WorkingCalendar {
  sessions: Record<Weekday, WorkingSession[]>;
  /** Days off (`YYYY-MM-DD`) even on a weekday: public holidays and the compensatory days actually taken. */
  holidays: string[];
  /** Swapped working days (`YYYY-MM-DD`), usually Saturdays; they use Monday's sessions (OpenCPS, docs/domain.md §8.3). */
  workingDays: string[];
}

export type DurationUnit = 'workingDays' | 'workingHours' | 'calendarDays' | 'sameDay' | 'none';

export interface ProcessingDuration {
  unit: DurationUnit;
  /** 0 for 'sameDay'. */
  value: number;
  /** 'sameDay' only: `HH:mm` after which counting that starts later is due the next working day. */
  cutoff?: string;
}

/** The cut-off of a same-day procedure that sets none (docs/domain.md §8.4). */
export const DEFAULT_SAME_DAY_CUTOFF = '15:00';

export type CalendarProblemCode = Extract<
  ErrorCode,
  | 'CALENDAR_TIME_MALFORMED'
  | 'CALENDAR_SESSION_EMPTY'
  | 'CALENDAR_SESSION_OVERLAP'
  | 'CALENDAR_DATE_MALFORMED'
  | 'CALENDAR_DATE_CONFLICT'
  | 'CALENDAR_NO_SESSIONS'
  | 'CALENDAR_SWAP_WITHOUT_MONDAY'
>;

export interface CalendarProblem {
  code: CalendarProblemCode;
  message: string;
  /** The weekday whose sessions are wrong, so the settings screen can point at the row. */
  weekday?: Weekday;
  /** The holiday or working-day entry that is wrong. */
  date?: string;
}

/** Both witness systems count a working day as 8 working hours (docs/domain.md §8.4). */
export const MINUTES_PER_WORKING_DAY = 8 * 60;

/** Far beyond any procedure's limit; it keeps a mistyped value from walking the calendar for ages. */
export const MAX_DURATION_VALUE = 10_000;

/** A calendar with no working time for this long cannot produce a due date. */
const MAX_DAYS_WITHOUT_WORK = 400;

const WEEKDAYS: readonly Weekday[] = [0, 1, 2, 3, 4, 5, 6];

/** The common schedule of docs/domain.md §8.3: 07:30–11:30 and 13:00–17:00, Monday to Friday. */
export function defaultCalendar(holidays: string[] = []): WorkingCalendar {
  const weekday = (): WorkingSession[] => [
    { start: '07:30', end: '11:30' },
    { start: '13:00', end: '17:00' },
  ];
  return {
    sessions: { 0: [], 1: weekday(), 2: weekday(), 3: weekday(), 4: weekday(), 5: weekday(), 6: [] },
    holidays: [...holidays],
    workingDays: [],
  };
}

function problem(code: CalendarProblemCode, params: Record<string, string>, where: { weekday?: Weekday; date?: string }): CalendarProblem {
  return { code, message: errorMessage(code, params), ...where };
}

interface Interval {
  start: number;
  end: number;
}

/** Every problem in the calendar, in a stable order; an empty list means it is usable. */
export function validateCalendar(calendar: WorkingCalendar): CalendarProblem[] {
  const problems: CalendarProblem[] = [];
  const validByWeekday = new Map<Weekday, Interval[]>();

  for (const weekday of WEEKDAYS) {
    const valid: Interval[] = [];
    for (const session of calendar.sessions?.[weekday] ?? []) {
      const start = parseClockTime(String(session?.start));
      const end = parseClockTime(String(session?.end));
      if (start === null) problems.push(problem('CALENDAR_TIME_MALFORMED', { value: String(session?.start) }, { weekday }));
      if (end === null) problems.push(problem('CALENDAR_TIME_MALFORMED', { value: String(session?.end) }, { weekday }));
      if (start === null || end === null) continue;
      if (end <= start) {
        problems.push(problem('CALENDAR_SESSION_EMPTY', { start: session.start, end: session.end }, { weekday }));
        continue;
      }
      valid.push({ start, end });
    }
    valid.sort((a, b) => a.start - b.start);
    for (let i = 1; i < valid.length; i++) {
      const previous = valid[i - 1]!;
      const current = valid[i]!;
      if (current.start < previous.end) {
        problems.push(
          problem(
            'CALENDAR_SESSION_OVERLAP',
            {
              start: formatClockTime(current.start),
              end: formatClockTime(current.end),
              otherStart: formatClockTime(previous.start),
              otherEnd: formatClockTime(previous.end),
            },
            { weekday },
          ),
        );
      }
    }
    validByWeekday.set(weekday, valid);
  }

  const holidays = calendar.holidays ?? [];
  const workingDays = calendar.workingDays ?? [];
  for (const date of [...holidays, ...workingDays]) {
    if (typeof date !== 'string' || !parseIsoDate(date)) {
      problems.push(problem('CALENDAR_DATE_MALFORMED', { value: String(date) }, { date: String(date) }));
    }
  }
  const holidaySet = new Set(holidays);
  for (const date of new Set(workingDays)) {
    if (holidaySet.has(date) && parseIsoDate(date)) problems.push(problem('CALENDAR_DATE_CONFLICT', { date }, { date }));
  }

  if (WEEKDAYS.every((weekday) => validByWeekday.get(weekday)!.length === 0)) {
    problems.push(problem('CALENDAR_NO_SESSIONS', {}, {}));
  } else if (workingDays.length > 0 && validByWeekday.get(1)!.length === 0) {
    problems.push(problem('CALENDAR_SWAP_WITHOUT_MONDAY', {}, { weekday: 1 }));
  }
  return problems;
}

/** A validated calendar in minutes, with O(1) day look-ups. */
class PreparedCalendar {
  private readonly byWeekday: Record<Weekday, Interval[]>;
  private readonly holidays: Set<string>;
  private readonly workingDays: Set<string>;

  constructor(calendar: WorkingCalendar) {
    const toIntervals = (sessions: WorkingSession[]): Interval[] =>
      sessions.map((s) => ({ start: parseClockTime(s.start)!, end: parseClockTime(s.end)! })).sort((a, b) => a.start - b.start);
    this.byWeekday = {
      0: toIntervals(calendar.sessions[0]),
      1: toIntervals(calendar.sessions[1]),
      2: toIntervals(calendar.sessions[2]),
      3: toIntervals(calendar.sessions[3]),
      4: toIntervals(calendar.sessions[4]),
      5: toIntervals(calendar.sessions[5]),
      6: toIntervals(calendar.sessions[6]),
    };
    this.holidays = new Set(calendar.holidays);
    this.workingDays = new Set(calendar.workingDays);
  }

  /**
   * The sessions of one day. A date listed both ways is reported by validateCalendar; should it get
   * here anyway, the day off wins.
   */
  sessionsOn(day: number): Interval[] {
    const iso = formatIsoDate(civilFromDayNumber(day));
    if (this.holidays.has(iso)) return [];
    if (this.workingDays.has(iso)) return this.byWeekday[1];
    return this.byWeekday[weekdayOf(day)];
  }

  /** The first working day on or after `day`. */
  workingDayFrom(day: number): number {
    for (let candidate = day; candidate < day + MAX_DAYS_WITHOUT_WORK; candidate++) {
      if (this.sessionsOn(candidate).length > 0) return candidate;
    }
    throw new AppError('WORKING_TIME_NO_WORKING_DAY', { days: MAX_DAYS_WITHOUT_WORK });
  }
}

interface LocalMoment {
  day: number;
  minute: number;
}

function parseReceivedAt(receivedAt: string): LocalMoment {
  const match = typeof receivedAt === 'string' ? /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})$/.exec(receivedAt) : null;
  const date = match ? parseIsoDate(match[1]!) : null;
  const minute = match ? parseClockTime(match[2]!) : null;
  if (!date || minute === null) throw new AppError('WORKING_TIME_RECEIVED_AT_INVALID', { value: String(receivedAt) });
  return { day: dayNumber(date), minute };
}

function formatMoment({ day, minute }: LocalMoment): string {
  return `${formatIsoDate(civilFromDayNumber(day))}T${formatClockTime(minute)}`;
}

/**
 * Where counting starts (docs/domain.md §8.4): inside a session, the reception time itself; before opening
 * or at lunch, the next session's start; after closing or on a day off, the next working day's first
 * session. A reception exactly at a session's end has no time left in it, so it starts at the next one.
 */
function startOfCounting(calendar: PreparedCalendar, received: LocalMoment): LocalMoment {
  const next = calendar.sessionsOn(received.day).find((s) => s.end > received.minute);
  if (next) return { day: received.day, minute: Math.max(next.start, received.minute) };
  const day = calendar.workingDayFrom(received.day + 1);
  return { day, minute: calendar.sessionsOn(day)[0]!.start };
}

/** Walks the sessions; a due time that exhausts a session exactly stays at its end. */
function addWorkingMinutes(calendar: PreparedCalendar, received: LocalMoment, minutes: number): LocalMoment {
  let remaining = minutes;
  let { day, minute } = received;
  for (;;) {
    for (const session of calendar.sessionsOn(day)) {
      if (session.end <= minute) continue;
      const from = Math.max(session.start, minute);
      const available = session.end - from;
      if (remaining <= available) return { day, minute: from + remaining };
      remaining -= available;
    }
    day = calendar.workingDayFrom(day + 1);
    minute = 0;
  }
}

/**
 * Calendar days ("Ngày", docs/domain.md §8.4): counted from where counting starts, holidays included, and a
 * result on a day off is pushed to the next working day. §8 does not say what time the pushed result
 * gets; like T, the clock time of the start of counting is kept, so every due time reads "N days after
 * reception" and a longer limit never gives an earlier date. Should that time fall outside the due
 * day's own sessions (weekdays with different hours), it is brought into them on that same day, because
 * the date is what the slip promises the citizen.
 */
function addCalendarDays(calendar: PreparedCalendar, received: LocalMoment, days: number): LocalMoment {
  const start = startOfCounting(calendar, received);
  const day = calendar.workingDayFrom(start.day + days);
  const sessions = calendar.sessionsOn(day);
  const inside = sessions.find((s) => s.end >= start.minute);
  if (!inside) return { day, minute: sessions[sessions.length - 1]!.end };
  return { day, minute: Math.max(inside.start, start.minute) };
}

/**
 * "Trong ngày" (docs/domain.md §8.4): due when the working day on which counting starts closes, or when
 * the next working day closes if counting starts after the cut-off. It is not 4 or 8 working hours: a
 * certification received at 10:00 is due by closing time, not at 14:30.
 */
function addSameDay(calendar: PreparedCalendar, received: LocalMoment, cutoff: number): LocalMoment {
  const start = startOfCounting(calendar, received);
  const day = start.minute > cutoff ? calendar.workingDayFrom(start.day + 1) : start.day;
  const sessions = calendar.sessionsOn(day);
  return { day, minute: sessions[sessions.length - 1]!.end };
}

function durationMinutes(unit: 'workingDays' | 'workingHours', value: number): number {
  const exact = value * (unit === 'workingDays' ? MINUTES_PER_WORKING_DAY : 60);
  // Fractions of a minute round up so the due time never comes before the legal limit; the epsilon
  // keeps binary noise (0.1 × 480 = 48.000000000000004) from adding a minute.
  return Math.ceil(exact - 1e-9);
}

function assertDuration(duration: ProcessingDuration): void {
  const { unit, value } = duration ?? ({} as ProcessingDuration);
  const knownUnit = unit === 'workingDays' || unit === 'workingHours' || unit === 'calendarDays' || unit === 'sameDay' || unit === 'none';
  if (!knownUnit) throw new AppError('WORKING_TIME_DURATION_INVALID', { value: String(unit), max: MAX_DURATION_VALUE });
  if (unit === 'none') return;
  if (unit === 'sameDay') {
    if (value !== 0) throw new AppError('WORKING_TIME_DURATION_INVALID', { value: String(value), max: MAX_DURATION_VALUE });
    const cutoff = duration.cutoff;
    if (cutoff !== undefined && (typeof cutoff !== 'string' || parseClockTime(cutoff) === null)) {
      throw new AppError('WORKING_TIME_CUTOFF_INVALID', { value: String(cutoff) });
    }
    return;
  }
  // Zero is refused too: a procedure without a limit is 'none', and a 0 usually means a missing value
  // that would otherwise print "due now" on the appointment slip.
  const valid =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    value > 0 &&
    value <= MAX_DURATION_VALUE &&
    (unit !== 'calendarDays' || Number.isInteger(value));
  if (!valid) throw new AppError('WORKING_TIME_DURATION_INVALID', { value: String(value), max: MAX_DURATION_VALUE });
}

/**
 * The due time for a dossier received at `receivedAt` (local `YYYY-MM-DDTHH:mm`), or null for a
 * procedure without a due date. Throws `AppError` with WORKING_TIME_RECEIVED_AT_INVALID,
 * WORKING_TIME_DURATION_INVALID, WORKING_TIME_CALENDAR_INVALID or WORKING_TIME_NO_WORKING_DAY.
 */
export function addWorkingTime(receivedAt: string, duration: ProcessingDuration, calendar: WorkingCalendar): string | null {
  const received = parseReceivedAt(receivedAt);
  assertDuration(duration);
  const problems = validateCalendar(calendar);
  if (problems.length > 0) {
    throw new AppError('WORKING_TIME_CALENDAR_INVALID', { details: problems.map((p) => p.message).join(' ') });
  }
  const prepared = new PreparedCalendar(calendar);
  switch (duration.unit) {
    case 'none':
      return null;
    case 'calendarDays':
      return formatMoment(addCalendarDays(prepared, received, duration.value));
    case 'sameDay':
      return formatMoment(addSameDay(prepared, received, parseClockTime(duration.cutoff ?? DEFAULT_SAME_DAY_CUTOFF)!));
    case 'workingDays':
    case 'workingHours':
      return formatMoment(addWorkingMinutes(prepared, received, durationMinutes(duration.unit, duration.value)));
  }
}

/**
 * The working minutes from `fromLocal` to `toLocal` (local `YYYY-MM-DDTHH:mm`) on the calendar: what is
 * left of a time limit when its clock is paused (a supplement request, docs/domain.md §8.4), carried
 * over by `addWorkingTime(resume, { unit: 'workingHours', value: minutes / 60 })`. Zero when `toLocal`
 * is not after `fromLocal`.
 */
export function workingMinutesBetween(fromLocal: string, toLocal: string, calendar: WorkingCalendar): number {
  return workingMinutesFrom(fromLocal, calendar)(toLocal);
}

/**
 * `workingMinutesBetween(fromLocal, ·, calendar)` with the start parsed and the calendar checked and
 * prepared once: a list that reckons the time left for many deadlines (the online queue, issue 15 §1)
 * pays for the calendar once, not once per row.
 */
export function workingMinutesFrom(fromLocal: string, calendar: WorkingCalendar): (toLocal: string) => number {
  const from = parseReceivedAt(fromLocal);
  const problems = validateCalendar(calendar);
  if (problems.length > 0) {
    throw new AppError('WORKING_TIME_CALENDAR_INVALID', { details: problems.map((p) => p.message).join(' ') });
  }
  const prepared = new PreparedCalendar(calendar);
  return (toLocal) => minutesBetween(prepared, from, parseReceivedAt(toLocal));
}

/**
 * `workingMinutesBetween` for many pairs on one calendar, checked and prepared once: a period report
 * reckons the time to settle of thousands of dossiers (shared/reports/dossier-report.ts).
 */
export function workingMinutesCounter(calendar: WorkingCalendar): (fromLocal: string, toLocal: string) => number {
  const problems = validateCalendar(calendar);
  if (problems.length > 0) {
    throw new AppError('WORKING_TIME_CALENDAR_INVALID', { details: problems.map((p) => p.message).join(' ') });
  }
  const prepared = new PreparedCalendar(calendar);
  return (fromLocal, toLocal) => minutesBetween(prepared, parseReceivedAt(fromLocal), parseReceivedAt(toLocal));
}

function minutesBetween(prepared: PreparedCalendar, from: LocalMoment, to: LocalMoment): number {
  let minutes = 0;
  for (let day = from.day; day <= to.day; day++) {
    for (const session of prepared.sessionsOn(day)) {
      const start = day === from.day ? Math.max(session.start, from.minute) : session.start;
      const end = day === to.day ? Math.min(session.end, to.minute) : session.end;
      if (end > start) minutes += end - start;
    }
  }
  return minutes;
}
