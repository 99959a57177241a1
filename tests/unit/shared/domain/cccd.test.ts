import { describe, expect, it } from 'vitest';
import { errorMessage, errorMessages } from '../../../../shared/i18n/vi';
import { isGarbledVietnamese, parseCccdQr, parseCccdQrLenient, repairMojibake, type CccdData } from '../../../../shared/domain/cccd';

/** Invented people; the ID numbers follow §7.6 (province, century/sex digit, year) but are not real. */
const SON = '001089012345|123456789|Nguyễn Thái Sơn|04071989|Nam|Số 12 Ngõ 34 Phố Huế, Phường Hai Bà Trưng, Hà Nội|12082021';
const SON_DATA: CccdData = {
  idNumber: '001089012345',
  oldIdNumber: '123456789',
  fullName: 'Nguyễn Thái Sơn',
  dateOfBirth: '1989-07-04',
  sex: 'male',
  address: 'Số 12 Ngõ 34 Phố Huế, Phường Hai Bà Trưng, Hà Nội',
  issueDate: '2021-08-12',
};

/** A card issued after 01/07/2024: no old ID, four empty fields at the end. */
const ANH = '038303001234||Lê Thị Ngọc Ánh|15032003|Nữ|Thôn Đông, xã Quảng Xương, Thanh Hóa|23092024||||';
const ANH_DATA: CccdData = {
  idNumber: '038303001234',
  oldIdNumber: null,
  fullName: 'Lê Thị Ngọc Ánh',
  dateOfBirth: '2003-03-15',
  sex: 'female',
  address: 'Thôn Đông, xã Quảng Xương, Thanh Hóa',
  issueDate: '2024-09-23',
};

/** Builds a payload from SON with some fields replaced (index → text). */
function son(replace: Record<number, string>): string {
  return SON.split('|')
    .map((field, index) => replace[index] ?? field)
    .join('|');
}

const latin1Mojibake = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

function errorCode(raw: string): string | null {
  const result = parseCccdQr(raw);
  return result.ok ? null : result.error.code;
}

describe('parseCccdQr — valid payloads', () => {
  it.each([
    ['a 2021–2024 card with the old CMND number', SON, SON_DATA],
    ['a card without an old CMND number (7 fields)', son({ 1: '' }), { ...SON_DATA, oldIdNumber: null }],
    ['the 2024 variant with four trailing empty fields', ANH, ANH_DATA],
    ['extra non-empty trailing fields are ignored', `${SON}|x|y`, SON_DATA],
    ['a 12-digit old CMND number', son({ 1: '012345678901' }), { ...SON_DATA, oldIdNumber: '012345678901' }],
    ['sex written in capitals', son({ 4: 'NAM' }), SON_DATA],
    ['female in capitals', ANH.replace('|Nữ|', '|NỮ|'), ANH_DATA],
    [
      'doubled spaces in name and address',
      son({ 2: '  Nguyễn   Thái  Sơn ', 5: 'Số 12  Ngõ 34 Phố Huế,\tPhường Hai Bà Trưng, Hà Nội ' }),
      SON_DATA,
    ],
    [
      'a leap-day birth date matching a 2000s ID',
      '079200001234||Trần Văn Bình|29022000|Nam|Quận 1, TP Hồ Chí Minh|01032021',
      {
        idNumber: '079200001234',
        oldIdNumber: null,
        fullName: 'Trần Văn Bình',
        dateOfBirth: '2000-02-29',
        sex: 'male',
        address: 'Quận 1, TP Hồ Chí Minh',
        issueDate: '2021-03-01',
      },
    ],
    [
      'a woman born in the 1900s (digit 1)',
      '096175000001||Phạm Thị Hoa|01011975|Nữ|Cà Mau|05052022',
      {
        idNumber: '096175000001',
        oldIdNumber: null,
        fullName: 'Phạm Thị Hoa',
        dateOfBirth: '1975-01-01',
        sex: 'female',
        address: 'Cà Mau',
        issueDate: '2022-05-05',
      },
    ],
    ['an empty address is let through for the officer to type', son({ 5: '' }), { ...SON_DATA, address: '' }],
    ['issued on the birth date', son({ 6: '04071989' }), { ...SON_DATA, issueDate: '1989-07-04' }],
  ])('%s', (_label, raw, expected) => {
    expect(parseCccdQr(raw)).toEqual({ ok: true, value: expected });
  });
});

