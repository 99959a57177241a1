import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/result';
import { errorMessages } from '../../../../shared/i18n/vi';
import { addWorkingTime, defaultCalendar, type ProcessingDuration, type WorkingCalendar } from '../../../../shared/domain/working-time';

/**
 * "Trong ngày" procedures (docs/domain.md §8.4): due when the working day on which counting starts
 * closes, or the next working day when counting starts after the cut-off (15:00 by default). 2026:
 * Thu 30/04 and Fri 01/05 are days off, Sat 10/01 is a swapped working day.
 */
const calendar: WorkingCalendar = {
  ...defaultCalendar(['2026-01-01', '2026-01-02', '2026-04-27', '2026-04-30', '2026-05-01']),
  workingDays: ['2026-01-10'],
};
const sameDay: ProcessingDuration = { unit: 'sameDay', value: 0 };
const due = (receivedAt: string, duration: ProcessingDuration = sameDay, cal: WorkingCalendar = calendar) =>
  addWorkingTime(receivedAt, duration, cal);

describe('addWorkingTime, same-day procedures', () => {
  it.each([
    ['in the morning, before the cut-off', '2026-03-04T09:10', '2026-03-04T17:00'],
    ['one minute before the cut-off', '2026-03-04T14:59', '2026-03-04T17:00'],
    ['exactly at the cut-off', '2026-03-04T15:00', '2026-03-04T17:00'],
    ['one minute after the cut-off', '2026-03-04T15:01', '2026-03-05T17:00'],
    ['late afternoon', '2026-03-04T16:45', '2026-03-05T17:00'],
  ])('%s (%s) is due %s', (_label, receivedAt, expected) => {
    expect(due(receivedAt)).toBe(expected);
  });

  it('is never "4 working hours": a 10:00 reception is due at closing, not at 15:30', () => {
    expect(due('2026-03-04T10:00')).toBe('2026-03-04T17:00');
    expect(due('2026-03-04T10:00', { unit: 'workingHours', value: 4 })).toBe('2026-03-04T15:30');
  });

  it('on a Friday after the cut-off is due on Monday, before it on the Friday', () => {
    expect(due('2026-03-06T15:30')).toBe('2026-03-09T17:00');
    expect(due('2026-03-06T08:00')).toBe('2026-03-06T17:00');
  });

  it('on the eve of a holiday after the cut-off skips the holidays and the weekend', () => {
    expect(due('2026-04-29T15:20')).toBe('2026-05-04T17:00');
    expect(due('2026-04-29T11:00')).toBe('2026-04-29T17:00');
  });

  it('uses a swapped working Saturday: due on it, and reached from the Friday before', () => {
    expect(due('2026-01-10T10:00')).toBe('2026-01-10T17:00');
    expect(due('2026-01-09T16:00')).toBe('2026-01-10T17:00');
    expect(due('2026-01-10T16:00')).toBe('2026-01-12T17:00');
  });

  it('honours a per-procedure cut-off', () => {
    const early: ProcessingDuration = { unit: 'sameDay', value: 0, cutoff: '10:30' };
    expect(due('2026-03-04T10:30', early)).toBe('2026-03-04T17:00');
    expect(due('2026-03-04T10:31', early)).toBe('2026-03-05T17:00');
    expect(due('2026-03-04T15:30', { ...early, cutoff: '16:00' })).toBe('2026-03-04T17:00');
  });

  it('starts counting outside working hours as any procedure does', () => {
    // Before opening and in the lunch break: counting starts later the same day, before the cut-off.
    expect(due('2026-03-04T06:30')).toBe('2026-03-04T17:00');
    expect(due('2026-03-04T12:00')).toBe('2026-03-04T17:00');
    // After closing, on a weekend or on a holiday: counting starts the next working morning.
    expect(due('2026-03-04T18:00')).toBe('2026-03-05T17:00');
    expect(due('2026-03-07T09:00')).toBe('2026-03-09T17:00');
    expect(due('2026-04-30T09:00')).toBe('2026-05-04T17:00');
    // A lunch break that ends after an early cut-off: counting starts at 13:00, past 12:00.
    expect(due('2026-03-04T12:00', { unit: 'sameDay', value: 0, cutoff: '12:00' })).toBe('2026-03-05T17:00');
  });

  it("ends at the close of the due day's own hours", () => {
    const shortFriday: WorkingCalendar = {
      ...calendar,
      sessions: { ...calendar.sessions, 5: [{ start: '07:30', end: '11:30' }] },
    };
    expect(due('2026-03-06T09:00', sameDay, shortFriday)).toBe('2026-03-06T11:30');
    expect(due('2026-03-05T16:00', sameDay, shortFriday)).toBe('2026-03-06T11:30');
  });

  it('refuses a malformed cut-off and a non-zero value with their messages', () => {
    const thrown = (duration: ProcessingDuration) => {
      try {
        due('2026-03-04T09:00', duration);
      } catch (error) {
        return error as AppError;
      }
      throw new Error('expected a refusal');
    };
    const cutoff = thrown({ unit: 'sameDay', value: 0, cutoff: '25:00' });
    expect(cutoff.code).toBe('WORKING_TIME_CUTOFF_INVALID');
    expect(cutoff.message).toBe(errorMessages.WORKING_TIME_CUTOFF_INVALID.replace('{value}', '25:00'));
    expect(thrown({ unit: 'sameDay', value: 1 }).code).toBe('WORKING_TIME_DURATION_INVALID');
  });
});
