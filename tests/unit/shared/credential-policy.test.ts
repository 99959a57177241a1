import { describe, expect, it } from 'vitest';
import {
  checkFullName,
  checkNewPassword,
  checkUsername,
  normalizeFullName,
  normalizeUsername,
} from '../../../shared/auth/credential-policy';

describe('usernames', () => {
  it.each(['canbo01', 'nguyen.van.a', 'admin_xa-1', 'abc'])('accepts %s', (u) => expect(checkUsername(u)).toBeNull());

  it('normalizes case and surrounding space', () => {
    expect(normalizeUsername('  CanBo01 ')).toBe('canbo01');
    expect(checkUsername('  CanBo01 ')).toBeNull();
  });

  it.each(['ab', 'nguyễn', "' OR 1=1 --", 'a b', '', 'x'.repeat(65), 'đinh', 'admin;drop'])('rejects %j', (u) =>
    expect(checkUsername(u)).toEqual({ code: 'USERNAME_INVALID' }),
  );
});

describe('new passwords', () => {
  it('accepts letters with digits, including Vietnamese letters', () => {
    expect(checkNewPassword('matkhau123', 'canbo')).toBeNull();
    expect(checkNewPassword('Mậtkhẩu2026', 'canbo')).toBeNull();
  });

  it.each([
    ['short1', 'PASSWORD_TOO_SHORT'],
    ['a1'.repeat(65), 'PASSWORD_TOO_LONG'],
    ['chitoanchu', 'PASSWORD_TOO_WEAK'],
    ['1234567890', 'PASSWORD_TOO_WEAK'],
    ['CanBo2026', 'PASSWORD_SAME_AS_USERNAME'],
  ])('rejects %j with %s', (password, code) => {
    expect(checkNewPassword(password, 'canbo2026')?.code).toBe(code);
  });
});

describe('full names', () => {
  it('collapses white space and composes to NFC', () => {
    const decomposed = 'Nguye\u0302\u0303n  Va\u0306n   A';
    expect(normalizeFullName(` ${decomposed} `)).toBe('Nguyễn Văn A');
  });

  it('rejects empty and over-long names', () => {
    expect(checkFullName('   ')?.code).toBe('FULL_NAME_INVALID');
    expect(checkFullName('A'.repeat(101))?.code).toBe('FULL_NAME_INVALID');
    expect(checkFullName('Trần Thị Bình')).toBeNull();
  });
});
