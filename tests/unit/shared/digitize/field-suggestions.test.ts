import { describe, expect, it } from 'vitest';
import { suggestFields, titleCaseName, type FieldSuggestion } from '../../../../shared/digitize/field-suggestions';

const only = (text: string, field: FieldSuggestion['field']): FieldSuggestion[] =>
  suggestFields(text).filter((suggestion) => suggestion.field === field);

describe('field suggestions: ID numbers', () => {
  it('suggests a plausible 12-digit number with the span it was read from', () => {
    const text = 'Số định danh cá nhân: 001199012345\n';
    const [id] = only(text, 'idNumber');
    expect(id).toMatchObject({ value: '001199012345', source: { text: '001199012345' } });
    expect(text.slice(id!.source.start, id!.source.end)).toBe('001199012345');
    expect(id!.confidence).toBeGreaterThan(0.9);
  });

  it('repairs OCR look-alikes (O → 0, l → 1, I → 1, S → 5, B → 8) at a lower confidence', () => {
    const [clean] = only('CCCD: 001199012345', 'idNumber');
    const [repaired] = only('CCCD: OO1l99O12345', 'idNumber');
    expect(repaired!.value).toBe('001199012345');
    expect(repaired!.source.text).toBe('OO1l99O12345');
    expect(repaired!.confidence).toBeLessThan(clean!.confidence);
    expect(only('Số CCCD 0792O4OO1I22', 'idNumber')[0]!.value).toBe('079204001122');
    expect(only('0S1199B12345', 'idNumber')[0]!.value).toBe('051199812345');
  });

  it('reads a number printed in groups', () => {
    expect(only('Số: 001 199 012 345', 'idNumber')[0]!.value).toBe('001199012345');
  });

  it('refuses numbers no card can carry: province outside 001–096, century digit above 3', () => {
    expect(only('000199012345', 'idNumber')).toEqual([]);
    expect(only('097199012345', 'idNumber')).toEqual([]);
    expect(only('001499012345', 'idNumber')).toEqual([]);
  });

  it('refuses 11 or 13 digits, digits glued to letters, and words that only look like digits', () => {
    expect(only('00119901234', 'idNumber')).toEqual([]);
    expect(only('0011990123456', 'idNumber')).toEqual([]);
    expect(only('A001199012345', 'idNumber')).toEqual([]);
    expect(only('lOOlSBlOOlSB', 'idNumber')).toEqual([]);
  });
});

describe('field suggestions: dates', () => {
  it('reads dd/mm/yyyy, d-m-yyyy and dd.mm.yyyy as ISO dates', () => {
    expect(only('Ngày hẹn trả: 05/03/2024', 'date').map((s) => s.value)).toEqual(['2024-03-05']);
    expect(only('hạn 5-3-2024', 'date').map((s) => s.value)).toEqual(['2024-03-05']);
    expect(only('đến 31.12.2025', 'date').map((s) => s.value)).toEqual(['2025-12-31']);
  });

  it('reads the worded form, also when OCR lost the diacritics', () => {
    const text = 'Hà Nội, ngày 05 tháng 3 năm 2024';
    const [date] = only(text, 'date');
    expect(date).toMatchObject({ value: '2024-03-05', source: { text: 'ngày 05 tháng 3 năm 2024' } });
    expect(only('Ha Noi, ngay 5 thang 03 nam 2024', 'date')[0]!.value).toBe('2024-03-05');
    expect(only('NGÀY 20 THÁNG 11 NĂM 2026', 'date')[0]!.value).toBe('2026-11-20');
  });

  it('names birth and issue dates from their labels', () => {
    const suggestions = suggestFields('Ngày sinh: 01/01/1999\nSinh ngày 02/02/1998\nNgày cấp: 15/08/2021\nKý ngày 03/03/2023');
    expect(suggestions.map((s) => [s.field, s.value])).toEqual([
      ['dateOfBirth', '1999-01-01'],
      ['dateOfBirth', '1998-02-02'],
      ['issueDate', '2021-08-15'],
      ['date', '2023-03-03'],
    ]);
  });

  it('refuses dates that do not exist or lie outside 1900–2100', () => {
    expect(only('30/02/2024 31/04/2024 12/13/2024 00/01/2024', 'date')).toEqual([]);
    expect(only('01/01/1899 01/01/2101', 'date')).toEqual([]);
    expect(only('ngày 31 tháng 6 năm 2024', 'date')).toEqual([]);
    expect(only('29/02/2024', 'date')[0]!.value).toBe('2024-02-29');
  });
});

