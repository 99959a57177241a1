import { describe, expect, it } from 'vitest';
import { fromVietnamLocal, toVietnamLocal } from '../../../shared/domain/vietnam-time';

describe('Vietnam local time', () => {
  it.each([
    ['2026-03-02T01:00:00.000Z', '2026-03-02T08:00'],
    ['2026-03-02T16:59:00.000Z', '2026-03-02T23:59'],
    ['2026-03-02T17:00:00.000Z', '2026-03-03T00:00'],
    ['2025-12-31T18:30:00.000Z', '2026-01-01T01:30'],
  ])('shows %s as %s whatever the machine zone', (utc, local) => {
    expect(toVietnamLocal(new Date(utc))).toBe(local);
    expect(fromVietnamLocal(local).toISOString()).toBe(utc.replace(/:\d\d\.000Z$/, ':00.000Z'));
  });

  it('reads a bare date as local midnight', () => {
    expect(fromVietnamLocal('2026-01-01').toISOString()).toBe('2025-12-31T17:00:00.000Z');
  });
});
