import { describe, expect, it } from 'vitest';
import { latestMigration, OFFICER, startWithAdmin } from '../../helpers/test-core';

describe('account administration', () => {
  it('creates accounts with normalized names and refuses duplicates', async () => {
    const t = await startWithAdmin();
    const created = await t.must('admin-window', 'admin.createAccount', {
      ...OFFICER,
      username: ' CanBo01 ',
      fullName: '  Lê   Văn  Cán Bộ ',
    });
    expect(created).toMatchObject({ username: 'canbo01', fullName: 'Lê Văn Cán Bộ', role: 'officer', mustChangePassword: true });
    const dup = await t.call('admin-window', 'admin.createAccount', OFFICER);
    expect(dup).toMatchObject({ ok: false, error: { code: 'USERNAME_TAKEN', message: expect.stringContaining('canbo01') } });
  });

  it.each([
    [{ ...OFFICER, username: 'nguyễn' }, 'USERNAME_INVALID'],
    [{ ...OFFICER, fullName: '   ' }, 'FULL_NAME_INVALID'],
    [{ ...OFFICER, password: 'short1' }, 'PASSWORD_TOO_SHORT'],
    [{ ...OFFICER, password: 'a1'.repeat(100) }, 'PASSWORD_TOO_LONG'],
    [{ ...OFFICER, role: 'superuser' }, 'INVALID_INPUT'],
    [{ ...OFFICER, fullName: 'Đ'.repeat(1000) }, 'INVALID_INPUT'],
  ])('rejects %j with %s and stores nothing', async (input, code) => {
    const t = await startWithAdmin();
    expect(await t.call('admin-window', 'admin.createAccount', input)).toMatchObject({ ok: false, error: { code } });
    expect((await t.must('admin-window', 'admin.listAccounts')).length).toBe(1);
  });

  it('locking a signed-in user ends their session and tells their window', async () => {
    const t = await startWithAdmin();
    const officer = await t.must('admin-window', 'admin.createAccount', OFFICER);
    await t.must('o', 'auth.signIn', { username: OFFICER.username, password: OFFICER.password });
    const locked = await t.must('admin-window', 'admin.setAccountLocked', { accountId: officer.id, locked: true });
    expect(locked).toMatchObject({ status: 'locked', lockReason: 'admin' });
    expect(await t.must('o', 'auth.session')).toBeNull();
    expect(t.events).toContainEqual({ clientId: 'o', event: 'session.changed', payload: { state: 'signedOut', reason: 'accountLocked' } });
    expect(await t.call('o2', 'auth.signIn', { username: OFFICER.username, password: OFFICER.password })).toMatchObject({
      ok: false,
      error: { code: 'AUTH_ACCOUNT_LOCKED_BY_ADMIN' },
    });
  });

  it('never leaves the site without an active admin', async () => {
    const t = await startWithAdmin();
    const me = (await t.must('admin-window', 'auth.session')).account;
    expect(await t.call('admin-window', 'admin.setAccountLocked', { accountId: me.id, locked: true })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_SELF_LOCK' },
    });
    expect(await t.call('admin-window', 'admin.changeRole', { accountId: me.id, role: 'officer' })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_LAST_ADMIN' },
    });
    const second = await t.must('admin-window', 'admin.createAccount', { ...OFFICER, username: 'quantri2', role: 'admin' });
    expect((await t.must('admin-window', 'admin.changeRole', { accountId: second.id, role: 'supervisor' })).role).toBe('supervisor');
  });

  it('resets a password so the user must choose a new one, and audits every change', async () => {
    const t = await startWithAdmin();
    const officer = await t.must('admin-window', 'admin.createAccount', OFFICER);
    await t.must('admin-window', 'admin.changeRole', { accountId: officer.id, role: 'supervisor' });
    const reset = await t.must('admin-window', 'admin.resetPassword', { accountId: officer.id, newPassword: 'DatLai2026' });
    expect(reset.mustChangePassword).toBe(true);
    expect((await t.call('o', 'auth.signIn', { username: OFFICER.username, password: OFFICER.password })).ok).toBe(false);
    expect((await t.call('o', 'auth.signIn', { username: OFFICER.username, password: 'DatLai2026' })).ok).toBe(true);
    const actions = (await t.must('admin-window', 'audit.list', { limit: 20 })).map((e: { action: string }) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['admin.accountCreated', 'admin.roleChanged', 'admin.passwordReset']));
    expect(await t.call('admin-window', 'admin.resetPassword', { accountId: 'no-such-id', newPassword: 'DatLai2026' })).toMatchObject({
      ok: false,
      error: { code: 'ACCOUNT_NOT_FOUND' },
    });
  });

  it('shows the audit chain as intact in health, and broken once tampered with', async () => {
    const t = await startWithAdmin();
    const health = await t.must('admin-window', 'health.info');
    expect(health).toMatchObject({
      appVersion: '0.0.0-test',
      dataDir: t.dataDir,
      migration: { applied: latestMigration().count, latestTag: latestMigration().tag },
      integrity: { ok: true, details: [] },
      auditChain: { ok: true },
    });
    expect(health.databaseBytes).toBeGreaterThan(0);
    const sqlite = t.core.database.sqlite;
    sqlite.exec(`DROP TRIGGER audit_log_no_update; UPDATE audit_log SET actor_username = 'ai-do' WHERE seq = 1`);
    expect(await t.must('admin-window', 'audit.verify')).toMatchObject({ ok: false, firstBadSeq: 1, problem: 'hashMismatch' });
  });
});
