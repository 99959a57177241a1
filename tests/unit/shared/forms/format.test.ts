import { describe, expect, it } from 'vitest';
import {
  formatDate,
  formatDue,
  formatDuration,
  formatLongDate,
  formatMoney,
  formatNumber,
  formatPlaceDate,
  formatTimeAndDate,
  formatTimeAndLongDate,
  NO_DUE_DATE_TEXT,
  utcToVietnamLocal,
} from '../../../../shared/forms';
import { AppError } from '../../../../shared/ipc/result';

function codeOf(action: () => unknown): string | null {
  try {
    action();
    return null;
  } catch (error) {
    return error instanceof AppError ? error.code : 'not an AppError';
  }
}

describe('Vietnamese dates and times on forms', () => {
  it('writes reception and return times as "HH giờ mm phút, ngày dd/MM/yyyy"', () => {
    expect(formatTimeAndDate('2026-04-23T09:32')).toBe('09 giờ 32 phút, ngày 23/04/2026');
    expect(formatTimeAndDate('2026-01-05T07:05')).toBe('07 giờ 05 phút, ngày 05/01/2026');
  });

  it('writes the place and date line with day and month padded', () => {
    expect(formatPlaceDate('Quảng Phú', '2026-04-03T08:00')).toBe('Quảng Phú, ngày 03 tháng 04 năm 2026');
    expect(formatPlaceDate('  Hà Nội ', '2026-12-31')).toBe('Hà Nội, ngày 31 tháng 12 năm 2026');
    expect(formatLongDate('2026-02-09')).toBe('ngày 09 tháng 02 năm 2026');
  });

  it('writes control-slip hand-over times with the long date', () => {
    expect(formatTimeAndLongDate('2026-04-23T14:00')).toBe('14 giờ 00 phút, ngày 23 tháng 04 năm 2026');
  });

  it('accepts a bare date where no time is needed, and refuses malformed or impossible values', () => {
    expect(formatDate('2026-04-23')).toBe('23/04/2026');
    expect(formatDate('2026-04-23T23:59')).toBe('23/04/2026');
    expect(codeOf(() => formatTimeAndDate('2026-04-23'))).toBe('FORM_DATE_INVALID');
    expect(codeOf(() => formatDate('2026-02-30'))).toBe('FORM_DATE_INVALID');
    expect(codeOf(() => formatDate('23/04/2026'))).toBe('FORM_DATE_INVALID');
    expect(codeOf(() => formatTimeAndDate('2026-04-23T24:00'))).toBe('FORM_DATE_INVALID');
  });

  it('turns stored UTC instants into Vietnam wall-clock time, across midnight', () => {
    expect(utcToVietnamLocal('2026-04-23T02:32:00.000Z')).toBe('2026-04-23T09:32');
    expect(utcToVietnamLocal('2026-04-23T17:30:00Z')).toBe('2026-04-24T00:30');
    expect(codeOf(() => utcToVietnamLocal('yesterday'))).toBe('FORM_DATE_INVALID');
  });
});

describe('money and numbers', () => {
  it('groups thousands with dots and names the currency', () => {
    expect(formatMoney(1_000_000)).toBe('1.000.000 đồng');
    expect(formatMoney(8_000)).toBe('8.000 đồng');
    expect(formatMoney(500)).toBe('500 đồng');
    expect(formatMoney(0)).toBe('0 đồng');
    expect(formatMoney(1_234_567_890)).toBe('1.234.567.890 đồng');
  });

  it('refuses fractional or negative amounts: money is whole đồng', () => {
    expect(codeOf(() => formatMoney(1000.5))).toBe('FORM_AMOUNT_INVALID');
    expect(codeOf(() => formatMoney(-1))).toBe('FORM_AMOUNT_INVALID');
    expect(codeOf(() => formatMoney(Number.NaN))).toBe('FORM_AMOUNT_INVALID');
  });

  it('writes decimals with a comma', () => {
    expect(formatNumber(0.5)).toBe('0,5');
    expect(formatNumber(1500.25)).toBe('1.500,25');
  });
});

describe('processing times', () => {
  it('names each unit of the catalogue', () => {
    expect(formatDuration({ unit: 'workingDays', value: 15 })).toBe('15 ngày làm việc');
    expect(formatDuration({ unit: 'workingHours', value: 8 })).toBe('8 giờ làm việc');
    expect(formatDuration({ unit: 'sameDay', value: 0 })).toBe('Trong ngày');
    expect(formatDuration({ unit: 'sameDay', value: 0, cutoff: '10:30' })).toBe('Trong ngày');
    expect(formatDuration({ unit: 'calendarDays', value: 30 })).toBe('30 ngày');
    expect(formatDuration({ unit: 'workingDays', value: 0.5 })).toBe('0,5 ngày làm việc');
  });

  it('uses the legal phrase for procedures without a due date', () => {
    expect(NO_DUE_DATE_TEXT).toBe('Không có ngày hẹn trả cụ thể theo quy định');
    expect(formatDuration({ unit: 'none', value: 0 })).toBe(NO_DUE_DATE_TEXT);
    expect(formatDue(null)).toBe(NO_DUE_DATE_TEXT);
    expect(formatDue('2026-04-28T16:00')).toBe('16 giờ 00 phút, ngày 28/04/2026');
  });
});
