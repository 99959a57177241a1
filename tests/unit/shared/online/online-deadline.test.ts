import { describe, expect, it } from 'vitest';
import { defaultCalendar, type WorkingCalendar } from '../../../../shared/domain/working-time';
import { fromVietnamLocal } from '../../../../shared/domain/vietnam-time';
import { AppError } from '../../../../shared/ipc/result';
import {
  byDeadline,
  onlineCheckDeadline,
  slaClock,
  slaColour,
  slaState,
  submissionMinute,
} from '../../../../shared/online/online-deadline';

/** Tết 2026 (Mon 16 – Fri 20/02) and Giỗ Tổ's compensatory Monday 27/04, as in working-time.test.ts. */
const calendar: WorkingCalendar = defaultCalendar(['2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20', '2026-04-27']);

const at = (local: string, seconds = 0) => new Date(fromVietnamLocal(local).getTime() + seconds * 1000);
const deadline = (local: string, seconds = 0) => onlineCheckDeadline(at(local, seconds), calendar);

describe('onlineCheckDeadline: 4 working hours from submission (issue 15 §1)', () => {
  it('counts a Friday-evening submission from Monday 07:30 (the issue’s case)', () => {
    // 2026-03-06 is a Friday.
    expect(deadline('2026-03-06T17:20')).toBe('2026-03-09T11:30');
  });

  it('keeps Friday’s last quarter hour for a submission at 16:45', () => {
    expect(deadline('2026-03-06T16:45')).toBe('2026-03-09T11:15');
  });

  it('counts a submission exactly at closing from the next working morning', () => {
    expect(deadline('2026-03-06T17:00')).toBe('2026-03-09T11:30');
  });

  it('counts a weekend submission from Monday’s opening', () => {
    expect(deadline('2026-03-07T09:00')).toBe('2026-03-09T11:30');
    expect(deadline('2026-03-08T23:59')).toBe('2026-03-09T11:30');
  });

  it('skips a holiday Monday', () => {
    expect(deadline('2026-04-24T17:20')).toBe('2026-04-28T11:30');
    expect(deadline('2026-04-24T16:45')).toBe('2026-04-28T11:15');
  });

  it('skips the Tết break', () => {
    expect(deadline('2026-02-13T16:00')).toBe('2026-02-23T10:30');
    expect(deadline('2026-02-17T10:00')).toBe('2026-02-23T11:30');
  });

  it('counts a submission before opening from 07:30', () => {
    expect(deadline('2026-03-10T06:50')).toBe('2026-03-10T11:30');
  });

  it('counts a submission at lunch from 13:00', () => {
    expect(deadline('2026-03-10T12:00')).toBe('2026-03-10T17:00');
    expect(deadline('2026-03-10T11:30')).toBe('2026-03-10T17:00');
  });

  it('carries a morning submission over the lunch break', () => {
    expect(deadline('2026-03-10T10:00')).toBe('2026-03-10T15:30');
  });

  it('carries an afternoon submission into the next morning', () => {
    expect(deadline('2026-03-10T15:00')).toBe('2026-03-11T09:30');
  });

  it('uses the Monday hours on a swapped working Saturday', () => {
    const swapped: WorkingCalendar = { ...calendar, workingDays: ['2026-03-07'] };
    expect(onlineCheckDeadline(at('2026-03-06T17:20'), swapped)).toBe('2026-03-07T11:30');
  });

  it('rounds a submission inside a minute up to the next minute, never before the limit', () => {
    expect(submissionMinute(at('2026-03-10T10:00', 0))).toBe('2026-03-10T10:00');
    expect(submissionMinute(at('2026-03-10T10:00', 1))).toBe('2026-03-10T10:01');
    expect(deadline('2026-03-10T10:00', 30)).toBe('2026-03-10T15:31');
  });

  it('reads the instant in Vietnam time whatever the machine’s zone: 10:20 UTC on Friday is 17:20 there', () => {
    expect(onlineCheckDeadline(new Date('2026-03-06T10:20:00Z'), calendar)).toBe('2026-03-09T11:30');
  });

  it('refuses an unusable calendar with the calendar’s code', () => {
    const empty: WorkingCalendar = { ...defaultCalendar(), sessions: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] } };
    let thrown: unknown;
    try {
      onlineCheckDeadline(at('2026-03-06T17:20'), empty);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(AppError);
    expect(thrown).toMatchObject({ code: 'WORKING_TIME_CALENDAR_INVALID' });
  });
});

