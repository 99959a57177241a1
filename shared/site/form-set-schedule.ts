import { z } from 'zod';
import { parseIsoDate } from '../domain/local-date';

export const formSetIds = ['2018', '2025'] as const;
export type FormSetChoice = (typeof formSetIds)[number];

/**
 * From which local day a set of forms is in force at a site (docs/domain.md §5.4). A site switches by
 * entering the date a circular takes effect, not by flipping a setting on the day: a dossier is printed
 * in the set in force on the day it was received.
 */
export const formSetPeriodSchema = z.object({
  set: z.enum(formSetIds),
  /** Local `YYYY-MM-DD`, inclusive. */
  from: z.string().refine((value) => parseIsoDate(value) !== null, 'YYYY-MM-DD'),
});
export type FormSetPeriod = z.infer<typeof formSetPeriodSchema>;

/** At least one period, no two starting the same day; stored sorted by date. */
export const formSetScheduleSchema = z
  .array(formSetPeriodSchema)
  .min(1)
  .max(20)
  .superRefine((periods, ctx) => {
    const days = periods.map((p) => p.from);
    if (new Set(days).size !== days.length) ctx.addIssue({ code: 'custom', message: 'two periods start on the same day' });
  })
  .transform((periods) => [...periods].sort((a, b) => a.from.localeCompare(b.from)));
export type FormSetSchedule = z.infer<typeof formSetScheduleSchema>;

/** The first day any set can be in force: what a single set chosen before the schedule existed becomes. */
export const SCHEDULE_START = '2018-01-01';

/** The schedule a site gets from one set chosen by hand, as stored before the schedule existed. */
export function scheduleOf(set: FormSetChoice): FormSetSchedule {
  return [{ set, from: SCHEDULE_START }];
}

/**
 * The set in force on a local day (`YYYY-MM-DD` or a longer local date-time). Before the first
 * period the first period's set applies: a dossier older than every entered date still prints.
 */
export function formSetOn(schedule: readonly FormSetPeriod[], localDay: string): FormSetChoice {
  const day = localDay.slice(0, 10);
  const sorted = [...schedule].sort((a, b) => a.from.localeCompare(b.from));
  let current = sorted[0]?.set ?? '2018';
  for (const period of sorted) if (period.from <= day) current = period.set;
  return current;
}
