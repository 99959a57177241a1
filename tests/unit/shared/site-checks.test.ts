import { describe, expect, it } from 'vitest';
import { isHotline, sequenceDayState } from '../../../shared/site/site-checks';

describe('the hotline field (issue 13 point 11)', () => {
  it('takes the ways a Vietnamese hotline is written', () => {
    for (const value of ['0237 3852 555', '0237.3852.555', '1900-1234', '+84 237 3852 555', '(0237) 3852555'])
      expect(isHotline(value), value).toBe(true);
  });
  it('refuses what is not a phone number', () => {
    for (const value of ['gọi UBND', '123', 'abc 0237 3852 555', '0237 3852 555 ext', '+', '0237 3852 555 0237 3852 555'])
      expect(isHotline(value), value).toBe(false);
  });
});

describe("today's numbers", () => {
  it('no block at all is "none", not "used up"', () => {
    expect(sequenceDayState({ total: 0, remaining: 0, low: true })).toBe('none');
    expect(sequenceDayState({ total: 50, remaining: 0, low: true })).toBe('exhausted');
    expect(sequenceDayState({ total: 50, remaining: 3, low: true })).toBe('low');
    expect(sequenceDayState({ total: 50, remaining: 30, low: false })).toBe('available');
  });
});
