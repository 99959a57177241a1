import { describe, expect, it } from 'vitest';
import { formSetOn, formSetScheduleSchema, scheduleOf } from '../../../../shared/site/form-set-schedule';

const schedule = formSetScheduleSchema.parse([
  { set: '2025', from: '2025-07-01' },
  { set: '2018', from: '2018-01-01' },
]);

describe('form sets by effective date (docs/domain.md §5.4)', () => {
  it('gives the set in force on a day, the new one from its first day inclusive', () => {
    expect(formSetOn(schedule, '2025-06-30')).toBe('2018');
    expect(formSetOn(schedule, '2025-07-01')).toBe('2025');
    expect(formSetOn(schedule, '2026-03-02T08:00')).toBe('2025');
  });

  it('prints a dossier older than every entered date in the first set rather than failing', () => {
    expect(formSetOn(schedule, '2017-12-31')).toBe('2018');
  });

  it('stores the periods sorted and refuses an empty schedule, two periods on one day and a date that does not exist', () => {
    expect(schedule.map((p) => p.from)).toEqual(['2018-01-01', '2025-07-01']);
    expect(formSetScheduleSchema.safeParse([]).success).toBe(false);
    expect(
      formSetScheduleSchema.safeParse([
        { set: '2018', from: '2025-07-01' },
        { set: '2025', from: '2025-07-01' },
      ]).success,
    ).toBe(false);
    expect(formSetScheduleSchema.safeParse([{ set: '2025', from: '2025-02-30' }]).success).toBe(false);
  });

  it('turns a set chosen by hand into that set on every date', () => {
    expect(formSetOn(scheduleOf('2025'), '2019-05-05')).toBe('2025');
  });
});
