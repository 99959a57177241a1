import { describe, expect, it } from 'vitest';
import type { DossierView } from '../../../../shared/reception/dossier-view';
import { progressEntriesForEvent, toCapNhatTienDoHoSoMC, toDongBoHoSoMC, type DvcqgEvent } from '../../../../shared/sync/dvcqg-mapping';

const CONTEXT = { unitName: 'UBND xã Yên Thái', sectorCode: 'G01', fileBaseUrl: 'https://mot-cua.tinh.gov.vn/v1/files/' };

const VIEW = {
  id: 'd1',
  code: '000.00.06.H56-260302-0007',
  status: 4,
  procedure: {
    code: '1.001193.000.00.00.H56',
    name: 'Đăng ký khai sinh',
    sectorName: 'Hộ tịch',
    duration: { unit: 'workingDays', value: 5 },
  },
  owner: {
    kind: 'citizen',
    fullName: 'Nguyễn Thị Hồng Nhung',
    idNumber: '038190012345',
    oldIdNumber: null,
    taxCode: null,
    dateOfBirth: null,
    sex: null,
    address: '',
    issueDate: null,
    phone: '',
    email: '',
  },
  submitter: null,
  channel: 'direct',
  returnMethod: 'counter',
  returnAddress: null,
  receivedAt: '2026-03-02T01:05:00.000Z',
  receivedLocal: '2026-03-02T08:05',
  dueLocal: '2026-03-12T10:00',
  setsCount: 1,
  components: [],
  fees: [],
  officer: { username: 'a', fullName: 'Cán bộ A' },
  register: { book: '2026', number: 7 },
  note: '',
  returnedAt: null,
  returnedTo: null,
} as DossierView;

const events: DvcqgEvent[] = [
  { id: 'e1', type: 'received', status: 2, at: '2026-03-02T01:05:00.000Z', actorName: 'Cán bộ A', payload: {} },
  {
    id: 'e2',
    type: 'supplementRequested',
    status: 5,
    at: '2026-03-03T02:00:00.000Z',
    actorName: 'Cán bộ B',
    payload: {
      round: 1,
      items: [{ name: 'Tờ khai', reason: 'thiếu chữ ký' }],
      contactPhone: '',
      dueBefore: '2026-03-09T08:05',
      remainingMinutes: 1800,
    },
  },
  {
    id: 'e3',
    type: 'supplementReceived',
    status: 4,
    at: '2026-03-05T02:00:00.000Z',
    actorName: 'Cán bộ A',
    payload: { round: 1, note: 'Đủ', dueBefore: '2026-03-09T08:05', dueAfter: '2026-03-12T10:00' },
  },
];

describe('lifecycle events in the DVCQG export', () => {
  it('gives one progress entry per event with its status, text and the due date that follows', () => {
    const entries = toCapNhatTienDoHoSoMC(VIEW, events, CONTEXT);
    expect(entries.map((e) => [e.TrangThai, e.NoiDungXuLy, e.NgayKetThucTheoQuyDinh])).toEqual([
      ['2', 'Tiếp nhận hồ sơ', '20260312100000'],
      ['5', 'Yêu cầu bổ sung, hoàn thiện hồ sơ lần 1: Tờ khai', ''],
      ['4', 'Tiếp nhận hồ sơ bổ sung lần 1', '20260312100000'],
    ]);
  });

  it('fills DanhSachHoSoBoSung with the round', () => {
    const [round] = toDongBoHoSoMC(VIEW, events, [], CONTEXT).DanhSachHoSoBoSung;
    expect(round).toMatchObject({
      HoSoBoSungId: 'e2',
      NguoiYeuCauBoSung: 'Cán bộ B',
      NgayBoSung: '20260303090000',
      NguoiTiepNhanBoSung: 'Cán bộ A',
      NgayTiepNhanBoSung: '20260305090000',
      TrangThaiBoSung: '1',
      NgayHenTraTruoc: '20260309080500',
      NgayHenTraMoi: '20260312100000',
    });
  });

  it('yields the entries of one event for a forwarder, whatever else the history holds', () => {
    expect(progressEntriesForEvent(VIEW, events, 'e2', CONTEXT).map((e) => e.TrangThai)).toEqual(['5']);
    expect(progressEntriesForEvent(VIEW, events, 'e3', CONTEXT).map((e) => e.NoiDungXuLy)).toEqual(['Tiếp nhận hồ sơ bổ sung lần 1']);
    expect(progressEntriesForEvent(VIEW, events, 'e1', CONTEXT).map((e) => e.NoiDungXuLy)).toEqual(['Tiếp nhận hồ sơ']);
    expect(progressEntriesForEvent(VIEW, events, 'nope', CONTEXT)).toEqual([]);
  });
});