describe('parseCccdQr — what readers do to the string', () => {
  it.each([
    ['NUL bytes around', `\0\0${SON}\0`],
    ['NUL bytes between every character', SON.split('').join('\0')],
    ['CR/LF after (the reader’s Enter)', `${SON}\r\n`],
    ['CR/LF, tabs and spaces around', ` \t\r\n${SON}\r\n\t `],
    ['a byte-order mark in front', `\uFEFF${SON}`],
    ['the payload sent twice back to back', SON + SON],
    ['the payload sent twice on two lines', `${SON}\r\n${SON}`],
    ['the payload sent three times with NULs between', `${SON}\0${SON}\0${SON}`],
    ['a prefix configured on the reader', `QR:${SON}`],
    ['a complete copy followed by a truncated one', `${SON}\n${SON.slice(0, 40)}`],
  ])('%s', (_label, raw) => {
    expect(parseCccdQr(raw)).toEqual({ ok: true, value: SON_DATA });
  });

  it.each([
    ['two different cards: the last one wins', `${SON}\n${ANH}`, ANH_DATA],
    ['two different cards back to back: the last one wins', SON + ANH, ANH_DATA],
    ['the 2024 variant twice back to back', ANH + ANH, ANH_DATA],
    ['the 2024 variant twice on two lines', `${ANH}\r\n${ANH}`, ANH_DATA],
    ['a copy glued to the previous copy’s issue date', ANH.replace(/\|{4}$/, '') + SON, SON_DATA],
  ])('resent payloads: %s', (_label, raw, expected) => {
    expect(parseCccdQr(raw)).toEqual({ ok: true, value: expected });
  });

  it('normalises a decomposed (NFD) payload to NFC', () => {
    const result = parseCccdQr(ANH.normalize('NFD'));
    expect(result).toEqual({ ok: true, value: ANH_DATA });
    if (!result.ok) return;
    expect(result.value.fullName).toBe(result.value.fullName.normalize('NFC'));
    expect(result.value.fullName).not.toBe('Lê Thị Ngọc Ánh'.normalize('NFD'));
  });
});

