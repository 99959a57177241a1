import { describe, expect, it } from 'vitest';
import { errorMessage, uiText } from '../../../shared/i18n/vi';

/** Words an officer understands (issue 13 point 10): the catalogue's texts, not the code's terms. */

function allTexts(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (value && typeof value === 'object') return Object.values(value).flatMap(allTexts);
  return [];
}

describe('the message catalogue speaks to officers', () => {
  it('counts unsent changes, not “lệnh” (commands)', () => {
    const texts = allTexts(uiText).filter((text) => text.includes('{commands}'));
    expect(texts.length).toBeGreaterThan(2);
    for (const text of texts) {
      expect(text).not.toMatch(/\{commands\} lệnh/);
      expect(text).toMatch(/\{commands\} thay đổi/);
    }
  });

  it('does not tell a new officer that the password was reset', () => {
    expect(errorMessage('AUTH_MUST_CHANGE_PASSWORD')).not.toMatch(/vừa được đặt lại/);
    expect(uiText.changePassword.required).not.toMatch(/vừa được đặt lại/);
  });
});