describe('slaColour', () => {
  it('is green above two working hours, orange at or under, red when overdue', () => {
    expect(slaColour(240, false)).toBe('green');
    expect(slaColour(121, false)).toBe('green');
    expect(slaColour(120, false)).toBe('orange');
    expect(slaColour(1, false)).toBe('orange');
    expect(slaColour(0, true)).toBe('red');
  });
});

describe('slaState: time left is working time', () => {
  const due = '2026-03-09T11:30';

  it('keeps the full 4 hours over the weekend', () => {
    expect(slaState(due, at('2026-03-06T17:30'), calendar)).toEqual({
      deadline: due,
      workingMinutesLeft: 240,
      overdue: false,
      colour: 'green',
    });
    expect(slaState(due, at('2026-03-08T20:00'), calendar).workingMinutesLeft).toBe(240);
  });

  it('turns orange with two working hours left and red at the deadline', () => {
    expect(slaState(due, at('2026-03-09T09:29'), calendar)).toMatchObject({ workingMinutesLeft: 121, colour: 'green' });
    expect(slaState(due, at('2026-03-09T09:30'), calendar)).toMatchObject({ workingMinutesLeft: 120, colour: 'orange' });
    expect(slaState(due, at('2026-03-09T11:29'), calendar)).toMatchObject({ workingMinutesLeft: 1, colour: 'orange' });
    expect(slaState(due, at('2026-03-09T11:30'), calendar)).toMatchObject({ workingMinutesLeft: 0, overdue: true, colour: 'red' });
    expect(slaState(due, at('2026-03-10T08:00'), calendar)).toMatchObject({ overdue: true, colour: 'red' });
  });

  it('does not count the lunch break as time left', () => {
    expect(slaState('2026-03-10T15:30', at('2026-03-10T11:00'), calendar).workingMinutesLeft).toBe(30 + 150);
  });
});

describe('slaClock: one clock for a whole queue', () => {
  it('gives for each deadline what slaState gives, equal deadlines included, over a holiday and past due', () => {
    const now = at('2026-04-24T16:00');
    const clock = slaClock(now, calendar);
    for (const due of ['2026-04-24T15:00', '2026-04-24T16:30', '2026-04-28T08:00', '2026-04-28T08:00', '2026-04-28T14:00']) {
      expect(clock(due)).toEqual(slaState(due, now, calendar));
    }
  });

  it('hands out a fresh state each time, so a caller changing one does not change the next', () => {
    const clock = slaClock(at('2026-03-09T08:00'), calendar);
    const first = clock('2026-03-09T11:30');
    first.workingMinutesLeft = 0;
    expect(clock('2026-03-09T11:30').workingMinutesLeft).toBe(210);
  });

  it('refuses an invalid calendar once, before any row', () => {
    const empty: WorkingCalendar = { ...defaultCalendar(), sessions: { 0: [], 1: [], 2: [], 3: [], 4: [], 5: [], 6: [] } };
    expect(() => slaClock(at('2026-03-09T08:00'), empty)).toThrow(expect.objectContaining({ code: 'WORKING_TIME_CALENDAR_INVALID' }));
  });
});

describe('byDeadline', () => {
  it('puts the earliest deadline first, then the earliest submission', () => {
    const rows = [
      { code: 'c', deadline: '2026-03-09T11:30', submittedAt: '2026-03-06T10:20:00.000Z' },
      { code: 'a', deadline: '2026-03-09T11:15', submittedAt: '2026-03-06T09:45:00.000Z' },
      { code: 'b', deadline: '2026-03-09T11:30', submittedAt: '2026-03-06T10:00:00.000Z' },
    ];
    expect([...rows].sort(byDeadline).map((r) => r.code)).toEqual(['a', 'b', 'c']);
  });
});