describe('parseCccdQr — refused input', () => {
  it.each([
    ['empty', '', 'CCCD_EMPTY'],
    ['white space and NULs only', ' \0\r\n\0\t', 'CCCD_EMPTY'],
    ['“abc”', 'abc', 'CCCD_FIELD_COUNT'],
    ['six separators, all fields empty', '||||||', 'CCCD_ID_DIGITS'],
    ['five separators', '|||||', 'CCCD_FIELD_COUNT'],
    ['a URL', 'https://dichvucong.gov.vn/p/home/dvc-tra-cuu-ho-so.html?ma=000.00.06.H56-231027-0361', 'CCCD_FIELD_COUNT'],
    ['a dossier code from a receipt', '000.00.06.H56-231027-0361', 'CCCD_FIELD_COUNT'],
    ['10 KB of letters', 'a'.repeat(10 * 1024), 'CCCD_TOO_LONG'],
    ['10 KB of separators', '|'.repeat(10 * 1024), 'CCCD_TOO_LONG'],
    ['the payload repeated 80 times', `${SON}\n`.repeat(80), 'CCCD_TOO_LONG'],
    ['the six-field format without the old-ID field', '001089012345|Nguyễn Thái Sơn|04071989|Nam|Hà Nội|12082021', 'CCCD_FIELD_COUNT'],
    ['an 11-digit ID', son({ 0: '00108901234' }), 'CCCD_ID_DIGITS'],
    ['a 13-digit ID (not read as its last 12 digits)', son({ 0: '0010890123456' }), 'CCCD_ID_DIGITS'],
    ['a letter in the ID', son({ 0: '00108901234X' }), 'CCCD_ID_DIGITS'],
    ['spaces inside the ID', son({ 0: '001 089 012 345' }), 'CCCD_ID_DIGITS'],
    ['province code 000', son({ 0: '000089012345' }), 'CCCD_PROVINCE_INVALID'],
    ['province code 097', son({ 0: '097089012345' }), 'CCCD_PROVINCE_INVALID'],
    ['province code 999', son({ 0: '999089012345' }), 'CCCD_PROVINCE_INVALID'],
    ['an 8-digit old ID', son({ 1: '12345678' }), 'CCCD_OLD_ID_DIGITS'],
    ['a 10-digit old ID', son({ 1: '1234567890' }), 'CCCD_OLD_ID_DIGITS'],
    ['letters in the old ID', son({ 1: 'B1234567' }), 'CCCD_OLD_ID_DIGITS'],
    ['an empty name', son({ 2: '' }), 'CCCD_NAME_EMPTY'],
    ['a name of spaces', son({ 2: '   ' }), 'CCCD_NAME_EMPTY'],
    ['31 February', son({ 3: '31022000' }), 'CCCD_DATE_INVALID'],
    ['29 February in a common year', son({ 3: '29021989' }), 'CCCD_DATE_INVALID'],
    ['day 00', son({ 3: '00071989' }), 'CCCD_DATE_INVALID'],
    ['month 13', son({ 3: '04131989' }), 'CCCD_DATE_INVALID'],
    ['a birth date with slashes', son({ 3: '04/07/1989' }), 'CCCD_DATE_INVALID'],
    ['a 7-digit birth date', son({ 3: '4071989' }), 'CCCD_DATE_INVALID'],
    ['an ISO birth date', son({ 3: '1989-07-04' }), 'CCCD_DATE_INVALID'],
    ['31 April as issue date', son({ 6: '31042021' }), 'CCCD_DATE_INVALID'],
    ['an empty issue date', son({ 6: '' }), 'CCCD_DATE_INVALID'],
    ['sex in English', son({ 4: 'Male' }), 'CCCD_SEX_INVALID'],
    ['sex without diacritics', son({ 4: 'Nu' }), 'CCCD_SEX_INVALID'],
    ['an empty sex field', son({ 4: '' }), 'CCCD_SEX_INVALID'],
    ['issued before birth', son({ 6: '03071989' }), 'CCCD_ISSUE_BEFORE_BIRTH'],
  ])('%s → %s', (_label, raw, code) => {
    expect(errorCode(raw)).toBe(code);
  });

  it.each([
    ['a 1900s ID (digit 0) with a 2003 birth date', son({ 3: '04072003' })],
    ['a 2000s ID (digit 2) with a 1989 birth date', son({ 0: '001289012345' })],
    ['year digits 88 with a 1989 birth date', son({ 0: '001088012345' })],
    ['a male ID (digit 0) with sex “Nữ”', son({ 4: 'Nữ' })],
    ['a female ID (digit 1) with sex “Nam”', son({ 0: '001189012345' })],
    ['a female 2000s ID (digit 3) with sex “Nam”', ANH.replace('|Nữ|', '|Nam|')],
    ['a reserved century digit (4) with a 2003 birth date', ANH.replace('038303', '038403')],
    ['a 1900s ID with a birth year in the 1800s', son({ 3: '04071889' })],
  ])('the ID’s century/sex digit and year must agree: %s', (_label, raw) => {
    expect(errorCode(raw)).toBe('CCCD_ID_MISMATCH');
  });

  it.each([
    ['question marks where the reader could not type letters', son({ 2: 'Nguy?n Th?i S?n' })],
    ['replacement characters', son({ 2: 'Nguy\uFFFDn Th\uFFFDi S\uFFFDn' })],
    ['UTF-8 read as Windows-1252', son({ 2: 'Nguyá»…n ThÃ¡i SÆ¡n' })],
    ['UTF-8 read as Latin-1', son({ 2: latin1Mojibake('Nguyễn Thái Sơn') })],
    ['a garbled address', son({ 5: latin1Mojibake('Số 12 Ngõ 34 Phố Huế, Hà Nội') })],
    ['a garbled sex', ANH.replace('|Nữ|', '|N?|')],
    ['a mojibake sex', ANH.replace('|Nữ|', `|${latin1Mojibake('Nữ')}|`)],
    ['a control character in the name', son({ 2: 'Nguy\u001Bn Thái Sơn' })],
  ])('a keyboard-wedge–garbled payload is refused with CCCD_TEXT_GARBLED: %s', (_label, raw) => {
    expect(errorCode(raw)).toBe('CCCD_TEXT_GARBLED');
  });

  it('reports the first problem in field order', () => {
    expect(errorCode(son({ 1: '1', 3: '31022000', 4: 'x' }))).toBe('CCCD_OLD_ID_DIGITS');
    expect(errorCode(son({ 3: '31022000', 4: 'x' }))).toBe('CCCD_DATE_INVALID');
  });

  it('gives a filled-in Vietnamese message from the catalogue for every refusal', () => {
    const samples = [
      '',
      'abc',
      'a'.repeat(5000),
      ...[
        [0, '0010'],
        [0, '000089012345'],
        [1, '12'],
        [2, ''],
        [3, '31022000'],
        [4, 'x'],
        [6, '01011900'],
        [4, 'Nữ'],
        [2, 'A?'],
      ].map(([index, text]) => son({ [index as number]: text as string })),
    ];
    for (const raw of samples) {
      const result = parseCccdQr(raw);
      expect(result.ok).toBe(false);
      if (result.ok) continue;
      expect(Object.keys(errorMessages)).toContain(result.error.code);
      expect(result.error.message).not.toMatch(/\{\w+\}/);
      expect(result.error.message.length).toBeGreaterThan(20);
    }
    expect(parseCccdQr(son({ 3: '31022000' }))).toEqual({
      ok: false,
      error: { code: 'CCCD_DATE_INVALID', message: errorMessage('CCCD_DATE_INVALID', { value: '31022000' }) },
    });
  });

  it('quotes at most a short excerpt of garbage in the message', () => {
    const result = parseCccdQr(`${'x'.repeat(2000)}|||||||`);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.message.length).toBeLessThan(300);
  });

  it('treats a non-string as empty rather than throwing', () => {
    expect(errorCode(undefined as unknown as string)).toBe('CCCD_EMPTY');
  });
});

