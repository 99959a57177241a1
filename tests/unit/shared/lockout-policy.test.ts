import { describe, expect, it } from 'vitest';
import { isIdleExpired, isInactiveTooLong, MAX_FAILED_ATTEMPTS, registerFailedAttempt } from '../../../shared/auth/lockout-policy';

describe('registerFailedAttempt', () => {
  it('counts the first four failures and tells how many remain', () => {
    expect(registerFailedAttempt(0)).toEqual({ kind: 'counted', failedAttempts: 1, remaining: 4 });
    expect(registerFailedAttempt(3)).toEqual({ kind: 'counted', failedAttempts: 4, remaining: 1 });
  });

  it('locks on the fifth failure in a row', () => {
    expect(MAX_FAILED_ATTEMPTS).toBe(5);
    expect(registerFailedAttempt(4)).toEqual({ kind: 'locked', failedAttempts: 5 });
  });

  it('stays locked past the limit', () => {
    expect(registerFailedAttempt(9).kind).toBe('locked');
  });
});

describe('isInactiveTooLong', () => {
  const base = { status: 'active' as const, lockReason: null, failedAttempts: 0, reactivatedAt: null };
  const now = new Date('2026-06-01T00:00:00Z');

  it('uses the last sign-in when there is one', () => {
    expect(isInactiveTooLong({ ...base, createdAt: '2020-01-01T00:00:00Z', lastSignInAt: '2025-06-02T00:00:00Z' }, now)).toBe(false);
    expect(isInactiveTooLong({ ...base, createdAt: '2020-01-01T00:00:00Z', lastSignInAt: '2025-05-31T00:00:00Z' }, now)).toBe(true);
  });

  it('counts from creation for an account never used', () => {
    expect(isInactiveTooLong({ ...base, createdAt: '2025-05-01T00:00:00Z', lastSignInAt: null }, now)).toBe(true);
    expect(isInactiveTooLong({ ...base, createdAt: '2026-05-01T00:00:00Z', lastSignInAt: null }, now)).toBe(false);
  });

  it('gives an account unlocked by an admin a fresh year', () => {
    expect(
      isInactiveTooLong(
        { ...base, createdAt: '2020-01-01T00:00:00Z', lastSignInAt: '2021-01-01T00:00:00Z', reactivatedAt: '2026-05-30T00:00:00Z' },
        now,
      ),
    ).toBe(false);
  });
});

describe('isIdleExpired', () => {
  it('expires exactly at the configured minutes, not before', () => {
    expect(isIdleExpired(0, 10 * 60_000 - 1, 10)).toBe(false);
    expect(isIdleExpired(0, 10 * 60_000, 10)).toBe(true);
  });
});
