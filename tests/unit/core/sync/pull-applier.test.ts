import { afterEach, describe, expect, it } from 'vitest';
import { AccountsRepository } from '../../../../db/repositories/accounts-repository';
import { CalendarRepository } from '../../../../db/repositories/calendar-repository';
import { CatalogRepository } from '../../../../db/repositories/catalog-repository';
import { DossierRepository } from '../../../../db/repositories/dossier-repository';
import { SettingsRepository } from '../../../../db/repositories/settings-repository';
import { FAST_SCRYPT_COST, ScryptPasswordHasher } from '../../../../electron/core/accounts/scrypt-password-hasher';
import { newId } from '../../../../electron/core/platform/uuid-ids';
import { PullApplier, PROVINCE_ACTOR } from '../../../../electron/core/sync/pull-applier';
import type { Change } from '../../../../shared/sync/protocol';
import { khaiSinhDraft, OFFICER, startReception, type TestCore } from '../../../helpers/test-core';

const cores: TestCore[] = [];
afterEach(() => {
  for (const t of cores.splice(0)) t.core.close();
});

async function counter(): Promise<{ t: TestCore; applier: PullApplier }> {
  const t = await startReception();
  cores.push(t);
  const { db, sqlite } = t.core.database;
  const applier = new PullApplier({
    catalog: new CatalogRepository(db, newId),
    calendar: new CalendarRepository(db),
    accounts: new AccountsRepository(db),
    dossiers: new DossierRepository(db),
    settings: new SettingsRepository(db),
    newId,
    transaction: (work) => sqlite.transaction(work).immediate(),
  });
  return { t, applier };
}

const hasher = new ScryptPasswordHasher(FAST_SCRYPT_COST);
const AT = '2026-03-02T02:00:00.000Z';

function staff(overrides: Partial<Extract<Change, { kind: 'staff' }>['data']> = {}): Change {
  return {
    kind: 'staff',
    key: overrides.username ?? 'canbo07',
    data: {
      username: 'canbo07',
      fullName: 'Trần Thị Bảy',
      role: 'officer',
      passwordHash: 'scrypt$1024$8$1$AAAA$BBBB',
      locked: false,
      agencyCode: '000.00.06.H56',
      mustChangePassword: false,
      ...overrides,
    },
  };
}

function dump(t: TestCore): unknown {
  const q = (sql: string) => t.core.database.sqlite.prepare(sql).all();
  return {
    accounts: q('SELECT username, full_name, role, password_hash, status, lock_reason FROM accounts ORDER BY username'),
    calendar: q('SELECT date, kind, name FROM calendar_days ORDER BY date'),
    procedures: q('SELECT code, name, active FROM procedures ORDER BY code'),
    events: q('SELECT id, type, status FROM dossier_events ORDER BY id'),
    dossiers: q('SELECT code, status FROM dossiers ORDER BY code'),
  };
}

