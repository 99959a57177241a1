import { describe, expect, it } from 'vitest';
import { characterErrorRate, levenshtein } from '../../../fixtures-gen/character-error-rate';

describe('character error rate', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(levenshtein([...'kitten'], [...'sitting'])).toBe(3);
    expect(levenshtein([], [...'abc'])).toBe(3);
  });

  it('compares Vietnamese in NFC, so a decomposed tone mark is one character, not an error', () => {
    expect(characterErrorRate('Hà Nội'.normalize('NFD'), 'Hà Nội')).toBe(0);
  });

  it('counts a wrong tone mark as one error over the truth’s length, and ignores layout whitespace', () => {
    expect(characterErrorRate('XÂY DỤNG', 'XÂY DỰNG')).toBeCloseTo(1 / 8);
    expect(characterErrorRate('Họ và tên:\n  Nguyễn Thị Hương ', 'Họ và tên: Nguyễn Thị Hương')).toBe(0);
  });
});
