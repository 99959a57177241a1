import { describe, expect, it } from 'vitest';
import { errorMessages } from '../../../../shared/i18n/vi';
import { AppError } from '../../../../shared/ipc/result';
import {
  addWorkingTime,
  defaultCalendar,
  validateCalendar,
  type ProcessingDuration,
  type WorkingCalendar,
} from '../../../../shared/domain/working-time';
import { civilFromDayNumber, dayNumber, formatIsoDate } from '../../../../shared/domain/local-date';

/**
 * 2026 built from docs/domain.md §8.1/§8.2. Tết follows the announced civil-service break (Sat 14/02 –
 * Sun 22/02, i.e. 29 Chạp + mùng 1–4 on Mon 16 – Fri 20); Giỗ Tổ (10/3 lunar) is Sun 26/04, so Mon
 * 27/04 is the compensatory day off. The day next to 02/09 (here 01/09) and the New Year swap (Fri 02/01
 * off, Sat 10/01 worked) are illustrative: the yearly notices are not in docs/domain.md.
 */
const HOLIDAYS_2026 = [
  '2026-01-01',
  '2026-01-02',
  '2026-02-16',
  '2026-02-17',
  '2026-02-18',
  '2026-02-19',
  '2026-02-20',
  '2026-04-27',
  '2026-04-30',
  '2026-05-01',
  '2026-09-01',
  '2026-09-02',
  '2026-11-24',
  '2027-01-01',
];
const SWAPPED_SATURDAYS_2026 = ['2026-01-10'];

const calendar2026: WorkingCalendar = { ...defaultCalendar(HOLIDAYS_2026), workingDays: SWAPPED_SATURDAYS_2026 };

/** T's default hours (07:00–11:30, 13:30–17:00), used by the worked example of §8.5. */
const tHours = (): WorkingCalendar => {
  const day = () => [
    { start: '07:00', end: '11:30' },
    { start: '13:30', end: '17:00' },
  ];
  return { sessions: { 0: [], 1: day(), 2: day(), 3: day(), 4: day(), 5: day(), 6: [] }, holidays: [], workingDays: [] };
};

const withSaturdayMorning: WorkingCalendar = {
  ...calendar2026,
  sessions: { ...calendar2026.sessions, 6: [{ start: '08:00', end: '11:00' }] },
};

const days = (value: number): ProcessingDuration => ({ unit: 'workingDays', value });
const hours = (value: number): ProcessingDuration => ({ unit: 'workingHours', value });
const calendarDays = (value: number): ProcessingDuration => ({ unit: 'calendarDays', value });

function thrownCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

describe('addWorkingTime — the worked example of docs/domain.md §8.5', () => {
  it.each([
    ['T’s hours, 5 working days', tHours(), days(5)],
    ['T’s hours, the same limit stored as 40 hours', tHours(), hours(40)],
    ['OpenCPS’s hours give the same clock time', defaultCalendar(), days(5)],
  ])('%s: filed Fri 27/10/2023 09:32 → due Fri 03/11/2023 09:32', (_label, calendar, duration) => {
    expect(addWorkingTime('2023-10-27T09:32', duration, calendar)).toBe('2023-11-03T09:32');
  });
});

describe('addWorkingTime — where counting starts', () => {
  it.each([
    ['before opening: the morning start of the same day', '2026-03-02T06:45', hours(1), '2026-03-02T08:30'],
    ['at midnight: the morning start of the same day', '2026-03-02T00:00', hours(1), '2026-03-02T08:30'],
    ['at opening: at once', '2026-03-02T07:30', days(1), '2026-03-02T17:00'],
    ['during lunch: the afternoon start', '2026-03-02T12:15', days(0.5), '2026-03-02T17:00'],
    ['exactly at the morning end: the afternoon start', '2026-03-02T11:30', hours(1), '2026-03-02T14:00'],
    ['exactly at closing: the next working morning', '2026-03-02T17:00', hours(1), '2026-03-03T08:30'],
    ['after closing on a Friday: Monday morning', '2026-03-06T17:30', days(1), '2026-03-09T17:00'],
    ['late at night: the next working morning', '2026-03-03T23:59', hours(2), '2026-03-04T09:30'],
    ['on a Saturday: Monday morning', '2026-03-07T10:00', days(1), '2026-03-09T17:00'],
    ['on a Sunday: Monday morning', '2026-03-08T10:00', hours(4), '2026-03-09T11:30'],
    ['on a public holiday (Thu 30/04): the next working day after 01/05 and the weekend', '2026-04-30T09:00', days(1), '2026-05-04T17:00'],
    ['during Tết: the first day after the break', '2026-02-18T09:00', days(1), '2026-02-23T17:00'],
    ['on the compensatory Monday (27/04): Tuesday', '2026-04-27T08:00', hours(2), '2026-04-28T09:30'],
  ])('%s', (_label, receivedAt, duration, due) => {
    expect(addWorkingTime(receivedAt, duration, calendar2026)).toBe(due);
  });
});

