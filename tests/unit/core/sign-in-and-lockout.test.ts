import { describe, expect, it } from 'vitest';
import { ADMIN, DAY, OFFICER, startTestCore, startWithAdmin } from '../../helpers/test-core';

describe('first run', () => {
  it('asks for the site administrator and refuses sign-in until one exists', async () => {
    const t = await startTestCore();
    expect(await t.must('w', 'app.firstRunStatus')).toEqual({ needsFirstAdmin: true });
    const early = await t.call('w', 'auth.signIn', { username: 'admin', password: 'admin' });
    expect(early).toMatchObject({ ok: false, error: { code: 'AUTH_FIRST_RUN_REQUIRED' } });
    const admin = await t.must('w', 'app.createFirstAdmin', ADMIN);
    expect(admin).toMatchObject({ username: 'quantri', role: 'admin', status: 'active', mustChangePassword: false });
    expect(admin).not.toHaveProperty('passwordHash');
    expect(await t.must('w', 'app.firstRunStatus')).toEqual({ needsFirstAdmin: false });
  });

  it('cannot be repeated once an administrator exists', async () => {
    const t = await startWithAdmin();
    const again = await t.call('x', 'app.createFirstAdmin', { ...ADMIN, username: 'intruder' });
    expect(again).toMatchObject({ ok: false, error: { code: 'AUTH_FIRST_RUN_DONE' } });
    expect((await t.must('admin-window', 'admin.listAccounts')).map((a: { username: string }) => a.username)).toEqual(['quantri']);
  });

  it('lets only one of two simultaneous first-run requests win', async () => {
    const t = await startTestCore();
    const results = await Promise.all([
      t.call('a', 'app.createFirstAdmin', { ...ADMIN, username: 'first' }),
      t.call('b', 'app.createFirstAdmin', { ...ADMIN, username: 'second' }),
    ]);
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.find((r) => !r.ok)).toMatchObject({ error: { code: 'AUTH_FIRST_RUN_DONE' } });
  });

  it('stores a salted slow hash, never the password', async () => {
    const t = await startTestCore();
    await t.must('w', 'app.createFirstAdmin', ADMIN);
    const stored = t.core.database.sqlite.prepare(`SELECT password_hash FROM accounts`).pluck().get() as string;
    expect(stored).toMatch(/^scrypt\$\d+\$8\$1\$/);
    expect(stored).not.toContain(ADMIN.password);
  });
});

describe('sign-in', () => {
  it('signs in case-insensitively and records it in the audit log', async () => {
    const t = await startWithAdmin();
    const session = await t.must('w2', 'auth.signIn', { username: 'QuanTri', password: ADMIN.password });
    expect(session).toMatchObject({ account: { username: 'quantri' }, locked: false, idleLockMinutes: 10 });
    const audit = await t.must('admin-window', 'audit.list', { limit: 10 });
    expect(audit[0]).toMatchObject({ action: 'auth.signedIn', actorUsername: 'quantri' });
  });

  it('gives the same message for an unknown user and a wrong password', async () => {
    const t = await startWithAdmin();
    // Attempt by attempt, an unknown name and a real one with a wrong password get the same answer,
    // the countdown and the lock included, so the answers do not tell which usernames exist.
    const answers = async (username: string) => {
      const out: unknown[] = [];
      for (let i = 0; i < 6; i++) {
        const answer = await t.call('w', 'auth.signIn', { username, password: 'sai' });
        out.push(answer.ok ? null : answer.error);
      }
      return out;
    };
    const unknown = await answers('khongco');
    expect(unknown[0]).toMatchObject({
      code: 'AUTH_INVALID_CREDENTIALS_REMAINING',
      message: expect.stringMatching(/^Tên đăng nhập hoặc mật khẩu không đúng\. Còn 4 lần thử/),
    });
    expect(unknown[5]).toMatchObject({ code: 'AUTH_ACCOUNT_LOCKED_FAILED_ATTEMPTS' });
    expect(await answers(ADMIN.username)).toEqual(unknown);
  });

  it('treats SQL-like input as an ordinary wrong username and keeps the data', async () => {
    const t = await startWithAdmin();
    for (const username of ["' OR 1=1 --", "quantri'; DROP TABLE accounts; --", 'quantri" OR ""="']) {
      const result = await t.call('w', 'auth.signIn', { username, password: "' OR '1'='1" });
      expect(result).toMatchObject({ ok: false, error: { code: 'AUTH_INVALID_CREDENTIALS_REMAINING' } });
    }
    expect(t.core.database.sqlite.prepare(`SELECT count(*) FROM accounts`).pluck().get()).toBe(1);
    expect(await t.must('w', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password })).toBeTruthy();
  });

  it.each([
    [{ username: '', password: '' }, 'AUTH_INVALID_CREDENTIALS'],
    [{ username: 'a'.repeat(257), password: 'x' }, 'INVALID_INPUT'],
    [{ username: 'quantri', password: 'x'.repeat(600) }, 'INVALID_INPUT'],
    [{ username: 42, password: null }, 'INVALID_INPUT'],
    ['not an object', 'INVALID_INPUT'],
  ])('rejects bad input %j with %s', async (input, code) => {
    const t = await startWithAdmin();
    const result = await t.call('w', 'auth.signIn', input);
    expect(result).toMatchObject({ ok: false, error: { code } });
    if (!result.ok) expect(result.error.message).toMatch(/[àáảãạăâđêôơư]/i);
  });
});

