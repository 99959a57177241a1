import { describe, expect, it } from 'vitest';
import { ADMIN, MINUTE, OFFICER, startWithAdmin } from '../../helpers/test-core';

describe('idle screen lock', () => {
  it('locks after the configured idle minutes and keeps the session underneath', async () => {
    const t = await startWithAdmin();
    t.clock.advance(9 * MINUTE);
    expect((await t.call('admin-window', 'health.info')).ok).toBe(true);
    t.clock.advance(10 * MINUTE);
    const locked = await t.call('admin-window', 'health.info');
    expect(locked).toMatchObject({ ok: false, error: { code: 'SESSION_LOCKED' } });
    expect(await t.must('admin-window', 'auth.session')).toMatchObject({
      locked: true,
      lockCause: 'idle',
      account: { username: 'quantri' },
    });
    expect(await t.must('admin-window', 'auth.heartbeat')).toEqual({ locked: true, lockCause: 'idle' });
  });

  it('says a lock the officer made is theirs, not the idle timeout, until it is unlocked', async () => {
    const t = await startWithAdmin();
    expect(await t.must('admin-window', 'auth.session')).toMatchObject({ locked: false, lockCause: null });
    await t.must('admin-window', 'auth.lockScreen');
    expect(await t.must('admin-window', 'auth.session')).toMatchObject({ locked: true, lockCause: 'manual' });
    // Staying locked past the idle time does not turn it into an idle lock.
    t.clock.advance(30 * MINUTE);
    expect(await t.must('admin-window', 'auth.heartbeat')).toEqual({ locked: true, lockCause: 'manual' });
    expect(await t.must('admin-window', 'auth.unlockScreen', { password: ADMIN.password })).toMatchObject({
      locked: false,
      lockCause: null,
    });
    // The window's own idle timer locks through the same channel and says so.
    await t.must('admin-window', 'auth.lockScreen', { cause: 'idle' });
    expect(await t.must('admin-window', 'auth.session')).toMatchObject({ locked: true, lockCause: 'idle' });
  });

  it('locks on the timer and tells the window, even with no call in flight', async () => {
    const t = await startWithAdmin();
    t.clock.advance(10 * MINUTE);
    t.core.services.auth.sweepIdle();
    expect(t.events).toContainEqual({ clientId: 'admin-window', event: 'session.changed', payload: { state: 'locked', reason: 'idle' } });
  });

  it('stays unlocked while heartbeats report activity', async () => {
    const t = await startWithAdmin();
    for (let i = 0; i < 5; i++) {
      t.clock.advance(5 * MINUTE);
      expect(await t.must('admin-window', 'auth.heartbeat')).toEqual({ locked: false, lockCause: null });
    }
  });

  it('does not count a session poll as activity', async () => {
    const t = await startWithAdmin();
    for (let i = 0; i < 3; i++) {
      t.clock.advance(4 * MINUTE);
      await t.must('admin-window', 'auth.session');
    }
    expect(await t.must('admin-window', 'auth.heartbeat')).toEqual({ locked: true, lockCause: 'idle' });
  });

  it('unlocks with the same password; wrong ones count toward the lockout', async () => {
    const t = await startWithAdmin();
    await t.must('admin-window', 'auth.lockScreen');
    const wrong = await t.call('admin-window', 'auth.unlockScreen', { password: 'sai' });
    expect(wrong).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID_CREDENTIALS_REMAINING' } });
    const unlocked = await t.must('admin-window', 'auth.unlockScreen', { password: ADMIN.password });
    expect(unlocked).toMatchObject({ locked: false });
    expect((await t.call('admin-window', 'health.info')).ok).toBe(true);
  });

  it('ends the session when unlock attempts lock the account', async () => {
    const t = await startWithAdmin();
    await t.must('admin-window', 'admin.createAccount', OFFICER);
    await t.must('admin-window', 'admin.resetPassword', {
      accountId: (await t.core.services.accounts.list()).find((a) => a.username === OFFICER.username)!.id,
      newPassword: OFFICER.password,
    });
    await t.must('o', 'auth.signIn', { username: OFFICER.username, password: OFFICER.password });
    await t.must('o', 'auth.lockScreen');
    for (let i = 0; i < 5; i++) await t.call('o', 'auth.unlockScreen', { password: 'sai' });
    expect(await t.must('o', 'auth.session')).toBeNull();
    expect(t.events).toContainEqual({ clientId: 'o', event: 'session.changed', payload: { state: 'signedOut', reason: 'accountLocked' } });
  });

  it('uses the idle minutes an admin sets, within bounds', async () => {
    const t = await startWithAdmin();
    expect(await t.must('admin-window', 'admin.updateSettings', { idleLockMinutes: 3 })).toEqual({ idleLockMinutes: 3 });
    const tooLong = await t.call('admin-window', 'admin.updateSettings', { idleLockMinutes: 100000 });
    expect(tooLong).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    t.clock.advance(3 * MINUTE);
    expect(await t.must('admin-window', 'auth.heartbeat')).toEqual({ locked: true, lockCause: 'idle' });
  });
});