describe('addWorkingTime — working days and hours over the 2026 calendar', () => {
  it.each([
    ['holiday eve: Wed 29/04 15:00 + 1 day skips 30/04, 01/05 and the weekend', '2026-04-29T15:00', days(1), '2026-05-04T15:00'],
    ['nghỉ bù: Fri 24/04 10:00 + 1 day skips the weekend and Mon 27/04', '2026-04-24T10:00', days(1), '2026-04-28T10:00'],
    ['Tết: Fri 13/02 14:00 + 3 days skips the whole break', '2026-02-13T14:00', days(3), '2026-02-25T14:00'],
    ['Tết as hours: the same limit written as 24 hours', '2026-02-13T14:00', hours(24), '2026-02-25T14:00'],
    ['New Year: Wed 31/12/2025 16:00 + 1 day skips 01/01, the swapped 02/01, the weekend', '2025-12-31T16:00', days(1), '2026-01-05T16:00'],
    ['National Day: Mon 31/08 10:00 + 1 day skips 01/09 and 02/09', '2026-08-31T10:00', days(1), '2026-09-03T10:00'],
    ['Ngày Văn hóa Việt Nam: Mon 23/11 16:30 + half a day skips 24/11', '2026-11-23T16:30', days(0.5), '2026-11-25T11:00'],
    ['across the year end into next year’s 01/01', '2026-12-31T16:00', hours(2), '2027-01-04T08:30'],
    ['a long limit: 60 working days from Mon 05/01', '2026-01-05T07:30', days(60), '2026-04-02T17:00'],
  ])('%s', (_label, receivedAt, duration, due) => {
    expect(addWorkingTime(receivedAt, duration, calendar2026)).toBe(due);
  });

  it.each([
    ['Fri 09/01 13:00 + 1 day ends on the swapped Saturday, at its morning end', '2026-01-09T13:00', days(1), '2026-01-10T11:30'],
    ['received on the swapped Saturday itself', '2026-01-10T08:00', hours(2), '2026-01-10T10:00'],
    ['the swapped Saturday has Monday’s afternoon session too', '2026-01-10T11:00', hours(1), '2026-01-10T13:30'],
    ['the ordinary Saturday after (17/01) stays closed', '2026-01-16T16:00', hours(2), '2026-01-19T08:30'],
  ])('swapped working Saturday: %s', (_label, receivedAt, duration, due) => {
    expect(addWorkingTime(receivedAt, duration, calendar2026)).toBe(due);
  });

  it('the same day without the swap would roll over to Monday', () => {
    const noSwap = { ...calendar2026, workingDays: [] };
    expect(addWorkingTime('2026-01-09T13:00', days(1), noSwap)).toBe('2026-01-12T11:30');
  });

  it.each([
    ['half a day from 08:00 crosses lunch', '2026-03-02T08:00', days(0.5), '2026-03-02T13:30'],
    ['one and a half days from opening ends at Tuesday’s morning end', '2026-03-02T07:30', days(1.5), '2026-03-03T11:30'],
    ['two and a half days from Tue 09:00', '2026-03-03T09:00', days(2.5), '2026-03-05T14:30'],
    ['a quarter day is two hours', '2026-03-02T07:30', days(0.25), '2026-03-02T09:30'],
    ['0.1 day is exactly 48 minutes, binary noise does not add one', '2026-03-02T07:30', days(0.1), '2026-03-02T08:18'],
    ['a third of a day is 160 minutes', '2026-03-02T07:30', days(1 / 3), '2026-03-02T10:10'],
    ['a fraction of a minute rounds up', '2026-03-02T07:30', hours(0.01), '2026-03-02T07:31'],
  ])('half and fractional days: %s', (_label, receivedAt, duration, due) => {
    expect(addWorkingTime(receivedAt, duration, calendar2026)).toBe(due);
  });

  it.each([
    ['3 hours from 10:30 cross lunch', '2026-03-02T10:30', hours(3), '2026-03-02T15:00'],
    ['10 hours from Thu 15:00 end at Friday closing', '2026-03-05T15:00', hours(10), '2026-03-06T17:00'],
    ['11 hours from Thu 15:00 cross the weekend', '2026-03-05T15:00', hours(11), '2026-03-09T08:30'],
    ['1.5 hours from 11:00 carry 1 hour past lunch', '2026-03-02T11:00', hours(1.5), '2026-03-02T14:00'],
    ['16 hours from opening are two full days', '2026-03-02T07:30', hours(16), '2026-03-03T17:00'],
  ])('working hours: %s', (_label, receivedAt, duration, due) => {
    expect(addWorkingTime(receivedAt, duration, calendar2026)).toBe(due);
  });

  it.each([
    ['morning session', '2026-03-02T09:30', hours(2), '2026-03-02T11:30'],
    ['afternoon session', '2026-03-02T13:00', hours(4), '2026-03-02T17:00'],
    ['a full day from opening', '2026-03-02T07:30', days(1), '2026-03-02T17:00'],
    ['a Friday, not Monday morning', '2026-03-06T13:00', hours(4), '2026-03-06T17:00'],
  ])('a due time exactly at the end of the %s stays there', (_label, receivedAt, duration, due) => {
    expect(addWorkingTime(receivedAt, duration, calendar2026)).toBe(due);
  });
});

