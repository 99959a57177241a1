import { describe, expect, it } from 'vitest';
import { errorMessage } from '../../../shared/i18n/vi';
import { KHAI_SINH, startReception, startWithAdmin } from '../../helpers/test-core';

describe('working calendar', () => {
  it('suggests the 2026 holidays with Tết and Giỗ Tổ from the Vietnamese lunar calendar', async () => {
    const t = await startWithAdmin();
    const days = await t.must('admin-window', 'calendar.suggestHolidays', { year: 2026 });
    const byName = (part: string) => days.filter((d: { name: string }) => d.name.includes(part)).map((d: { date: string }) => d.date);
    expect(byName('mùng 1')).toEqual(['2026-02-17']);
    expect(byName('ngày cuối năm cũ')).toEqual(['2026-02-16']);
    expect(byName('Giỗ Tổ')).toEqual(['2026-04-26', '2026-04-27']);
    expect(days.find((d: { date: string }) => d.date === '2026-04-27')).toMatchObject({ basis: 'compensatory' });
    expect(byName('Quốc tế Lao động')).toEqual(['2026-05-01']);
  });

  it.each([
    [2030, '2030-02-02'],
    [2007, '2007-02-17'],
  ])('uses UTC+7, not the Chinese calendar (a day later in %i), for Tết', async (year, tet) => {
    const t = await startWithAdmin();
    const days = await t.must('admin-window', 'calendar.suggestHolidays', { year });
    expect(days.find((d: { name: string }) => d.name.includes('mùng 1'))?.date).toBe(tet);
  });

  it('refuses years outside 2000–2099', async () => {
    const t = await startWithAdmin();
    expect(await t.call('admin-window', 'calendar.suggestHolidays', { year: 1985 })).toMatchObject({
      ok: false,
      error: { code: 'CALENDAR_YEAR_INVALID' },
    });
  });

  it('moves the due date over a day off the admin adds', async () => {
    const t = await startReception();
    expect((await t.must('admin-window', 'reception.dueDate', { procedureCode: '1.000656.000.00.00.H56' })).dueLocal).toBeTruthy();
    t.clock.set('2026-03-02T09:00:00.000Z'); // 16:00 Monday local; the screen locked meanwhile
    await t.must('admin-window', 'auth.unlockScreen', { password: 'QuanTri2026' });
    const before = (await t.must('admin-window', 'reception.dueDate', { procedureCode: KHAI_SINH })).dueLocal;
    expect(before).toBe('2026-03-03T17:00'); // same-day, received after the 15:00 cut-off
    await t.must('admin-window', 'calendar.setDay', { date: '2026-03-03', kind: 'dayOff', name: 'Nghỉ bù (thử)' });
    expect((await t.must('admin-window', 'reception.dueDate', { procedureCode: KHAI_SINH })).dueLocal).toBe('2026-03-04T17:00');
    await t.must('admin-window', 'calendar.removeDay', { date: '2026-03-03' });
    expect((await t.must('admin-window', 'reception.dueDate', { procedureCode: KHAI_SINH })).dueLocal).toBe(before);
    expect((await t.must('admin-window', 'calendar.year', { year: 2026 })).days).toEqual([]);
  });

  it('warns when the due date is counted through a year with no day off entered', async () => {
    const t = await startReception();
    t.clock.set('2026-12-31T09:00:00.000Z'); // 16:00 Thursday local: due on Friday 01/01/2027
    await t.must('admin-window', 'auth.unlockScreen', { password: 'QuanTri2026' });
    const empty = await t.must('admin-window', 'reception.dueDate', { procedureCode: KHAI_SINH });
    expect(empty.calendarWarning).toEqual({
      years: [2026, 2027],
      message: errorMessage('CALENDAR_YEAR_WITHOUT_DAYS_OFF', { years: '2026, 2027' }),
    });
    await t.must('admin-window', 'calendar.setDay', { date: '2026-09-02', kind: 'dayOff', name: 'Quốc khánh' });
    await t.must('admin-window', 'calendar.setDay', { date: '2027-01-01', kind: 'dayOff', name: 'Tết Dương lịch' });
    const filled = await t.must('admin-window', 'reception.dueDate', { procedureCode: KHAI_SINH });
    expect(filled.calendarWarning).toBeUndefined();
    expect(filled.dueLocal).toBe('2027-01-04T17:00');
  });

  it('refuses overlapping sessions and a malformed day, keeping the calendar', async () => {
    const t = await startWithAdmin();
    const sessions = {
      0: [],
      1: [
        { start: '07:30', end: '11:30' },
        { start: '11:00', end: '17:00' },
      ],
      2: [],
      3: [],
      4: [],
      5: [],
      6: [],
    };
    expect(await t.call('admin-window', 'calendar.setSessions', { sessions })).toMatchObject({
      ok: false,
      error: { code: 'WORKING_TIME_CALENDAR_INVALID', message: expect.stringContaining('trùng') },
    });
    expect(await t.call('admin-window', 'calendar.setDay', { date: '2026-02-30', kind: 'dayOff', name: 'x' })).toMatchObject({
      ok: false,
      error: { code: 'CALENDAR_DAY_INVALID' },
    });
    expect((await t.must('admin-window', 'calendar.year', { year: 2026 })).sessions[1]).toEqual([
      { start: '07:30', end: '11:30' },
      { start: '13:00', end: '17:00' },
    ]);
  });
});

