import { addWorkingTime, workingMinutesFrom, type ProcessingDuration, type WorkingCalendar } from '../domain/working-time';
import { toVietnamLocal } from '../domain/vietnam-time';

/**
 * The check of a dossier submitted online or by post (issue 15 §1, Thái Nguyên 2020 Đ11.3.a): the counter
 * accepts it, asks for a supplement or refuses it within 4 working hours of submission, counted on the
 * agency's working calendar exactly like a processing time (docs/domain.md §8.4), so a submission after
 * closing, at lunch or on a day off counts from the next working session.
 */
export const ONLINE_CHECK_LIMIT: ProcessingDuration = { unit: 'workingHours', value: 4 };

/** At or under this many working minutes left the clock turns orange. */
export const ONLINE_CHECK_WARNING_MINUTES = 120;

export type SlaColour = 'green' | 'orange' | 'red';

export interface SlaState {
  /** Local `YYYY-MM-DDTHH:mm` in Vietnam. */
  deadline: string;
  /** Working minutes from now to the deadline; 0 once it has passed. */
  workingMinutesLeft: number;
  overdue: boolean;
  colour: SlaColour;
}

/**
 * The submission's local minute in Vietnam. A submission inside a minute counts from the next one, so
 * the deadline never falls before the legal limit (the same rounding as docs/domain.md §8.4).
 */
export function submissionMinute(submittedAt: Date): string {
  const wholeMinute = submittedAt.getTime() % 60_000 === 0;
  return toVietnamLocal(wholeMinute ? submittedAt : new Date(submittedAt.getTime() - (submittedAt.getTime() % 60_000) + 60_000));
}

/** The local deadline of the check for a dossier submitted at `submittedAt` (an instant). */
export function onlineCheckDeadline(submittedAt: Date, calendar: WorkingCalendar): string {
  // addWorkingTime answers null only for a procedure without a limit; this limit is fixed.
  return addWorkingTime(submissionMinute(submittedAt), ONLINE_CHECK_LIMIT, calendar)!;
}

/** Overdue is red, two working hours or less is orange, more is green. */
export function slaColour(workingMinutesLeft: number, overdue: boolean): SlaColour {
  if (overdue) return 'red';
  return workingMinutesLeft <= ONLINE_CHECK_WARNING_MINUTES ? 'orange' : 'green';
}

/**
 * Where the clock stands at `now`. Time left is working time: on a Friday evening a dossier due Monday
 * at 11:30 still has its 4 hours, since nobody can check it before Monday's opening.
 */
export function slaState(deadline: string, now: Date, calendar: WorkingCalendar): SlaState {
  return slaClock(now, calendar)(deadline);
}

/**
 * `slaState(·, now, calendar)` for a whole list: the calendar is checked and prepared once and each
 * distinct deadline reckoned once (a queue of a thousand has many equal ones), so listing stays within
 * the queue's 50 ms (issue 15 acceptance, bench:online-queue).
 */
export function slaClock(now: Date, calendar: WorkingCalendar): (deadline: string) => SlaState {
  const nowLocal = toVietnamLocal(now);
  const minutesTo = workingMinutesFrom(nowLocal, calendar);
  const known = new Map<string, SlaState>();
  return (deadline) => {
    let state = known.get(deadline);
    if (!state) {
      // Both are `YYYY-MM-DDTHH:mm`, so the string order is the time order.
      const overdue = nowLocal >= deadline;
      const workingMinutesLeft = overdue ? 0 : minutesTo(deadline);
      state = { deadline, workingMinutesLeft, overdue, colour: slaColour(workingMinutesLeft, overdue) };
      known.set(deadline, state);
    }
    return { ...state };
  };
}

/** Earliest deadline first; equal deadlines keep the earlier submission first. */
export function byDeadline<T extends { deadline: string; submittedAt: string }>(a: T, b: T): number {
  if (a.deadline !== b.deadline) return a.deadline < b.deadline ? -1 : 1;
  return a.submittedAt < b.submittedAt ? -1 : a.submittedAt > b.submittedAt ? 1 : 0;
}
