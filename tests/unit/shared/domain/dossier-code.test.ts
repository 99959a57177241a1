import { describe, expect, it } from 'vitest';
import { AppError } from '../../../../shared/ipc/result';
import { formatDossierCode, parseDossierCode, type DossierCodeParts } from '../../../../shared/domain/dossier-code';

function thrownCode(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
  return undefined;
}

/** The real codes quoted in docs/domain.md §4. */
const REAL_EXAMPLES: [string, DossierCodeParts][] = [
  ['000.00.06.H56-231027-0361', { agencyCode: '000.00.06.H56', date: '2023-10-27', sequence: 361 }],
  ['000.17.22.H56-210531-0001', { agencyCode: '000.17.22.H56', date: '2021-05-31', sequence: 1 }],
  ['000.00.04.H51-200221-0001', { agencyCode: '000.00.04.H51', date: '2020-02-21', sequence: 1 }],
  ['000.00.04.H40-230414-0002', { agencyCode: '000.00.04.H40', date: '2023-04-14', sequence: 2 }],
];

describe('formatDossierCode', () => {
  it.each(REAL_EXAMPLES)('reproduces the real code %s', (code, parts) => {
    expect(formatDossierCode(parts)).toBe(code);
  });

  it.each([
    [{ agencyCode: '000.00.00.H56', date: '2026-01-05', sequence: 9999 }, '000.00.00.H56-260105-9999'],
    [{ agencyCode: '000.00.00.G01', date: '2000-01-01', sequence: 10 }, '000.00.00.G01-000101-0010'],
    [{ agencyCode: '123.45.67.A89', date: '2099-12-31', sequence: 100 }, '123.45.67.A89-991231-0100'],
    [{ agencyCode: '000.00.06.H56', date: '2028-02-29', sequence: 1000 }, '000.00.06.H56-280229-1000'],
  ])('formats %j', (parts, code) => {
    expect(formatDossierCode(parts)).toBe(code);
  });

  it.each([
    ['00.00.06.H56', 'a short first level'],
    ['000.0.06.H56', 'a short second level'],
    ['000.00.06.H5', 'a one-digit province number'],
    ['000.00.06.H567', 'a three-digit province number'],
    ['000.00.06.156', 'no letter before the province number'],
    ['000.00.06.h56', 'a lower-case letter (configuration must be canonical)'],
    ['000-00-06-H56', 'dashes instead of dots'],
    [' 000.00.06.H56', 'surrounding white space'],
    ['H56', 'the province alone'],
    ['', 'nothing'],
  ])('throws DOSSIER_CODE_AGENCY_INVALID for %j (%s)', (agencyCode) => {
    expect(thrownCode(() => formatDossierCode({ agencyCode, date: '2026-01-05', sequence: 1 }))).toBe('DOSSIER_CODE_AGENCY_INVALID');
  });

  it.each([0, 10_000, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])(
    'throws DOSSIER_CODE_SEQUENCE_INVALID for sequence %s',
    (sequence) => {
      expect(thrownCode(() => formatDossierCode({ agencyCode: '000.00.06.H56', date: '2026-01-05', sequence }))).toBe(
        'DOSSIER_CODE_SEQUENCE_INVALID',
      );
    },
  );

  const BAD_DATES = ['2023-02-29', '2026-13-01', '2026-04-31', '1999-12-31', '2100-01-01', '26-01-05', '2026/01/05', '05/01/2026'];
  it.each([...BAD_DATES, '2026-01-05T09:00', ''])('throws DOSSIER_CODE_DATE_INVALID for %j', (date) => {
    expect(thrownCode(() => formatDossierCode({ agencyCode: '000.00.06.H56', date, sequence: 1 }))).toBe('DOSSIER_CODE_DATE_INVALID');
  });

  it('puts the value in the Vietnamese message', () => {
    try {
      formatDossierCode({ agencyCode: '000.00.06.H56', date: '2026-01-05', sequence: 10_000 });
    } catch (error) {
      expect((error as AppError).message).toContain('10000');
      expect((error as AppError).message).toContain('9999');
    }
    expect.assertions(2);
  });
});

describe('parseDossierCode', () => {
  it.each(REAL_EXAMPLES)('reads the real code %s', (code, parts) => {
    expect(parseDossierCode(code)).toEqual(parts);
  });

  it.each([
    ['an Enter after the scan', '000.00.06.H56-231027-0361\r\n'],
    ['a Tab after the scan', '000.00.06.H56-231027-0361\t'],
    ['spaces around', '  000.00.06.H56-231027-0361  '],
    ['Caps Lock inverting the letter', '000.00.06.h56-231027-0361'],
    ['both', ' 000.00.06.h56-231027-0361\n'],
  ])('tolerates %s', (_label, code) => {
    expect(parseDossierCode(code)).toEqual({ agencyCode: '000.00.06.H56', date: '2023-10-27', sequence: 361 });
  });

  it.each([
    ['', 'nothing'],
    ['abc', 'garbage'],
    ['000.00.06.H56-231027-0000', 'sequence 0'],
    ['000.00.06.H56-231027-361', 'a 3-digit sequence'],
    ['000.00.06.H56-231027-10000', 'a 5-digit sequence'],
    ['000.00.06.H56-230229-0001', '29 February in a common year'],
    ['000.00.06.H56-231327-0001', 'month 13'],
    ['000.00.06.H56-231000-0001', 'day 00'],
    ['000.00.06.H56-20231027-0361', 'a 4-digit year'],
    ['000.00.06.H56 - 231027-0361', 'white space inside'],
    ['000.00.06.H56_231027_0361', 'underscores'],
    ['00.00.06.H56-231027-0361', 'a bad agency code'],
    ['H56.22-231027-12345', 'T’s invented fallback code'],
    ['000.00.06.H56-231027-0361-01', 'a payment request suffix'],
    ['000.00.06.H56-231027-0361\u0000', 'a NUL byte (only white space and case are forgiven)'],
    ['001089012345|123456789|Nguyễn Thái Sơn|04071989|Nam|Hà Nội|12082021', 'a CCCD payload'],
  ])('returns null for %j (%s)', (code) => {
    expect(parseDossierCode(code)).toBeNull();
  });

  it('returns null for a non-string', () => {
    expect(parseDossierCode(undefined as unknown as string)).toBeNull();
  });

  it.each([
    { agencyCode: '000.00.06.H56', date: '2023-10-27', sequence: 361 },
    { agencyCode: '000.00.00.H01', date: '2000-01-01', sequence: 1 },
    { agencyCode: '999.99.99.Z99', date: '2099-12-31', sequence: 9999 },
    { agencyCode: '000.17.22.H56', date: '2024-02-29', sequence: 42 },
  ])('round-trips %j', (parts) => {
    expect(parseDossierCode(formatDossierCode(parts))).toEqual(parts);
  });

  it('round-trips every sequence number of a day', () => {
    const broken: number[] = [];
    for (let sequence = 1; sequence <= 9999; sequence++) {
      const parsed = parseDossierCode(formatDossierCode({ agencyCode: '000.00.06.H56', date: '2026-01-05', sequence }));
      if (parsed?.sequence !== sequence || parsed.date !== '2026-01-05' || parsed.agencyCode !== '000.00.06.H56') broken.push(sequence);
    }
    expect(broken).toEqual([]);
  });
});
