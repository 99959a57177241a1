import { describe, expect, it } from 'vitest';
import { defaultCalendar } from '../../../shared/domain/working-time';
import { ADMIN, startReception } from '../../helpers/test-core';

/** Nhận cha, mẹ, con: 3 working days in the sample catalogue. */
const THREE_DAYS = '1.001022.000.00.00.H56';
const weekdays = defaultCalendar().sessions;
const withSaturdayMorning = { ...weekdays, 6: [{ start: '07:30', end: '11:30' }] };

describe('reception hours apart from counting hours (issue 14 point 5, docs/domain.md §8.3)', () => {
  it('a counter open on Saturday morning counts a dossier received then from Monday morning, as if received before opening', async () => {
    const t = await startReception();
    await t.must('admin-window', 'calendar.setReceptionSessions', { sessions: withSaturdayMorning });
    const year = await t.must('admin-window', 'calendar.year', { year: 2026 });
    expect(year.receptionSessions[6]).toEqual([{ start: '07:30', end: '11:30' }]);
    expect(year.sessions[6]).toEqual([]);

    t.clock.set('2026-03-07T02:00:00.000Z'); // Saturday 09:00 local, the counter open
    await t.must('admin-window', 'auth.unlockScreen', { password: ADMIN.password });
    const saturday = await t.must('admin-window', 'reception.dueDate', { procedureCode: THREE_DAYS });
    expect(saturday.receivedLocal).toBe('2026-03-07T09:00');
    t.clock.set('2026-03-08T23:00:00.000Z'); // Monday 06:00 local, before opening
    await t.must('admin-window', 'auth.unlockScreen', { password: ADMIN.password });
    const monday = await t.must('admin-window', 'reception.dueDate', { procedureCode: THREE_DAYS });
    expect(saturday.dueLocal).toBe(monday.dueLocal);

    // Putting Saturday into the counting hours instead, the way to open on Saturdays before, shortened it.
    await t.must('admin-window', 'calendar.setSessions', { sessions: withSaturdayMorning });
    t.clock.set('2026-03-07T02:00:00.000Z');
    await t.must('admin-window', 'auth.unlockScreen', { password: ADMIN.password });
    const counted = await t.must('admin-window', 'reception.dueDate', { procedureCode: THREE_DAYS });
    expect(counted.dueLocal! < monday.dueLocal!).toBe(true);
  });

  it('reception hours start as the counting hours and are checked like them', async () => {
    const t = await startReception();
    expect((await t.must('admin-window', 'calendar.year', { year: 2026 })).receptionSessions).toEqual(weekdays);
    const overlapping = {
      ...weekdays,
      6: [
        { start: '09:00', end: '11:00' },
        { start: '10:00', end: '12:00' },
      ],
    };
    expect(await t.call('admin-window', 'calendar.setReceptionSessions', { sessions: overlapping })).toMatchObject({
      ok: false,
      error: { code: 'WORKING_TIME_CALENDAR_INVALID' },
    });
  });
});
