import type { ErrorCode } from '../i18n/vi';

export const PASSWORD_MIN_LENGTH = 8;
export const PASSWORD_MAX_LENGTH = 128;
export const FULL_NAME_MAX_LENGTH = 100;
export const USERNAME_PATTERN = /^[a-z0-9._-]{3,64}$/;

export interface PolicyViolation {
  code: ErrorCode;
  params?: Record<string, string | number>;
}

/** Usernames are compared case-insensitively; officers type them on shared keyboards. */
export function normalizeUsername(raw: string): string {
  return raw.normalize('NFC').trim().toLowerCase();
}

export function checkUsername(raw: string): PolicyViolation | null {
  return USERNAME_PATTERN.test(normalizeUsername(raw)) ? null : { code: 'USERNAME_INVALID' };
}

export function normalizeFullName(raw: string): string {
  return raw.normalize('NFC').replace(/\s+/g, ' ').trim();
}

export function checkFullName(raw: string): PolicyViolation | null {
  const name = normalizeFullName(raw);
  if (name.length === 0 || name.length > FULL_NAME_MAX_LENGTH) {
    return { code: 'FULL_NAME_INVALID', params: { max: FULL_NAME_MAX_LENGTH } };
  }
  return null;
}

export function checkNewPassword(password: string, username: string): PolicyViolation | null {
  if (password.length < PASSWORD_MIN_LENGTH) return { code: 'PASSWORD_TOO_SHORT', params: { min: PASSWORD_MIN_LENGTH } };
  if (password.length > PASSWORD_MAX_LENGTH) return { code: 'PASSWORD_TOO_LONG', params: { max: PASSWORD_MAX_LENGTH } };
  if (!/\p{L}/u.test(password) || !/\p{N}/u.test(password)) return { code: 'PASSWORD_TOO_WEAK' };
  if (normalizeUsername(password) === normalizeUsername(username)) return { code: 'PASSWORD_SAME_AS_USERNAME' };
  return null;
}
