import { describe, expect, it } from 'vitest';
import type { HistoryEvent } from '../../../../shared/lifecycle/lifecycle-events';
import { lifecycleProgress, toDanhSachHoSoBoSung } from '../../../../shared/lifecycle/dvcqg-progress';

const event = (type: string, payload: Record<string, unknown>, status = 4): HistoryEvent => ({
  id: `e-${type}`,
  type,
  status,
  at: '2026-02-10T03:00:00.000Z',
  actorName: 'Nguyễn Văn B',
  payload,
});

describe('progress text of lifecycle events', () => {
  it('says what happened and carries the due date that follows', () => {
    expect(
      lifecycleProgress(
        event('supplementRequested', {
          round: 2,
          items: [
            { name: 'Tờ khai', reason: 'thiếu chữ ký' },
            { name: 'Ảnh 4x6', reason: '' },
          ],
          contactPhone: '',
          dueBefore: '2026-02-13T17:00',
          remainingMinutes: 60,
        }),
      ),
    ).toEqual({ text: 'Yêu cầu bổ sung, hoàn thiện hồ sơ lần 2: Tờ khai; Ảnh 4x6', dueLocal: null });
    expect(lifecycleProgress(event('supplementReceived', { round: 2, note: '', dueBefore: null, dueAfter: '2026-02-25T13:30' }))).toEqual({
      text: 'Tiếp nhận hồ sơ bổ sung lần 2',
      dueLocal: '2026-02-25T13:30',
    });
    expect(lifecycleProgress(event('refused', { reasons: ['Không thuộc thẩm quyền'] }))!.text).toBe(
      'Từ chối giải quyết hồ sơ: Không thuộc thẩm quyền',
    );
    expect(lifecycleProgress(event('withdrawn', { reason: 'Công dân đổi ý' }))!.text).toBe('Công dân yêu cầu rút hồ sơ: Công dân đổi ý');
    expect(
      lifecycleProgress(event('apologyIssued', { reason: 'Chờ xác minh', dueBefore: '2026-02-13T17:00', newDueLocal: '2026-02-27T16:00' })),
    ).toEqual({
      text: 'Xin lỗi và hẹn lại ngày trả kết quả: Chờ xác minh',
      dueLocal: '2026-02-27T16:00',
    });
    expect(lifecycleProgress(event('processingStopped', { reasons: ['Có tranh chấp'] }))!.text).toBe('Dừng xử lý hồ sơ: Có tranh chấp');
  });

  it('is null for other history events and for a malformed payload', () => {
    expect(lifecycleProgress(event('received', {}, 2))).toBeNull();
    expect(lifecycleProgress(event('refused', { reasons: [] }))).toBeNull();
  });
});

describe('DanhSachHoSoBoSung', () => {
  const format = { instant: (iso: string) => `I(${iso})`, local: (local: string | null) => (local ? `L(${local})` : '') };
  it('lists each round with who asked, who received, and the due dates before and after', () => {
    const list = toDanhSachHoSoBoSung(
      [
        event('supplementRequested', {
          round: 1,
          items: [{ name: 'Tờ khai', reason: 'thiếu chữ ký' }],
          contactPhone: '0912345678',
          dueBefore: '2026-02-13T17:00',
          remainingMinutes: 60,
        }),
        {
          ...event('supplementReceived', { round: 1, note: 'Đã ký', dueBefore: null, dueAfter: '2026-02-23T08:30' }),
          at: '2026-02-12T09:00:00.000Z',
          actorName: 'Trần Thị A',
        },
      ],
      format,
    );
    expect(list).toEqual([
      {
        HoSoBoSungId: 'e-supplementRequested',
        NguoiYeuCauBoSung: 'Nguyễn Văn B',
        NoiDungBoSung: 'Tờ khai (thiếu chữ ký)',
        NgayBoSung: 'I(2026-02-10T03:00:00.000Z)',
        NguoiTiepNhanBoSung: 'Trần Thị A',
        ThongTinTiepNhan: 'Đã ký',
        NgayTiepNhanBoSung: 'I(2026-02-12T09:00:00.000Z)',
        TrangThaiBoSung: '1',
        DanhSachGiayToBoSung: 'Tờ khai',
        DanhSachLePhiBoSung: '',
        NgayHenTraTruoc: 'L(2026-02-13T17:00)',
        NgayHenTraMoi: 'L(2026-02-23T08:30)',
      },
    ]);
  });
});
