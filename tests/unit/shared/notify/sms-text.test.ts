import { describe, expect, it } from 'vitest';
import { formatLocalDue, noticeFor, renderNotice } from '../../../../shared/notify/notices';
import { fitSms, isGsm7, smsSegments, withoutDiacritics } from '../../../../shared/notify/sms-text';

describe('SMS text (GSM-7 without tone marks, UCS-2 with them)', () => {
  it('removes Vietnamese marks, đ included, to fit GSM-7', () => {
    expect(withoutDiacritics('Hồ sơ đã được tiếp nhận. Đề nghị ông/bà')).toBe('Ho so da duoc tiep nhan. De nghi ong/ba');
    expect(isGsm7('Ho so da duoc tiep nhan')).toBe(true);
    expect(isGsm7('Hồ sơ')).toBe(false);
  });

  it('counts parts as providers bill them: 160/153 for GSM-7, 70/67 for UCS-2, extension characters twice', () => {
    expect(smsSegments('a'.repeat(160), 'gsm7')).toBe(1);
    expect(smsSegments('a'.repeat(161), 'gsm7')).toBe(2);
    expect(smsSegments('a'.repeat(306), 'gsm7')).toBe(2);
    expect(smsSegments('a'.repeat(307), 'gsm7')).toBe(3);
    expect(smsSegments('€'.repeat(80), 'gsm7')).toBe(1);
    expect(smsSegments('€'.repeat(81), 'gsm7')).toBe(2);
    expect(smsSegments('ồ'.repeat(70), 'ucs2')).toBe(1);
    expect(smsSegments('ồ'.repeat(71), 'ucs2')).toBe(2);
    expect(smsSegments('ồ'.repeat(134), 'ucs2')).toBe(2);
  });

  it('keeps tone marks in UCS-2 when allowed and within the maximum, else falls back to GSM-7, and cuts what still does not fit', () => {
    const text = 'Hồ sơ 000.00.06.H56-260302-0001 đã được tiếp nhận.';
    expect(fitSms(text, { unicode: true, maxSegments: 1 })).toEqual({ text, encoding: 'ucs2', segments: 1 });
    expect(fitSms(text, { unicode: false, maxSegments: 1 })).toEqual({
      text: 'Ho so 000.00.06.H56-260302-0001 da duoc tiep nhan.',
      encoding: 'gsm7',
      segments: 1,
    });
    const long = `Hồ sơ cần bổ sung: ${'Giấy chứng sinh; '.repeat(30)}`;
    const unicodeTooLong = fitSms(long, { unicode: true, maxSegments: 2 });
    expect(unicodeTooLong.encoding).toBe('gsm7');
    expect(unicodeTooLong.segments).toBe(2);
    expect(unicodeTooLong.text.endsWith('...')).toBe(true);
    expect(fitSms('Phí 50.000₫ ✓', { unicode: false, maxSegments: 1 }).text).toBe('Phi 50.000? ?');
  });
});

describe('notices to the applicant (issue 15 §4)', () => {
  const input = {
    code: '000.00.06.H56-260302-0001',
    procedureName: 'Đăng ký khai sinh',
    lookupUrl: 'https://dichvucong.tinh.gov.vn/tra-cuu?ma=X',
  };

  it('chooses the notice from the recorded event', () => {
    expect(noticeFor({ type: 'received', status: 2, payload: {} })?.kind).toBe('received');
    expect(noticeFor({ type: 'received', status: 3, payload: { note: 'Sai thủ tục' } })).toEqual({
      kind: 'refused',
      details: 'Sai thủ tục',
    });
    expect(noticeFor({ type: 'supplementRequested', status: 5, payload: { items: [{ name: 'Giấy chứng sinh' }] } })).toEqual({
      kind: 'supplementRequested',
      details: 'Giấy chứng sinh',
    });
    expect(noticeFor({ type: 'refused', status: 3, payload: { reasons: ['Không thuộc thẩm quyền'] } })?.details).toBe(
      'Không thuộc thẩm quyền',
    );
    expect(noticeFor({ type: 'statusChanged', status: 9, payload: {} })?.kind).toBe('resultReady');
    expect(noticeFor({ type: 'apologyIssued', status: 4, payload: { reason: 'Chờ xác minh', newDueLocal: '2026-03-10T16:00' } })).toEqual({
      kind: 'delayed',
      details: 'Chờ xác minh',
      dueLocal: '2026-03-10T16:00',
    });
    expect(noticeFor({ type: 'statusChanged', status: 4, payload: {} })).toBeNull();
    expect(noticeFor({ type: 'resultReturned', status: 10, payload: {} })).toBeNull();
  });

  it('writes each notice in Vietnamese with the code, the date and the lookup link', () => {
    expect(formatLocalDue('2026-03-03T08:00')).toBe('08:00 ngày 03/03/2026');
    const received = renderNotice({ ...input, kind: 'received', dueLocal: '2026-03-03T08:00', details: '' });
    expect(received.sms).toBe(`Hồ sơ ${input.code} đã được tiếp nhận. Hẹn trả 08:00 ngày 03/03/2026. Tra cứu: ${input.lookupUrl}`);
    expect(received.subject).toBe(`Hồ sơ ${input.code} đã được tiếp nhận`);
    expect(received.body).toContain('Ngày hẹn trả kết quả: 08:00 ngày 03/03/2026.');
    const delayed = renderNotice({ ...input, kind: 'delayed', dueLocal: '2026-03-10T16:00', details: 'Chờ xác minh' });
    expect(delayed.body).toContain('Ngày hẹn trả mới: 16:00 ngày 10/03/2026.');
    expect(renderNotice({ ...input, kind: 'refused', dueLocal: null, details: 'Không thuộc thẩm quyền' }).sms).toContain(
      'Lý do: Không thuộc thẩm quyền',
    );
    expect(renderNotice({ ...input, kind: 'supplementRequested', dueLocal: null, details: 'Giấy chứng sinh' }).body).toContain(
      'Giấy tờ cần bổ sung: Giấy chứng sinh.',
    );
    expect(renderNotice({ ...input, kind: 'resultReady', dueLocal: null, details: '' }).subject).toBe(`Hồ sơ ${input.code} đã có kết quả`);
  });
});
