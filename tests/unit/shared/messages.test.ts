import { describe, expect, it } from 'vitest';
import { errorMessage, errorMessages, formatMessage, uiText } from '../../../shared/i18n/vi';
import { AppError, fail } from '../../../shared/ipc/result';

const VIETNAMESE_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

function leaves(value: unknown, path = ''): [string, string][] {
  if (typeof value === 'string') return [[path, value]];
  return Object.entries(value as Record<string, unknown>).flatMap(([k, v]) => leaves(v, path ? `${path}.${k}` : k));
}

describe('message catalogue', () => {
  it('has a Vietnamese sentence for every error code', () => {
    for (const [code, text] of Object.entries(errorMessages)) {
      expect(text.length, code).toBeGreaterThan(10);
      expect(text, code).toMatch(VIETNAMESE_LETTER);
    }
  });

  it('stores every text composed (NFC), so search and comparisons behave', () => {
    for (const [path, text] of [...leaves(errorMessages), ...leaves(uiText)]) {
      expect(text, path).toBe(text.normalize('NFC'));
    }
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(formatMessage('Còn {remaining} lần thử', { remaining: 3 })).toBe('Còn 3 lần thử');
    expect(formatMessage('Xin chào {name}')).toBe('Xin chào {name}');
  });

  it('builds error data with code and message', () => {
    expect(fail('PASSWORD_TOO_SHORT', { min: 8 })).toEqual({
      ok: false,
      error: { code: 'PASSWORD_TOO_SHORT', message: 'Mật khẩu phải có ít nhất 8 ký tự.' },
    });
    const error = new AppError('DB_NEWER_THAN_APP', { found: 5, supported: 2 });
    expect(error.toData().message).toBe(errorMessage('DB_NEWER_THAN_APP', { found: 5, supported: 2 }));
    expect(error.message).toContain('phiên bản dữ liệu 5');
  });

  it('names every role and every audited action', () => {
    expect(Object.keys(uiText.roles).sort()).toEqual(['admin', 'officer', 'supervisor']);
    expect(Object.keys(uiText.audit.actions).length).toBeGreaterThanOrEqual(14);
  });
});