describe('field suggestions: names', () => {
  it('takes the name after "Họ và tên", title-cased in NFC', () => {
    const [name] = only('Họ và tên: NGUYỄN THỊ HỒNG NHUNG\nNgày sinh: 01/01/1999', 'fullName');
    expect(name).toMatchObject({ value: 'Nguyễn Thị Hồng Nhung', source: { text: 'NGUYỄN THỊ HỒNG NHUNG' } });
    expect(name!.value).toBe(name!.value.normalize('NFC'));
    expect(name!.confidence).toBeGreaterThanOrEqual(0.85);
  });

  it('knows the 2024 card label "Họ, chữ đệm và tên", "Họ tên" and a qualifier before the colon', () => {
    expect(only('Họ, chữ đệm và tên / Full name: TRẦN VĂN ĐỨC', 'fullName')[0]!.value).toBe('Trần Văn Đức');
    expect(only('Họ tên: lê thị bé', 'fullName')[0]!.value).toBe('Lê Thị Bé');
    expect(only('Họ và tên người nộp hồ sơ: Phạm Minh Khôi', 'fullName')[0]!.value).toBe('Phạm Minh Khôi');
    expect(only('HỌ VÀ TÊN (viết chữ in hoa): ĐẶNG QUỲNH ANH', 'fullName')[0]!.value).toBe('Đặng Quỳnh Anh');
  });

  it('stops at the next label on the same line and at the end of the line', () => {
    expect(only('Họ và tên: NGUYỄN HOÀI NAM Giới tính: Nam', 'fullName')[0]!.value).toBe('Nguyễn Hoài Nam');
    expect(only('Họ và tên: Võ Thị Sáu   Ngày sinh: 01/01/1990', 'fullName')[0]!.value).toBe('Võ Thị Sáu');
    expect(only('Họ và tên: Bùi Văn An\nĐịa chỉ: Hà Nội', 'fullName')[0]!.value).toBe('Bùi Văn An');
  });

  it('reads a name decomposed (NFD) by the OCR the same as a composed one', () => {
    const [name] = only('Họ và tên: NGUYỄN VĂN ÁNH'.normalize('NFD'), 'fullName');
    expect(name!.value).toBe('Nguyễn Văn Ánh');
  });

  it('gives less confidence to words that are not Vietnamese syllables, and none to a single word or digits', () => {
    expect(only('Họ và tên: Hoàng Văn Xyzwfq', 'fullName')[0]!.confidence).toBeLessThan(0.85);
    expect(only('Họ và tên: Nam', 'fullName')).toEqual([]);
    expect(only('Họ và tên: 12345', 'fullName')).toEqual([]);
    expect(only('Họ và tên:\n', 'fullName')).toEqual([]);
  });

  it('title-cases Vietnamese capitals', () => {
    expect(titleCaseName('  ĐỖ   ÁNH  dương ')).toBe('Đỗ Ánh Dương');
  });
});

describe('field suggestions: document numbers', () => {
  it('reads "Số: 123/2024/QĐ-UBND" and its variants', () => {
    expect(only('Số: 123/2024/QĐ-UBND', 'documentNumber')[0]).toMatchObject({
      value: '123/2024/QĐ-UBND',
      source: { text: '123/2024/QĐ-UBND' },
    });
    expect(only('Số 45/QĐ-UBND ngày 01/02/2024', 'documentNumber')[0]!.value).toBe('45/QĐ-UBND');
    expect(only('SỐ: 01 / 2024 / NĐ-CP', 'documentNumber')[0]!.value).toBe('01/2024/NĐ-CP');
    expect(only('So: 12/GP', 'documentNumber')[0]!.value).toBe('12/GP');
  });

  it('ignores "Số" followed by other things', () => {
    expect(only('Số điện thoại: 0912345678', 'documentNumber')).toEqual([]);
    expect(only('Số nhà 12, ngõ 34', 'documentNumber')).toEqual([]);
    expect(only('Số: 001199012345', 'documentNumber')).toEqual([]);
  });
});

describe('field suggestions: a whole page', () => {
  it('returns every field in reading order, each value once', () => {
    const page = [
      'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM',
      'Số: 15/2026/GKS',
      'Họ và tên: NGUYỄN THỊ HỒNG NHUNG',
      'Ngày sinh: 01/01/1999',
      'Số định danh cá nhân: 001199012345',
      'Hà Nội, ngày 25 tháng 11 năm 2026',
      'Người ký: Nguyễn Thị Hồng Nhung, CCCD 001199012345',
    ].join('\n');
    expect(suggestFields(page).map((s) => [s.field, s.value])).toEqual([
      ['documentNumber', '15/2026/GKS'],
      ['fullName', 'Nguyễn Thị Hồng Nhung'],
      ['dateOfBirth', '1999-01-01'],
      ['idNumber', '001199012345'],
      ['date', '2026-11-25'],
    ]);
  });

  it('finds nothing in text without fields', () => {
    expect(suggestFields('')).toEqual([]);
    expect(suggestFields('Kính gửi: Uỷ ban nhân dân phường Điện Biên')).toEqual([]);
  });
});