describe('access rules from the contract', () => {
  it('refuses signed-out callers', async () => {
    const t = await startWithAdmin();
    expect(await t.call('stranger', 'health.info')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
    expect(await t.call('stranger', 'admin.listAccounts')).toMatchObject({ ok: false, error: { code: 'NOT_SIGNED_IN' } });
  });

  it('keeps officers out of admin channels', async () => {
    const t = await startWithAdmin();
    const officer = await t.must('admin-window', 'admin.createAccount', OFFICER);
    await t.must('admin-window', 'admin.resetPassword', { accountId: officer.id, newPassword: 'TamThoi2026' });
    await t.must('o', 'auth.signIn', { username: OFFICER.username, password: 'TamThoi2026' });
    await t.must('o', 'auth.changePassword', { currentPassword: 'TamThoi2026', newPassword: OFFICER.password });
    expect(await t.call('o', 'admin.listAccounts')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    expect(await t.call('o', 'audit.verify')).toMatchObject({ ok: false, error: { code: 'FORBIDDEN_ROLE' } });
    expect((await t.call('o', 'health.info')).ok).toBe(true);
  });

  it('lets a supervisor read and verify the audit log but not manage accounts', async () => {
    const t = await startWithAdmin();
    const sup = await t.must('admin-window', 'admin.createAccount', { ...OFFICER, username: 'lanhdao', role: 'supervisor' });
    await t.must('s', 'auth.signIn', { username: 'lanhdao', password: OFFICER.password });
    await t.must('s', 'auth.changePassword', { currentPassword: OFFICER.password, newPassword: 'LanhDao2026' });
    expect(sup.role).toBe('supervisor');
    expect((await t.call('s', 'audit.verify')).ok).toBe(true);
    expect(await t.call('s', 'admin.createAccount', { ...OFFICER, username: 'x1' })).toMatchObject({
      ok: false,
      error: { code: 'FORBIDDEN_ROLE' },
    });
  });

  it('makes a user with a temporary password change it before anything else', async () => {
    const t = await startWithAdmin();
    await t.must('admin-window', 'admin.createAccount', OFFICER);
    const session = await t.must('o', 'auth.signIn', { username: OFFICER.username, password: OFFICER.password });
    expect(session.account.mustChangePassword).toBe(true);
    expect(await t.call('o', 'health.info')).toMatchObject({ ok: false, error: { code: 'AUTH_MUST_CHANGE_PASSWORD' } });
    const weak = await t.call('o', 'auth.changePassword', { currentPassword: OFFICER.password, newPassword: 'ngan1' });
    expect(weak).toMatchObject({ ok: false, error: { code: 'PASSWORD_TOO_SHORT' } });
    const wrongCurrent = await t.call('o', 'auth.changePassword', { currentPassword: 'sai', newPassword: 'MoiMoi2026' });
    expect(wrongCurrent).toMatchObject({ ok: false, error: { code: 'AUTH_WRONG_CURRENT_PASSWORD' } });
    const changed = await t.must('o', 'auth.changePassword', { currentPassword: OFFICER.password, newPassword: 'MoiMoi2026' });
    expect(changed.account.mustChangePassword).toBe(false);
    expect((await t.call('o', 'health.info')).ok).toBe(true);
  });

  it('rejects unknown channels', async () => {
    const t = await startWithAdmin();
    expect(await t.core.dispatch('admin-window', 'admin.dropDatabase', {})).toMatchObject({
      ok: false,
      error: { code: 'UNKNOWN_CHANNEL' },
    });
    expect(await t.core.dispatch('admin-window', '__proto__', {})).toMatchObject({ ok: false, error: { code: 'UNKNOWN_CHANNEL' } });
  });
});
