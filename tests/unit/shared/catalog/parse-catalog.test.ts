import { describe, expect, it } from 'vitest';
import {
  MAX_CATALOG_PROCEDURES,
  parseCatalogJson,
  validateCatalog,
  type CatalogImport,
  type CatalogRejection,
} from '../../../../shared/catalog/parse-catalog';
import { catalogFieldLabels, errorMessages } from '../../../../shared/i18n/vi';

function procedure(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    code: '1.001193.000.00.00.H56',
    name: 'Thủ tục đăng ký khai sinh',
    sectorName: 'Hộ tịch',
    level: 'commune',
    duration: { unit: 'workingHours', value: 4 },
    fees: [{ kind: 'lePhi', name: 'Lệ phí đăng ký khai sinh', amount: 0 }],
    components: [
      { code: 'TP01', name: 'Tờ khai đăng ký khai sinh theo mẫu', required: true },
      { code: 'TP02', name: 'Giấy chứng sinh', required: true, originals: 1, copies: 0 },
    ],
    ...overrides,
  };
}

const file = (procedures: unknown[]): string => JSON.stringify({ version: 1, procedures });

function imported(text: string): CatalogImport {
  const result = parseCatalogJson(text);
  if (!result.ok) throw new Error(`expected a catalogue, got ${result.error.code}`);
  return result.value;
}

/** The one rejected row of a file holding a single bad procedure. */
function rejectedOne(overrides: Record<string, unknown>): CatalogRejection {
  const result = imported(file([procedure(overrides)]));
  expect(result.procedures).toEqual([]);
  expect(result.rejected).toHaveLength(1);
  return result.rejected[0]!;
}

