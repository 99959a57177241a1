import { describe, expect, it } from 'vitest';
import { calendarGaps } from '../../../../shared/domain/calendar-gaps';

describe('calendarGaps', () => {
  it('names the year a due date falls into when it has no day off', () => {
    expect(calendarGaps({ holidays: ['2026-04-30', '2026-05-01'] }, '2026-12-28T09:00', '2027-01-08T09:00')).toEqual([2027]);
  });

  it('names every year of the span without days off, the reception year included', () => {
    expect(calendarGaps({ holidays: [] }, '2026-12-28T09:00', '2027-02-10T09:00')).toEqual([2026, 2027]);
    expect(calendarGaps({ holidays: ['2027-02-08'] }, '2025-12-30', '2027-02-10')).toEqual([2025, 2026]);
  });

  it('is empty when each year holds a day off, or there is no due date', () => {
    expect(calendarGaps({ holidays: ['2026-01-01', '2027-02-08'] }, '2026-12-28T09:00', '2027-01-08T09:00')).toEqual([]);
    expect(calendarGaps({ holidays: [] }, '2026-03-04T09:00', null)).toEqual([]);
  });

  it('does not count swapped working days as days off', () => {
    const calendar = { holidays: [], workingDays: ['2027-01-09'] };
    expect(calendarGaps(calendar, '2027-01-04', '2027-01-11')).toEqual([2027]);
  });
});