describe('addWorkingTime — a Saturday-morning session configured', () => {
  it.each([
    ['Fri 16:00 + 1 day uses Saturday’s 3 hours', '2026-03-06T16:00', days(1), '2026-03-09T11:30'],
    ['after Saturday’s closing: Monday morning', '2026-03-07T11:30', hours(1), '2026-03-09T08:30'],
    ['ends exactly at Saturday’s closing', '2026-03-07T09:00', hours(2), '2026-03-07T11:00'],
    ['before Saturday’s opening: counting starts at 08:00', '2026-03-07T07:00', hours(4), '2026-03-09T08:30'],
    ['Sunday stays closed', '2026-03-08T09:00', hours(1), '2026-03-09T08:30'],
  ])('%s', (_label, receivedAt, duration, due) => {
    expect(addWorkingTime(receivedAt, duration, withSaturdayMorning)).toBe(due);
  });
});

describe('addWorkingTime — calendar days', () => {
  it.each([
    ['landing on a working day keeps the clock time', '2026-03-02T09:00', 3, '2026-03-05T09:00'],
    ['landing on a Saturday is pushed to Monday', '2026-03-02T09:00', 5, '2026-03-09T09:00'],
    ['landing on a Sunday is pushed to Monday', '2026-03-02T09:00', 6, '2026-03-09T09:00'],
    ['a week later', '2026-03-02T09:00', 7, '2026-03-09T09:00'],
    ['landing on 30/04 is pushed past 01/05 and the weekend', '2026-04-24T10:00', 6, '2026-05-04T10:00'],
    ['holidays are counted, and a Tết landing is pushed past the break', '2026-02-09T10:00', 10, '2026-02-23T10:00'],
    ['landing on the swapped Saturday stays there', '2026-01-05T09:00', 5, '2026-01-10T09:00'],
    ['received after closing: counting starts next working morning', '2026-03-06T18:00', 1, '2026-03-10T07:30'],
    ['received on a Sunday: counting starts Monday morning', '2026-03-08T10:00', 1, '2026-03-10T07:30'],
    ['received at lunch: counting starts at the afternoon start', '2026-03-02T12:00', 2, '2026-03-04T13:00'],
    ['a leap day', '2028-02-28T09:00', 1, '2028-02-29T09:00'],
    ['across the year end', '2026-12-30T09:00', 2, '2027-01-04T09:00'],
  ])('%s', (_label, receivedAt, value, due) => {
    expect(addWorkingTime(receivedAt, calendarDays(value), calendar2026)).toBe(due);
  });

  it.each([
    ['after that day’s closing → its closing', '2026-03-02T14:00', '2026-03-07T11:00'],
    ['before that day’s opening → its opening', '2026-03-02T07:30', '2026-03-07T08:00'],
    ['inside its session → unchanged', '2026-03-02T09:15', '2026-03-07T09:15'],
  ])('a due day with shorter hours brings the clock time into them: %s', (_label, receivedAt, due) => {
    expect(addWorkingTime(receivedAt, calendarDays(5), withSaturdayMorning)).toBe(due);
  });
});