describe('parseCccdQrLenient — keep the sure fields of a damaged scan', () => {
  it('returns everything as sure for a clean payload', () => {
    expect(parseCccdQrLenient(SON)).toEqual({ ok: true, value: { sure: SON_DATA, toConfirm: [] } });
    expect(parseCccdQrLenient(ANH)).toEqual({ ok: true, value: { sure: ANH_DATA, toConfirm: [] } });
  });

  it('keeps ID, dates and sex when name and address arrive as question marks', () => {
    const raw = son({ 2: 'Nguy?n Th?i S?n', 5: 'S? 12 Ng? 34 Ph? Hu?, H? N?i' });
    const result = parseCccdQrLenient(raw);
    expect(result).toEqual({
      ok: true,
      value: {
        sure: { idNumber: '001089012345', oldIdNumber: '123456789', dateOfBirth: '1989-07-04', sex: 'male', issueDate: '2021-08-12' },
        toConfirm: [
          { field: 'fullName', code: 'CCCD_TEXT_GARBLED', message: errorMessage('CCCD_TEXT_GARBLED'), guess: 'Nguy?n Th?i S?n' },
          {
            field: 'address',
            code: 'CCCD_TEXT_GARBLED',
            message: errorMessage('CCCD_TEXT_GARBLED'),
            guess: 'S? 12 Ng? 34 Ph? Hu?, H? N?i',
          },
        ],
      },
    });
    expect(parseCccdQr(raw)).toMatchObject({ ok: false, error: { code: 'CCCD_TEXT_GARBLED' } });
  });

  it('takes sex from the ID’s century digit when the sex text is garbled', () => {
    const result = parseCccdQrLenient(ANH.replace('|Nữ|', '|N?|'));
    expect(result).toEqual({ ok: true, value: { sure: ANH_DATA, toConfirm: [] } });
    expect(errorCode(ANH.replace('|Nữ|', '|N?|'))).toBe('CCCD_TEXT_GARBLED');
  });

  it('takes sex from the ID when the sex text is missing', () => {
    const result = parseCccdQrLenient(son({ 4: '' }));
    expect(result.ok && result.value.sure.sex).toBe('male');
    expect(result.ok && result.value.toConfirm).toEqual([]);
  });

  it.each([
    ['Windows-1252', 'Nguyá»…n ThÃ¡i SÆ¡n', 'Sá»‘ 12 NgÃµ 34 Phá»‘ Huáº¿, HÃ\u00a0 Ná»™i'],
    ['Latin-1', latin1Mojibake('Nguyễn Thái Sơn'), latin1Mojibake('Số 12 Ngõ 34 Phố Huế, Hà Nội')],
  ])('offers the repaired text of %s mojibake as the guess, still to confirm', (_label, name, address) => {
    const result = parseCccdQrLenient(son({ 2: name, 5: address }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.toConfirm.map((item) => [item.field, item.guess])).toEqual([
      ['fullName', 'Nguyễn Thái Sơn'],
      ['address', 'Số 12 Ngõ 34 Phố Huế, Hà Nội'],
    ]);
    const { fullName: _name, address: _address, ...sure } = SON_DATA;
    expect(result.value.sure).toEqual(sure);
  });

  it('asks to confirm every field that is wrong, in payload order', () => {
    const result = parseCccdQrLenient(son({ 1: '12', 2: '', 3: '31021989', 5: 'H? N?i', 6: '99999999' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sure).toEqual({ idNumber: '001089012345', sex: 'male' });
    expect(result.value.toConfirm.map((item) => [item.field, item.code, item.guess])).toEqual([
      ['oldIdNumber', 'CCCD_OLD_ID_DIGITS', '12'],
      ['fullName', 'CCCD_NAME_EMPTY', null],
      ['dateOfBirth', 'CCCD_DATE_INVALID', null],
      ['address', 'CCCD_TEXT_GARBLED', 'H? N?i'],
      ['issueDate', 'CCCD_DATE_INVALID', null],
    ]);
  });

  it('does not trust a birth date or sex that contradicts the ID', () => {
    const result = parseCccdQrLenient(son({ 3: '04072003', 4: 'Nữ' }));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sure.dateOfBirth).toBeUndefined();
    expect(result.value.sure.sex).toBeUndefined();
    expect(result.value.toConfirm.map((item) => [item.field, item.code, item.guess])).toEqual([
      ['dateOfBirth', 'CCCD_ID_MISMATCH', '2003-07-04'],
      ['sex', 'CCCD_ID_MISMATCH', 'male'],
    ]);
  });

  it('cannot take sex from a reserved century digit', () => {
    const result = parseCccdQrLenient(ANH.replace('038303', '038403').replace('|Nữ|', '|N?|'));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.sure.sex).toBeUndefined();
    expect(result.value.toConfirm.map((item) => item.field)).toEqual(['dateOfBirth', 'sex']);
  });

  it('keeps the issue date to confirm when it is before the birth date', () => {
    const result = parseCccdQrLenient(son({ 6: '03071989' }));
    expect(result.ok && result.value.toConfirm).toEqual([
      { field: 'issueDate', code: 'CCCD_ISSUE_BEFORE_BIRTH', message: errorMessage('CCCD_ISSUE_BEFORE_BIRTH'), guess: '1989-07-03' },
    ]);
  });

  it.each([
    ['', 'CCCD_EMPTY'],
    ['abc', 'CCCD_FIELD_COUNT'],
    ['a'.repeat(10_240), 'CCCD_TOO_LONG'],
    ['||||||', 'CCCD_ID_DIGITS'],
    [son({ 0: '00108901234' }), 'CCCD_ID_DIGITS'],
    [son({ 0: '000089012345' }), 'CCCD_PROVINCE_INVALID'],
  ])('still fails when no ID number can be trusted (%#)', (raw, code) => {
    expect(parseCccdQrLenient(raw)).toMatchObject({ ok: false, error: { code } });
  });
});

describe('isGarbledVietnamese and repairMojibake', () => {
  it.each([
    ['Nguyễn Thái Sơn', false],
    ['Lê Hà', false],
    ['Đặng Thị Ngọc Hà', false],
    ['Nguyen Van A', false],
    ['', false],
    ['Số 5, ngõ 3\tphố Huế\r\nHà Nội', false],
    ['Nguy?n', true],
    ['Nguy\uFFFDn', true],
    ['Nguyá»…n', true],
    [latin1Mojibake('Đặng Thị Ngọc Hà'), true],
    ['Tr\u0000n', true],
    ['Tr\u0085n', true],
  ])('%j → %s', (text, garbled) => {
    expect(isGarbledVietnamese(text)).toBe(garbled);
  });

  it.each(['Nguyễn Thái Sơn', 'Đặng Thị Ngọc Hà', 'Số 12 Ngõ 34 Phố Huế, Hà Nội', 'Thôn Đông, xã Quảng Xương', 'Nữ'])(
    'repairs the Latin-1 mojibake of %j',
    (text) => {
      expect(repairMojibake(latin1Mojibake(text))).toBe(text);
    },
  );

  it.each(['Nguyễn Thái Sơn', 'Lê Hà', 'Nguyen Van A', 'Nguy?n', 'Ã', 'Ã(', ''])('leaves %j alone (not mojibake)', (text) => {
    expect(repairMojibake(text)).toBeNull();
  });
});
