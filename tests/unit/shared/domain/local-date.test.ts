import { describe, expect, it } from 'vitest';
import {
  civilFromDayNumber,
  dayNumber,
  daysInMonth,
  formatClockTime,
  formatIsoDate,
  isRealDate,
  parseClockTime,
  parseIsoDate,
  weekdayOf,
} from '../../../../shared/domain/local-date';

describe('day numbers', () => {
  it.each([
    ['1970-01-01', 0, 4],
    ['1969-12-31', -1, 3],
    ['2000-02-29', 11016, 2],
    ['2023-10-27', 19657, 5],
    ['2026-02-17', 20501, 2],
    ['1900-01-01', -25567, 1],
    ['0099-06-15', -683203, 1],
  ])('%s is day %i, weekday %i', (iso, days, weekday) => {
    const date = parseIsoDate(iso)!;
    expect(dayNumber(date)).toBe(days);
    expect(civilFromDayNumber(days)).toEqual(date);
    expect(weekdayOf(days)).toBe(weekday);
  });

  it('round-trips every day from 1899 to 2101 and agrees with Date.UTC', () => {
    const start = dayNumber({ year: 1899, month: 1, day: 1 });
    const end = dayNumber({ year: 2101, month: 12, day: 31 });
    const disagreements: number[] = [];
    for (let days = start; days <= end; days++) {
      const civil = civilFromDayNumber(days);
      const utc = new Date(days * 86_400_000);
      const agrees =
        dayNumber(civil) === days &&
        civil.year === utc.getUTCFullYear() &&
        civil.month === utc.getUTCMonth() + 1 &&
        civil.day === utc.getUTCDate() &&
        weekdayOf(days) === utc.getUTCDay();
      if (!agrees) disagreements.push(days);
    }
    expect(disagreements).toEqual([]);
  });
});

describe('calendar dates', () => {
  it.each([
    [2024, 2, 29],
    [2023, 2, 28],
    [2000, 2, 29],
    [1900, 2, 28],
    [2026, 4, 30],
    [2026, 12, 31],
  ])('%i-%i has %i days', (year, month, days) => {
    expect(daysInMonth(year, month)).toBe(days);
  });

  it.each([
    [{ year: 2026, month: 2, day: 29 }, false],
    [{ year: 2028, month: 2, day: 29 }, true],
    [{ year: 2026, month: 0, day: 1 }, false],
    [{ year: 2026, month: 1, day: 0 }, false],
    [{ year: 2026, month: 1.5, day: 1 }, false],
    [{ year: 0, month: 1, day: 1 }, false],
  ])('isRealDate(%j) → %s', (date, real) => {
    expect(isRealDate(date)).toBe(real);
  });

  it.each(['2026-02-29', '2026-1-05', '2026-01-05 ', '20260105', 'abcd-ef-gh'])('parseIsoDate(%j) is null', (text) => {
    expect(parseIsoDate(text)).toBeNull();
  });

  it('formats with zero padding', () => {
    expect(formatIsoDate({ year: 99, month: 1, day: 2 })).toBe('0099-01-02');
  });
});

describe('clock times', () => {
  it.each([
    ['00:00', 0],
    ['07:30', 450],
    ['23:59', 1439],
    ['24:00', null],
    ['12:60', null],
    ['7:30', null],
    ['07:30:00', null],
    ['', null],
  ])('parseClockTime(%j) → %s', (text, minutes) => {
    expect(parseClockTime(text)).toBe(minutes);
  });

  it.each([
    [0, '00:00'],
    [450, '07:30'],
    [1439, '23:59'],
  ])('formatClockTime(%i) → %s', (minutes, text) => {
    expect(formatClockTime(minutes)).toBe(text);
  });
});
