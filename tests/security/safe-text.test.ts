import { describe, expect, it } from 'vitest';
import { isCanonicalDossierCode } from '../../shared/domain/dossier-code';
import { parseCccdQr } from '../../shared/domain/cccd';
import { findUnsafeCharacter, findUnsafeTextIn, safeText, sanitizeText } from '../../shared/domain/safe-text';
import { channels } from '../../shared/ipc/contract';
import { receptionDraftSchema } from '../../shared/reception/draft';

describe('sanitizeText', () => {
  it.each([
    ['NUL', 'a\u0000b', 'U+0000'],
    ['a C0 control', 'a\u001Bb', 'U+001B'],
    ['DEL', 'a\u007Fb', 'U+007F'],
    ['a lone high surrogate', 'a\uD800b', 'U+D800'],
    ['a lone low surrogate at the end', 'ab\uDC00', 'U+DC00'],
    ['the right-to-left override', 'Nguyễn \u202EnaV', 'U+202E'],
    ['a left-to-right embedding', '\u202AA', 'U+202A'],
    ['a first-strong isolate', 'A\u2068B\u2069', 'U+2068'],
    ['a pop directional isolate', 'A\u2069', 'U+2069'],
    ['the right-to-left mark', 'Trần\u200F 038190012345', 'U+200F'],
    ['the left-to-right mark', '\u200E038190012345', 'U+200E'],
    ['the Arabic letter mark', 'Lê\u061C Văn', 'U+061C'],
    ['a C1 control (Windows-1252 read as Latin-1)', 'Nguy\u0085n', 'U+0085'],
    ['the last C1 control', 'a\u009Fb', 'U+009F'],
  ])('refuses %s', (_label, text, character) => {
    expect(findUnsafeCharacter(text)).toBe(character);
    expect(sanitizeText(text)).toBeNull();
  });

  it('allows tab and line breaks only in multi-line fields', () => {
    for (const text of ['Thôn Đông\nXã Yên Bình', 'a\r\nb', 'a\tb']) {
      expect(findUnsafeCharacter(text)).not.toBeNull();
      expect(sanitizeText(text, { multiline: true })).toBe(text);
    }
    expect(sanitizeText('a\u0000\nb', { multiline: true })).toBeNull();
    expect(sanitizeText('Thôn 1\n\u200FXã 2', { multiline: true })).toBeNull();
    expect(sanitizeText('Thôn 1\n\u0090Xã 2', { multiline: true })).toBeNull();
  });

  it('keeps a valid surrogate pair (emoji) and composes decomposed Vietnamese to NFC', () => {
    expect(sanitizeText('Chúc mừng 😀')).toBe('Chúc mừng 😀');
    const decomposed = 'Nguyễn'.normalize('NFD');
    expect(decomposed).not.toBe('Nguyễn');
    expect(sanitizeText(decomposed)).toBe('Nguyễn'.normalize('NFC'));
  });

  it('leaves every Vietnamese letter with every tone mark untouched', () => {
    const letters = 'aăâeêioôơuưy';
    const tones = ['', '\u0300', '\u0301', '\u0309', '\u0303', '\u0323'];
    const all = [...letters].flatMap((l) => tones.map((t) => (l + t).normalize('NFC'))).join('') + 'đĐ';
    const text = `${all} ${all.toUpperCase()}`;
    expect(sanitizeText(text)).toBe(text);
  });

  it('finds refused text anywhere in a payload, keys included', () => {
    expect(findUnsafeTextIn({ a: [{ b: 'ok' }, { c: 'x\u0000' }] })).toBe('.a[1].c');
    expect(findUnsafeTextIn({ 'k\u202E': 1 })).toBe('.k\u202E');
    expect(findUnsafeTextIn({ address: 'Thôn 1\nXã 2', n: 3, m: null })).toBeNull();
  });

  it('gives a zod string the Vietnamese message and NFC output, and keeps it chainable', () => {
    const schema = safeText().max(10);
    const refused = schema.safeParse('A\u202EB');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.message).toMatch(/ký tự không hợp lệ \(U\+202E\)/);
    expect(schema.parse('Hồng'.normalize('NFD'))).toBe('Hồng'.normalize('NFC'));
  });
});