describe('lockout after five wrong passwords', () => {
  it('counts down, locks on the fifth, refuses the right password, and an admin unlocks', async () => {
    const t = await startWithAdmin();
    await t.must('admin-window', 'admin.createAccount', OFFICER);
    const messages: string[] = [];
    for (let i = 1; i <= 5; i++) {
      const result = await t.call('officer-window', 'auth.signIn', { username: OFFICER.username, password: `sai-${i}` });
      expect(result.ok).toBe(false);
      if (!result.ok) messages.push(result.error.code);
    }
    expect(messages).toEqual([
      'AUTH_INVALID_CREDENTIALS_REMAINING',
      'AUTH_INVALID_CREDENTIALS_REMAINING',
      'AUTH_INVALID_CREDENTIALS_REMAINING',
      'AUTH_INVALID_CREDENTIALS_REMAINING',
      'AUTH_ACCOUNT_LOCKED_FAILED_ATTEMPTS',
    ]);
    const right = await t.call('officer-window', 'auth.signIn', { username: OFFICER.username, password: OFFICER.password });
    expect(right).toMatchObject({ ok: false, error: { code: 'AUTH_ACCOUNT_LOCKED_FAILED_ATTEMPTS' } });

    const accounts = await t.must('admin-window', 'admin.listAccounts');
    const officer = accounts.find((a: { username: string }) => a.username === OFFICER.username);
    expect(officer).toMatchObject({ status: 'locked', lockReason: 'failedAttempts', failedAttempts: 5 });

    await t.must('admin-window', 'admin.setAccountLocked', { accountId: officer.id, locked: false });
    const after = await t.must('officer-window', 'auth.signIn', { username: OFFICER.username, password: OFFICER.password });
    expect(after.account).toMatchObject({ status: 'active', failedAttempts: 0 });

    const actions = (await t.must('admin-window', 'audit.list', { limit: 50 })).map((e: { action: string }) => e.action);
    expect(actions.filter((a: string) => a === 'auth.signInFailed')).toHaveLength(6);
    expect(actions).toContain('auth.accountLocked');
    expect(actions).toContain('admin.accountUnlocked');
    expect((await t.must('admin-window', 'audit.verify')).ok).toBe(true);
  });

  it('counts failures in a row only: a success resets the count', async () => {
    const t = await startWithAdmin();
    for (let i = 0; i < 4; i++) await t.call('w', 'auth.signIn', { username: ADMIN.username, password: 'sai' });
    await t.must('w', 'auth.signIn', { username: ADMIN.username, password: ADMIN.password });
    const next = await t.call('w', 'auth.signIn', { username: ADMIN.username, password: 'sai' });
    expect(next).toMatchObject({
      ok: false,
      error: { code: 'AUTH_INVALID_CREDENTIALS_REMAINING', message: expect.stringContaining('Còn 4 lần') },
    });
  });

  it('counts parallel wrong guesses without losing any', async () => {
    const t = await startWithAdmin();
    await Promise.all(Array.from({ length: 5 }, () => t.call('w', 'auth.signIn', { username: ADMIN.username, password: 'sai' })));
    const row = t.core.database.sqlite.prepare(`SELECT status, failed_attempts FROM accounts WHERE username = 'quantri'`).get();
    expect(row).toEqual({ status: 'locked', failed_attempts: 5 });
  });
});

describe('accounts unused for a year', () => {
  it('are locked at the next sign-in, and unlocking gives them a fresh year', async () => {
    const t = await startWithAdmin();
    await t.must('admin-window', 'admin.createAccount', OFFICER);
    await t.must('o', 'auth.signIn', { username: OFFICER.username, password: OFFICER.password });
    await t.must('o', 'auth.signOut');
    t.clock.advance(366 * DAY);
    const result = await t.call('o', 'auth.signIn', { username: OFFICER.username, password: OFFICER.password });
    expect(result).toMatchObject({
      ok: false,
      error: { code: 'AUTH_ACCOUNT_LOCKED_INACTIVE', message: expect.stringContaining('12 tháng') },
    });

    const accounts = await t.core.services.accounts.list();
    const officer = accounts.find((a) => a.username === OFFICER.username)!;
    expect(officer).toMatchObject({ status: 'locked', lockReason: 'inactive' });
    t.core.services.accounts.setLocked({ accountId: null, username: 'cli:test' }, officer.id, false);
    expect((await t.call('o', 'auth.signIn', { username: OFFICER.username, password: OFFICER.password })).ok).toBe(true);
  });
});