describe('parseCatalogJson: whole-file outcomes', () => {
  it('reads a good file and fills the schema defaults', () => {
    const result = imported(
      file([procedure(), procedure({ code: '1.000656.000.00.00.H56', name: 'Thủ tục đăng ký khai tử', fees: undefined })]),
    );
    expect(result.rejected).toEqual([]);
    expect(result.procedures).toHaveLength(2);
    expect(result.procedures[0]).toMatchObject({ sectorCode: '', resultCode: null, sample: false });
    expect(result.procedures[0]?.components[0]).toEqual({
      code: 'TP01',
      name: 'Tờ khai đăng ký khai sinh theo mẫu',
      required: true,
      originals: 1,
      copies: 0,
      formTemplate: null,
    });
    expect(result.procedures[1]?.fees).toEqual([]);
  });

  it('accepts a byte-order mark and an empty list', () => {
    expect(imported(`\uFEFF${file([procedure()])}`).procedures).toHaveLength(1);
    expect(imported(file([]))).toEqual({ procedures: [], rejected: [] });
  });

  it.each([
    ['', 'CATALOG_EMPTY_FILE'],
    ['   \n\t', 'CATALOG_EMPTY_FILE'],
    ['{"version": 1, "procedures": [', 'CATALOG_NOT_JSON'],
    ['[1, 2]', 'CATALOG_BAD_SHAPE'],
    ['null', 'CATALOG_BAD_SHAPE'],
    ['"danh mục"', 'CATALOG_BAD_SHAPE'],
    ['{"procedures": []}', 'CATALOG_BAD_SHAPE'],
    ['{"version": "1", "procedures": []}', 'CATALOG_BAD_SHAPE'],
    ['{"version": 1, "procedures": {}}', 'CATALOG_BAD_SHAPE'],
    ['{"version": 1}', 'CATALOG_BAD_SHAPE'],
    ['{"version": 2, "procedures": []}', 'CATALOG_VERSION_UNSUPPORTED'],
  ])('%j fails as a whole with %s', (text, code) => {
    const result = parseCatalogJson(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe(code);
    expect(result.error.message.length).toBeGreaterThan(20);
  });

  it('points at the line and column of a syntax error when the parser says where', () => {
    const result = parseCatalogJson('{\n  "version": 1,\n  "procedures": [],\n}');
    expect(result).toEqual({
      ok: false,
      error: { code: 'CATALOG_NOT_JSON_AT', message: expect.stringContaining('dòng 4, cột 1.') },
    });
  });

  it('refuses more procedures than one import may hold', () => {
    const many = Array.from({ length: MAX_CATALOG_PROCEDURES + 1 }, () => ({}));
    const result = parseCatalogJson(file(many));
    expect(!result.ok && result.error.code).toBe('CATALOG_TOO_MANY_PROCEDURES');
  });

  it('never throws, whatever it is given', () => {
    const inputs = [
      '{"version": 1, "procedures": [' + '['.repeat(20_000) + ']'.repeat(20_000) + ']}',
      '{"version": 1, "procedures": [' + '{"a":'.repeat(5_000) + '1' + '}'.repeat(5_000) + ']}',
      '{"version": 1, "procedures": [null, 1, "x", [], true]}',
      '\u0000\u0001',
      'undefined',
      '{"version": 1, "procedures": [{"__proto__": {"polluted": true}, "code": "X"}]}',
    ];
    for (const text of inputs) expect(() => parseCatalogJson(text)).not.toThrow();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe('parseCatalogJson: rejected rows', () => {
  it('keeps the good rows, numbers the bad ones from 1 and names their code', () => {
    const result = imported(
      file([procedure(), procedure({ code: '2.000815.000.00.00.H56', level: 'xa' }), procedure({ code: '2.000884.000.00.00.H56' })]),
    );
    expect(result.procedures.map((p) => p.code)).toEqual(['1.001193.000.00.00.H56', '2.000884.000.00.00.H56']);
    expect(result.rejected).toEqual([
      {
        sheet: null,
        row: 2,
        code: '2.000815.000.00.00.H56',
        problems: [{ field: 'level', code: 'CATALOG_FIELD_NOT_ALLOWED', message: expect.stringContaining('Cấp thực hiện') }],
      },
    ]);
  });

  it.each([
    ['a missing code', { code: undefined }, 'code', 'CATALOG_FIELD_REQUIRED', 'Mã TTHC: không được để trống.'],
    ['a blank name', { name: '   ' }, 'name', 'CATALOG_FIELD_REQUIRED', 'Tên thủ tục: không được để trống.'],
    ['a sector given as a number', { sectorName: 12 }, 'sectorName', 'CATALOG_FIELD_WRONG_TYPE', 'Lĩnh vực: cần văn bản.'],
    ['an unknown level', { level: 'xã' }, 'level', 'CATALOG_FIELD_NOT_ALLOWED', 'Cấp thực hiện: giá trị “xã” không hợp lệ'],
    [
      'an unknown duration unit',
      { duration: { unit: 'weeks', value: 2 } },
      'duration.unit',
      'CATALOG_FIELD_NOT_ALLOWED',
      'Đơn vị thời hạn: giá trị “weeks” không hợp lệ; chỉ nhận một trong các giá trị “workingDays”',
    ],
    [
      'a zero duration',
      { duration: { unit: 'workingDays', value: 0 } },
      'duration.value',
      'CATALOG_DURATION_NOT_POSITIVE',
      'Thời hạn giải quyết: phải lớn hơn 0',
    ],
    ['a missing duration', { duration: undefined }, 'duration', 'CATALOG_FIELD_REQUIRED', 'Thời hạn giải quyết: không được để trống.'],
    [
      'a negative fee',
      { fees: [{ kind: 'phi', name: 'Phí', amount: -2000 }] },
      'fees.0.amount',
      'CATALOG_FIELD_NEGATIVE',
      'Phí, lệ phí thứ 1, mức thu (đồng): không được là số âm (đang là -2000).',
    ],
    [
      'a fee in fractions of a đồng',
      { fees: [{ kind: 'lePhi', name: 'Lệ phí', amount: 1500.5 }] },
      'fees.0.amount',
      'CATALOG_FIELD_NOT_INTEGER',
      'Phí, lệ phí thứ 1, mức thu (đồng): phải là số nguyên',
    ],
    [
      'an unknown fee kind',
      { fees: [{ kind: 'thue', name: 'Thuế', amount: 1 }] },
      'fees.0.kind',
      'CATALOG_FIELD_NOT_ALLOWED',
      'Phí, lệ phí thứ 1, loại',
    ],
    ['no component list', { components: undefined }, 'components', 'CATALOG_FIELD_REQUIRED', 'Thành phần hồ sơ: không được để trống.'],
    [
      'a component without a name',
      { components: [{ code: 'TP01', required: true }] },
      'components.0.name',
      'CATALOG_FIELD_REQUIRED',
      'Thành phần hồ sơ thứ 1, tên thành phần: không được để trống.',
    ],
    [
      'a required flag written as text',
      { components: [{ code: 'TP01', name: 'Tờ khai', required: 'có' }] },
      'components.0.required',
      'CATALOG_FIELD_WRONG_TYPE',
      'Thành phần hồ sơ thứ 1, bắt buộc: cần giá trị đúng/sai',
    ],
    [
      'a hundred originals',
      { components: [{ code: 'TP01', name: 'Tờ khai', required: true, originals: 100 }] },
      'components.0.originals',
      'CATALOG_FIELD_TOO_LARGE',
      'Thành phần hồ sơ thứ 1, số bản chính: không được lớn hơn 99 (đang là 100).',
    ],
    [
      'a duplicate component code',
      {
        components: [
          { code: 'TP01', name: 'Tờ khai', required: true },
          { code: 'TP01', name: 'Giấy chứng sinh', required: true },
        ],
      },
      'components.1.code',
      'CATALOG_DUPLICATE_COMPONENT',
      'Thành phần hồ sơ thứ 2, mã thành phần: mã thành phần “TP01” trùng',
    ],
    [
      'too many components',
      { components: Array.from({ length: 201 }, (_, i) => ({ code: `TP${i}`, name: 'Giấy tờ', required: false })) },
      'components',
      'CATALOG_FIELD_TOO_MANY',
      'Thành phần hồ sơ: có 201 mục, vượt quá 200 mục cho phép.',
    ],
  ])('%s', (_label, overrides, field, code, message) => {
    const row = rejectedOne(overrides);
    expect(row.problems).toContainEqual({ field, code, message: expect.stringContaining(message) });
  });

  it('rejects an entry that is not an object at all', () => {
    const result = imported(file([procedure(), 'Thủ tục đăng ký kết hôn', null]));
    expect(result.procedures).toHaveLength(1);
    expect(result.rejected.map((r) => [r.row, r.code, r.problems[0]?.message])).toEqual([
      [2, null, 'Thủ tục: cần đối tượng.'],
      [3, null, 'Thủ tục: không được để trống.'],
    ]);
  });

  it('reports every problem of a row, not just the first', () => {
    const row = rejectedOne({ code: '', level: 'tinh', duration: { unit: 'none', value: -1 } });
    expect(row.problems.map((p) => p.field).sort()).toEqual(['code', 'duration.value', 'level']);
  });

  it('keeps the first of duplicate codes, whatever their case, and says where the first was', () => {
    const result = imported(file([procedure(), procedure({ name: 'Bản sau' }), procedure({ code: '1.001193.000.00.00.h56 ' })]));
    expect(result.procedures.map((p) => p.name)).toEqual(['Thủ tục đăng ký khai sinh']);
    expect(result.rejected.map((r) => r.row)).toEqual([2, 3]);
    for (const row of result.rejected) {
      expect(row.problems).toEqual([
        { field: 'code', code: 'CATALOG_DUPLICATE_PROCEDURE', message: expect.stringContaining('đã có ở thủ tục thứ 1') },
      ]);
    }
  });

  it('composes (NFC) and trims every string, so decomposed duplicates are caught', () => {
    const nfd = (text: string) => text.normalize('NFD');
    const result = imported(
      file([
        procedure({
          code: '  1.001193.000.00.00.H56\t',
          name: nfd('  Thủ tục đăng ký khai sinh '),
          sectorName: nfd('Hộ tịch'),
          components: [{ code: nfd('TP-Đ1'), name: nfd('Tờ khai'), required: true, formTemplate: '  ' }],
        }),
        procedure({
          code: '2.000815.000.00.00.H56',
          components: [
            { code: 'TP-Đ1', name: 'Bản chính', required: true },
            { code: nfd('TP-Đ1'), name: 'Bản sao', required: false },
          ],
        }),
      ]),
    );
    const [good] = result.procedures;
    expect(good?.code).toBe('1.001193.000.00.00.H56');
    expect(good?.name).toBe('Thủ tục đăng ký khai sinh');
    expect(good?.sectorName).toBe('Hộ tịch'.normalize('NFC'));
    expect(good?.components[0]).toMatchObject({ code: 'TP-Đ1', name: 'Tờ khai', formTemplate: null });
    expect(result.rejected[0]?.problems[0]?.code).toBe('CATALOG_DUPLICATE_COMPONENT');
  });

  it('rejects huge strings without echoing them into the report', () => {
    const huge = 'Đ'.repeat(2_000_000);
    const result = imported(file([procedure({ name: huge }), procedure({ code: huge })]));
    expect(result.procedures).toEqual([]);
    const [longName, longCode] = result.rejected;
    expect(longName?.problems).toEqual([
      { field: 'name', code: 'CATALOG_FIELD_TOO_LONG', message: 'Tên thủ tục: dài 2000000 ký tự, vượt quá 1000 ký tự cho phép.' },
    ]);
    expect(longCode?.code?.length).toBeLessThanOrEqual(61);
    expect(JSON.stringify(result).length).toBeLessThan(2_000);
  });
});

describe('validateCatalog', () => {
  it('puts problems found by the source format first and does not repeat them from the schema', () => {
    const result = validateCatalog([
      {
        sheet: 'Thủ tục',
        row: 7,
        value: procedure({ duration: { unit: undefined, value: 3 } }),
        problems: [{ field: 'duration.unit', code: 'CATALOG_FIELD_NOT_ALLOWED', message: 'Đơn vị thời hạn: “tuần” …' }],
        label: () => 'cột',
      },
    ]);
    expect(result.rejected).toEqual([
      {
        sheet: 'Thủ tục',
        row: 7,
        code: '1.001193.000.00.00.H56',
        problems: [{ field: 'duration.unit', code: 'CATALOG_FIELD_NOT_ALLOWED', message: 'Đơn vị thời hạn: “tuần” …' }],
      },
    ]);
  });
});

describe('catalogue messages', () => {
  it('are composed Vietnamese sentences, and the field labels are NFC too', () => {
    const catalogEntries = Object.entries(errorMessages).filter(([code]) => code.startsWith('CATALOG_'));
    expect(catalogEntries.length).toBeGreaterThan(20);
    const labels = JSON.stringify(catalogFieldLabels);
    expect(labels).toBe(labels.normalize('NFC'));
    for (const [code, text] of catalogEntries) expect(text, code).toBe(text.normalize('NFC'));
  });
});

describe('parseCatalogJson: same-day procedures (docs/domain.md §8.4)', () => {
  it.each([
    [
      { unit: 'sameDay', value: 0 },
      { unit: 'sameDay', value: 0 },
    ],
    [
      { unit: 'Trong ngày', value: 0 },
      { unit: 'sameDay', value: 0 },
    ],
    [{ unit: 'trong ngày làm việc' }, { unit: 'sameDay', value: 0 }],
    [
      { unit: 'workingDays', value: 'Trong ngày' },
      { unit: 'sameDay', value: 0 },
    ],
    [
      { unit: 'sameDay', value: 0, cutoff: '10:30' },
      { unit: 'sameDay', value: 0, cutoff: '10:30' },
    ],
  ])('reads %j as %j', (duration, expected) => {
    const result = imported(file([procedure({ duration })]));
    expect(result.rejected).toEqual([]);
    expect(result.procedures[0]!.duration).toEqual(expected);
  });

  it('refuses a malformed cut-off, a cut-off on a day-counted procedure and a non-zero same-day value', () => {
    const cutoff = rejectedOne({ duration: { unit: 'sameDay', value: 0, cutoff: '3 giờ chiều' } });
    expect(cutoff.problems.map((p) => p.code)).toEqual(['CATALOG_CUTOFF_INVALID']);
    expect(cutoff.problems[0]!.message).toContain(catalogFieldLabels.durationCutoff);
    const misplaced = rejectedOne({ duration: { unit: 'workingDays', value: 3, cutoff: '15:00' } });
    expect(misplaced.problems.map((p) => p.code)).toEqual(['CATALOG_CUTOFF_INVALID']);
    const value = rejectedOne({ duration: { unit: 'sameDay', value: 2 } });
    expect(value.problems.map((p) => p.code)).toEqual(['CATALOG_SAME_DAY_VALUE']);
    expect(value.problems[0]!.message).toBe(
      errorMessages.CATALOG_SAME_DAY_VALUE.replace('{field}', catalogFieldLabels.durationValue).replace('{code}', '2'),
    );
  });
});