describe('procedure catalogue', () => {
  it('is seeded from the sample and found without diacritics or by initials', async () => {
    const t = await startWithAdmin();
    const names = async (query: string) =>
      (await t.must('admin-window', 'catalog.search', { query, limit: 3 })).map((p: { name: string }) => p.name);
    expect((await names('dang ky khai sinh'))[0]).toMatch(/đăng ký khai sinh$/i);
    expect((await names('ĐKKS'))[0]).toMatch(/đăng ký khai sinh$/i);
    expect((await names('ly lich tu phap'))[0]).toMatch(/lý lịch tư pháp/i);
    expect((await t.must('admin-window', 'catalog.get', { code: KHAI_SINH })).components.length).toBeGreaterThanOrEqual(2);
  });

  it('imports a JSON catalogue, reports broken rows and keeps dossiers’ procedures searchable', async () => {
    const t = await startWithAdmin();
    const good = {
      code: '9.900001',
      name: 'Thủ tục thử nghiệm cấp giấy xác nhận',
      sectorName: 'Thử nghiệm',
      level: 'commune',
      duration: { unit: 'workingDays', value: 2 },
      components: [{ code: 'TP1', name: 'Đơn đề nghị', required: true }],
    };
    const broken = { code: '', name: 'Thiếu mã', sectorName: 'x', level: 'commune', duration: { unit: 'weeks', value: 1 }, components: [] };
    const report = await t.must('admin-window', 'catalog.importJson', { text: JSON.stringify({ version: 1, procedures: [good, broken] }) });
    expect(report).toMatchObject({ added: 1, rejected: [{ row: 2 }] });
    expect(report.deactivated).toBeGreaterThan(30);
    expect(report.rejected[0].problems.length).toBeGreaterThan(0);
    expect((await t.must('admin-window', 'catalog.search', { query: 'giay xac nhan' }))[0].code).toBe('9.900001');
    expect(await t.call('admin-window', 'catalog.get', { code: KHAI_SINH })).toMatchObject({
      ok: false,
      error: { code: 'PROCEDURE_NOT_FOUND' },
    });
  });

  it.each([
    ['{not json', 'CATALOG_NOT_JSON'],
    [JSON.stringify({ version: 1, procedures: [{ code: '' }] }), 'CATALOG_IMPORT_EMPTY'],
  ])('keeps the current catalogue when the file is %j', async (text, code) => {
    const t = await startWithAdmin();
    const result = await t.call('admin-window', 'catalog.importJson', { text });
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toMatch(new RegExp(`^${code}`));
    expect((await t.must('admin-window', 'catalog.get', { code: KHAI_SINH })).code).toBe(KHAI_SINH);
  });

  it('lets only admins import', async () => {
    const t = await startWithAdmin();
    await t.must('admin-window', 'admin.createAccount', { username: 'canbo', fullName: 'Cán Bộ', password: 'CanBo2026x', role: 'officer' });
    await t.must('o', 'auth.signIn', { username: 'canbo', password: 'CanBo2026x' });
    await t.must('o', 'auth.changePassword', { currentPassword: 'CanBo2026x', newPassword: 'CanBo2026y' });
    expect(await t.call('o', 'catalog.importJson', { text: '{}' })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    expect((await t.call('o', 'catalog.search', { query: 'khai sinh' })).ok).toBe(true);
  });
});