describe('CCCD QR with a bidi override', () => {
  const qr = (name: string) => `038190012345|123456789|${name}|14051990|Nữ|Thôn Đông, Xã Yên Bình|01072021`;

  it('is refused with the Vietnamese message', () => {
    expect(parseCccdQr(qr('Nguyễn Thị Hồng Nhung')).ok).toBe(true);
    const result = parseCccdQr(qr('Nguyễn \u202Egnuhn'));
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.code).toBe('TEXT_INVALID_CHARACTERS');
    expect(result.error.message).toContain('ký tự không hợp lệ (U+202E)');
  });

  it.each(['\u200F', '\u200E', '\u061C', '\u2067'])('refuses the invisible bidi control %j in the name', (mark) => {
    const result = parseCccdQr(qr(`Nguyễn Thị${mark} Hồng Nhung`));
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('TEXT_INVALID_CHARACTERS');
  });
});

describe('isCanonicalDossierCode', () => {
  it('accepts only the exact formatted code', () => {
    expect(isCanonicalDossierCode('000.00.06.H56-260302-0001')).toBe(true);
    for (const code of [
      '000.00.06.H56-260302-0001\t',
      '000.00.06.H56-260302-0001\u3000',
      ' 000.00.06.H56-260302-0001',
      '000.00.06.h56-260302-0001',
      42,
    ]) {
      expect(isCanonicalDossierCode(code)).toBe(false);
    }
  });
});

describe('reception draft at the contract', () => {
  const draft = (owner: Record<string, unknown>, note = '') => ({
    procedureCode: '1.001193.000.00.00.H56',
    owner: { kind: 'citizen', fullName: 'Nguyễn Thị Hồng Nhung', address: 'Thôn Đông\nXã Yên Bình', ...owner },
    components: [],
    note,
  });

  it('refuses a bidi override in the name and a NUL in the note, with the Vietnamese message', () => {
    for (const input of [draft({ fullName: 'Nguyễn \u202Egnuhn' }), draft({}, 'ghi chú\u0000')]) {
      const parsed = receptionDraftSchema.safeParse(input);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.message).toContain('ký tự không hợp lệ');
    }
  });

  it('accepts a multi-line address and stores names in NFC', () => {
    const parsed = receptionDraftSchema.parse(draft({ fullName: 'Nguyễn Thị Hồng Nhung'.normalize('NFD') }));
    expect(parsed.owner.fullName).toBe('Nguyễn Thị Hồng Nhung'.normalize('NFC'));
    expect(parsed.owner.address).toBe('Thôn Đông\nXã Yên Bình');
  });
});

describe('return and supplement request at the contract', () => {
  it('refuse a bidi override in the collector name and refused characters in reasons', () => {
    const returned = channels['dossier.markReturned'].input.safeParse({ dossierId: 'd1', collectorName: 'Trần \u202EnahV' });
    expect(returned.success).toBe(false);
    expect(returned.error?.issues[0]?.message).toContain('ký tự không hợp lệ (U+202E)');
    expect(
      channels['dossier.markReturned'].input.safeParse({
        dossierId: 'd1',
        collectorName: 'Trần Văn Hải',
        note: 'Nhận thay\nđã xuất trình CCCD',
      }).success,
    ).toBe(true);
    const applicant = { kind: 'citizen', fullName: 'Nguyễn Văn An' };
    const refusal = (reason: string) =>
      channels['print.refusal'].input.safeParse({ procedureCode: 'P1', applicant, reasons: [reason] }).success;
    expect([refusal('Thiếu\u0000'), refusal('Hồ sơ không thuộc thẩm quyền\ncủa UBND xã')]).toEqual([false, true]);
    const supplement = (reason: string) =>
      channels['print.supplementRequest'].input.safeParse({ procedureCode: 'P1', applicant, items: [{ name: 'Tờ khai', reason }] }).success;
    expect([supplement('Thiếu chữ ký\u202E'), supplement('Thiếu chữ ký')]).toEqual([false, true]);
  });
});