describe('addWorkingTime — no due date and invalid input', () => {
  it.each([0, 5, Number.NaN, -1])('unit none gives null whatever the value (%s)', (value) => {
    expect(addWorkingTime('2026-03-02T09:00', { unit: 'none', value }, calendar2026)).toBeNull();
  });

  it.each<[string, ProcessingDuration]>([
    ['zero working days', days(0)],
    ['negative working days', days(-1)],
    ['NaN working hours', hours(Number.NaN)],
    ['infinite working hours', hours(Number.POSITIVE_INFINITY)],
    ['beyond the sanity limit', days(10_001)],
    ['zero calendar days', calendarDays(0)],
    ['half a calendar day', calendarDays(1.5)],
    ['a value that is not a number', { unit: 'workingDays', value: '5' as unknown as number }],
    ['an unknown unit', { unit: 'weeks' as ProcessingDuration['unit'], value: 1 }],
  ])('throws WORKING_TIME_DURATION_INVALID for %s', (_label, duration) => {
    expect(thrownCode(() => addWorkingTime('2026-03-02T09:00', duration, calendar2026))).toBe('WORKING_TIME_DURATION_INVALID');
  });

  const BAD_TIMES = ['2026-02-30T09:00', '2026-03-02 09:00', '2026-03-02T24:00', '2026-03-02T09:60', '2026-03-02T9:00'];
  it.each([...BAD_TIMES, '2026-03-02T09:00:00', '2026-03-02', '', '02/03/2026 09:00'])(
    'throws WORKING_TIME_RECEIVED_AT_INVALID for %j',
    (receivedAt) => {
      expect(thrownCode(() => addWorkingTime(receivedAt, days(1), calendar2026))).toBe('WORKING_TIME_RECEIVED_AT_INVALID');
    },
  );

  it('throws WORKING_TIME_CALENDAR_INVALID with the problems in the message', () => {
    const broken = { ...calendar2026, sessions: { ...calendar2026.sessions, 1: [{ start: '13:00', end: '11:30' }] } };
    let caught: unknown;
    try {
      addWorkingTime('2026-03-02T09:00', days(1), broken);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('WORKING_TIME_CALENDAR_INVALID');
    expect((caught as AppError).message).toContain('13:00–11:30');
  });

  it('throws WORKING_TIME_NO_WORKING_DAY when the days off never end', () => {
    const first = dayNumber({ year: 2026, month: 1, day: 1 });
    const allYear = Array.from({ length: 800 }, (_, i) => formatIsoDate(civilFromDayNumber(first + i)));
    expect(thrownCode(() => addWorkingTime('2026-01-01T09:00', days(1), defaultCalendar(allYear)))).toBe('WORKING_TIME_NO_WORKING_DAY');
  });

  it('does not change the calendar it is given', () => {
    const calendar = structuredClone(calendar2026);
    addWorkingTime('2026-02-13T14:00', days(3), calendar);
    expect(calendar).toEqual(calendar2026);
  });
});

describe('defaultCalendar', () => {
  it('has 07:30–11:30 and 13:00–17:00 Monday to Friday, nothing at the weekend', () => {
    const calendar = defaultCalendar();
    for (const weekday of [1, 2, 3, 4, 5] as const) {
      expect(calendar.sessions[weekday]).toEqual([
        { start: '07:30', end: '11:30' },
        { start: '13:00', end: '17:00' },
      ]);
    }
    expect(calendar.sessions[0]).toEqual([]);
    expect(calendar.sessions[6]).toEqual([]);
    expect(calendar.holidays).toEqual([]);
    expect(calendar.workingDays).toEqual([]);
    expect(validateCalendar(calendar)).toEqual([]);
  });

  it('copies the holidays and gives independent instances', () => {
    const holidays = ['2026-04-30'];
    const first = defaultCalendar(holidays);
    holidays.push('2026-05-01');
    first.sessions[1].push({ start: '18:00', end: '19:00' });
    expect(first.holidays).toEqual(['2026-04-30']);
    expect(defaultCalendar().sessions[1]).toHaveLength(2);
    expect(defaultCalendar().sessions[2]).toHaveLength(2);
  });
});

describe('validateCalendar', () => {
  const withMonday = (sessions: { start: string; end: string }[]): WorkingCalendar => ({
    ...defaultCalendar(),
    sessions: { ...defaultCalendar().sessions, 1: sessions },
  });

  it.each([
    ['7:30', 'CALENDAR_TIME_MALFORMED'],
    ['24:00', 'CALENDAR_TIME_MALFORMED'],
    ['07:60', 'CALENDAR_TIME_MALFORMED'],
    ['0730', 'CALENDAR_TIME_MALFORMED'],
    ['', 'CALENDAR_TIME_MALFORMED'],
  ])('flags the malformed start time %j', (start, code) => {
    const problems = validateCalendar(withMonday([{ start, end: '11:30' }]));
    expect(problems).toEqual([{ code, message: expect.stringContaining(`“${start}”`), weekday: 1 }]);
  });

  it.each([
    ['end before start', { start: '13:00', end: '11:30' }],
    ['end equal to start', { start: '09:00', end: '09:00' }],
  ])('flags a session with %s', (_label, session) => {
    expect(validateCalendar(withMonday([session])).map((p) => [p.code, p.weekday])).toEqual([['CALENDAR_SESSION_EMPTY', 1]]);
  });

  it('flags overlapping sessions whatever order they are listed in', () => {
    const problems = validateCalendar(
      withMonday([
        { start: '13:00', end: '17:00' },
        { start: '07:30', end: '13:30' },
      ]),
    );
    expect(problems).toEqual([{ code: 'CALENDAR_SESSION_OVERLAP', message: expect.stringContaining('13:00–17:00'), weekday: 1 }]);
    expect(problems[0]!.message).toContain('07:30–13:30');
  });

  it('accepts sessions that only touch, and unsorted sessions', () => {
    expect(
      validateCalendar(
        withMonday([
          { start: '13:00', end: '17:00' },
          { start: '07:30', end: '13:00' },
        ]),
      ),
    ).toEqual([]);
  });

  it.each(['2026-02-30', '2026-2-3', '30/04/2026', '2026-13-01', ''])('flags the malformed holiday %j', (date) => {
    expect(validateCalendar(defaultCalendar([date]))).toEqual([{ code: 'CALENDAR_DATE_MALFORMED', message: expect.any(String), date }]);
  });

  it('flags a malformed swapped working day', () => {
    const problems = validateCalendar({ ...defaultCalendar(), workingDays: ['10/01/2026'] });
    expect(problems.map((p) => [p.code, p.date])).toEqual([['CALENDAR_DATE_MALFORMED', '10/01/2026']]);
  });

  it('flags a date that is both a day off and a working day', () => {
    const problems = validateCalendar({ ...defaultCalendar(['2026-01-10']), workingDays: ['2026-01-10'] });
    expect(problems).toEqual([{ code: 'CALENDAR_DATE_CONFLICT', message: expect.stringContaining('2026-01-10'), date: '2026-01-10' }]);
  });

  it('flags a calendar without any working session', () => {
    const empty: WorkingCalendar = { sessions: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] }, holidays: [], workingDays: [] };
    expect(validateCalendar(empty).map((p) => p.code)).toEqual(['CALENDAR_NO_SESSIONS']);
  });

  it('flags swapped working days when Monday, whose hours they use, has none', () => {
    const calendar = { ...withMonday([]), workingDays: ['2026-01-10'] };
    expect(validateCalendar(calendar).map((p) => p.code)).toEqual(['CALENDAR_SWAP_WITHOUT_MONDAY']);
    expect(validateCalendar(withMonday([]))).toEqual([]);
  });

  it('reports every problem, with a Vietnamese message from the catalogue for each', () => {
    const calendar: WorkingCalendar = {
      sessions: {
        ...defaultCalendar().sessions,
        2: [{ start: '7h30', end: '11:30' }],
        3: [
          { start: '07:30', end: '12:00' },
          { start: '11:00', end: '17:00' },
        ],
      },
      holidays: ['2026-02-30', '2026-01-10'],
      workingDays: ['2026-01-10'],
    };
    const problems = validateCalendar(calendar);
    expect(problems.map((p) => p.code)).toEqual([
      'CALENDAR_TIME_MALFORMED',
      'CALENDAR_SESSION_OVERLAP',
      'CALENDAR_DATE_MALFORMED',
      'CALENDAR_DATE_CONFLICT',
    ]);
    for (const { code, message } of problems) {
      expect(Object.keys(errorMessages)).toContain(code);
      expect(message).not.toMatch(/\{\w+\}/);
    }
  });
});