describe('applying the province change feed', () => {
  it('upserts procedures, agencies and calendar days and keeps the cursor with them', async () => {
    const { t, applier } = await counter();
    const procedure = t.core.services.catalog.get('1.001193.000.00.00.H56');
    const changes: Change[] = [
      { kind: 'procedure', key: procedure.code, data: { ...procedure, name: 'Đăng ký khai sinh (cập nhật)' } },
      {
        kind: 'procedure',
        key: '9.999999.000.00.00.H56',
        data: { ...procedure, code: '9.999999.000.00.00.H56', name: 'Thủ tục mới của tỉnh' },
      },
      { kind: 'agency', key: '000.00.06.H56', data: { code: '000.00.06.H56', name: 'UBND xã Quảng Phú', parentCode: '000.00.00.H56' } },
      { kind: 'calendarDay', key: '2026-04-27', data: { date: '2026-04-27', kind: 'dayOff', name: 'Nghỉ bù Giỗ Tổ' } },
    ];
    expect(applier.cursor()).toBe('');
    expect(applier.applyPage(changes, '42', AT)).toMatchObject({ applied: 4, catalogChanged: true });
    expect(applier.cursor()).toBe('42');
    t.core.services.catalog.invalidate();
    expect(t.core.services.catalog.get(procedure.code).name).toBe('Đăng ký khai sinh (cập nhật)');
    expect(t.core.services.catalog.get('9.999999.000.00.00.H56').name).toBe('Thủ tục mới của tỉnh');
    expect(applier.agencies()['000.00.06.H56']).toMatchObject({ name: 'UBND xã Quảng Phú' });
    expect(t.core.services.calendar.calendar().holidays).toContain('2026-04-27');
  });

  it('lets a pulled officer sign in offline with the province hash, and a second copy of the page changes nothing', async () => {
    const { t, applier } = await counter();
    const passwordHash = await hasher.hash('MatKhau2026');
    const page = [staff({ passwordHash })];
    applier.applyPage(page, '1', AT);
    const before = dump(t);
    expect(applier.applyPage(page, '1', AT).applied).toBe(0);
    expect(dump(t)).toEqual(before);
    await t.must('officer-window', 'auth.signIn', { username: 'canbo07', password: 'MatKhau2026' });
  });

  it('carries a lock set at another counter here and ends the locked officer’s sessions', async () => {
    const { t, applier } = await counter();
    await t.must('admin-window', 'admin.createAccount', OFFICER);
    const row = new AccountsRepository(t.core.database.db).findByUsername(OFFICER.username)!;
    const page = applier.applyPage(
      [staff({ username: OFFICER.username, fullName: OFFICER.fullName, passwordHash: row.passwordHash, locked: true })],
      '2',
      AT,
    );
    expect(page.lockedAccountIds).toEqual([row.id]);
    expect(new AccountsRepository(t.core.database.db).findByUsername(OFFICER.username)).toMatchObject({
      status: 'locked',
      lockReason: 'admin',
    });
    const unlocked = applier.applyPage(
      [staff({ username: OFFICER.username, fullName: OFFICER.fullName, passwordHash: row.passwordHash, locked: false })],
      '3',
      AT,
    );
    expect(unlocked.lockedAccountIds).toEqual([]);
    expect(new AccountsRepository(t.core.database.db).findByUsername(OFFICER.username)).toMatchObject({
      status: 'active',
      lockReason: null,
      failedAttempts: 0,
    });
  });

  it('records a back-office status once, shows it on the dossier, and never reopens a returned one', async () => {
    const { t, applier } = await counter();
    const { dossier } = await t.must('admin-window', 'reception.accept', { draft: await khaiSinhDraft(t) });
    const doneData = {
      code: dossier.code,
      status: 9,
      note: 'Đã ký giấy khai sinh',
      at: AT,
      eventId: '0190a5c8-0000-7000-8000-0000000000a1',
    };
    const done: Change = { kind: 'dossierStatus', key: dossier.code, data: doneData };
    expect(applier.applyPage([done], '4', AT).applied).toBe(1);
    expect(applier.applyPage([done], '4', AT).applied).toBe(0);
    const [found] = await t.must('admin-window', 'dossier.search', { text: dossier.code });
    expect(found.status).toBe(9);
    expect((await t.must('admin-window', 'dossier.open', { id: dossier.id })).status).toBe(9);
    const events = t.core.database.sqlite
      .prepare('SELECT type, status, actor_name FROM dossier_events WHERE dossier_id = ? ORDER BY at')
      .all(dossier.id);
    expect(events).toEqual([
      { type: 'received', status: 2, actor_name: expect.any(String) },
      { type: 'statusFromProvince', status: 9, actor_name: PROVINCE_ACTOR },
    ]);
    await t.must('admin-window', 'dossier.markReturned', {
      dossierId: dossier.id,
      collectorName: 'Nguyễn Thị Hồng Nhung',
      confirmUnsettled: { reason: 'Trả theo đề nghị của người dân' },
    });
    const late: Change = {
      kind: 'dossierStatus',
      key: dossier.code,
      data: { ...doneData, status: 4, eventId: '0190a5c8-0000-7000-8000-0000000000a2' },
    };
    applier.applyPage([late], '5', AT);
    expect((await t.must('admin-window', 'dossier.open', { id: dossier.id })).status).toBe(10);
  });

  it('skips a status for a dossier received at another counter, moving the cursor on', async () => {
    const { t, applier } = await counter();
    const before = dump(t);
    const other: Change = {
      kind: 'dossierStatus',
      key: 'x',
      data: { code: '000.00.06.H56-260302-0999', status: 9, note: '', at: AT, eventId: '0190a5c8-0000-7000-8000-0000000000b1' },
    };
    expect(applier.applyPage([other], '6', AT).applied).toBe(0);
    expect(dump(t)).toEqual(before);
    expect(applier.cursor()).toBe('6');
  });
});
