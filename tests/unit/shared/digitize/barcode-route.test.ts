import { describe, expect, it } from 'vitest';
import { routeDecodedText } from '../../../../shared/digitize/barcode-route';
import { parseSeparator, separatorPayload } from '../../../../shared/digitize/separator-code';

const CCCD = '001199012345|123456789|Nguyễn Thị Hồng Nhung|01011999|Nữ|Số 12 ngõ 34, Phường Điện Biên, Quận Ba Đình, Hà Nội|15082021';

describe('routing a decoded barcode text', () => {
  it('routes a CCCD payload with its Vietnamese fields, the 2024 variant included', () => {
    const route = routeDecodedText(CCCD);
    expect(route.kind).toBe('cccd');
    if (route.kind !== 'cccd') return;
    expect(route.card.sure).toMatchObject({
      idNumber: '001199012345',
      fullName: 'Nguyễn Thị Hồng Nhung',
      dateOfBirth: '1999-01-01',
      sex: 'female',
    });
    expect(route.card.toConfirm).toEqual([]);
    const newCard = routeDecodedText('079204001122||Trần Văn Đức|20022004|Nam|Nhà Bè, Thành phố Hồ Chí Minh|01072024||||');
    expect(newCard.kind === 'cccd' && newCard.card.sure.fullName).toBe('Trần Văn Đức');
  });

  it('keeps a damaged CCCD payload as a card with the fields to confirm', () => {
    const route = routeDecodedText('001199012345|123456789|Nguy?n Th? H?ng|01011999|Nữ|Hà Nội|15082021');
    expect(route.kind).toBe('cccd');
    if (route.kind === 'cccd') expect(route.card.toConfirm.map((field) => field.field)).toEqual(['fullName']);
  });

  it('routes a bare dossier code, tolerating white space and the letter case a reader flips', () => {
    expect(routeDecodedText(' 000.00.06.h56-261125-0017\n')).toEqual({
      kind: 'dossier-code',
      code: '000.00.06.H56-261125-0017',
      parts: { agencyCode: '000.00.06.H56', date: '2026-11-25', sequence: 17 },
    });
  });

  it('finds the dossier code in a receipt QR that carries the lookup address', () => {
    const route = routeDecodedText('https://dichvucong.hanoi.gov.vn/tra-cuu?ma=000.00.06.H56-261125-0017');
    expect(route).toMatchObject({ kind: 'dossier-code', code: '000.00.06.H56-261125-0017' });
    expect(routeDecodedText(`https://x.vn/hs/${encodeURIComponent('000.21.31.H29-260102-9999')}`)).toMatchObject({ kind: 'dossier-code' });
  });

  it('routes a separator sheet to the component it names', () => {
    expect(routeDecodedText(separatorPayload('TP-KS-01'))).toEqual({ kind: 'separator', componentCode: 'TP-KS-01' });
    expect(parseSeparator(separatorPayload('  '))).toBeNull();
  });

  it('leaves everything else as other: impossible dates, 13-digit runs, plain text, an empty separator', () => {
    for (const text of [
      '000.00.06.H56-261335-0017',
      '000.00.06.H56-261125-0000',
      'hello',
      '',
      'QMC-TACH:',
      '0011990123456|x',
      '1234567890123',
    ]) {
      expect(routeDecodedText(text)).toEqual({ kind: 'other', text });
    }
  });
});
