import type { LockReason } from './roles';

export const MAX_FAILED_ATTEMPTS = 5;
export const INACTIVITY_LOCK_DAYS = 365;
export const DEFAULT_IDLE_LOCK_MINUTES = 10;
export const IDLE_LOCK_MINUTES_RANGE = { min: 1, max: 240 } as const;

const DAY_MS = 24 * 60 * 60 * 1000;

export interface AccountLockState {
  status: 'active' | 'locked';
  lockReason: LockReason | null;
  failedAttempts: number;
  createdAt: string;
  lastSignInAt: string | null;
  reactivatedAt: string | null;
}

/** An account nobody signed in with for a year is locked at its next sign-in attempt (Decree 13 style dormant-account rule). */
export function isInactiveTooLong(account: AccountLockState, now: Date): boolean {
  const lastUse = Math.max(
    ...[account.createdAt, account.lastSignInAt, account.reactivatedAt].filter((t): t is string => t !== null).map(Date.parse),
  );
  return now.getTime() - lastUse > INACTIVITY_LOCK_DAYS * DAY_MS;
}

export type FailedAttemptOutcome =
  { kind: 'counted'; failedAttempts: number; remaining: number } | { kind: 'locked'; failedAttempts: number };

/** Failed attempts count in a row; the fifth locks the account until an admin unlocks it. */
export function registerFailedAttempt(previousFailures: number): FailedAttemptOutcome {
  const failedAttempts = previousFailures + 1;
  if (failedAttempts >= MAX_FAILED_ATTEMPTS) return { kind: 'locked', failedAttempts };
  return { kind: 'counted', failedAttempts, remaining: MAX_FAILED_ATTEMPTS - failedAttempts };
}

export function isIdleExpired(lastActivityAt: number, now: number, idleLockMinutes: number): boolean {
  return now - lastActivityAt >= idleLockMinutes * 60_000;
}
