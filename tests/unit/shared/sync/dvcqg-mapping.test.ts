import { describe, expect, it } from 'vitest';
import type { DossierView } from '../../../../shared/reception/dossier-view';
import {
  formatDvcqgLocal,
  formatDvcqgTime,
  toCapNhatTienDoHoSoMC,
  toDongBoHoSoMC,
  type DvcqgEvent,
  type DvcqgFile,
} from '../../../../shared/sync/dvcqg-mapping';

const CONTEXT = {
  unitName: 'UBND xã Yên Thái',
  processingAgency: 'Phòng Tư pháp huyện Yên Thái',
  sectorCode: 'G01',
  fileBaseUrl: 'https://mot-cua.tinh.gov.vn/v1/files/',
};

function view(overrides: Partial<DossierView> = {}): DossierView {
  return {
    id: '0190a1b2-0000-7000-8000-000000000001',
    code: '000.00.06.H56-260302-0007',
    status: 2,
    procedure: {
      code: '1.001193.000.00.00.H56',
      name: 'Đăng ký khai sinh',
      sectorName: 'Hộ tịch',
      duration: { unit: 'workingDays', value: 1 },
    },
    owner: {
      kind: 'citizen',
      fullName: 'Nguyễn Thị Hồng Nhung',
      idNumber: '038190012345',
      oldIdNumber: null,
      taxCode: null,
      dateOfBirth: '1990-05-14',
      sex: 'female',
      address: 'Thôn Đông',
      issueDate: null,
      phone: '0912345678',
      email: 'nhung@example.vn',
    },
    submitter: null,
    channel: 'direct',
    returnMethod: 'counter',
    returnAddress: null,
    receivedAt: '2026-03-02T01:05:09.000Z',
    receivedLocal: '2026-03-02T08:05',
    dueLocal: '2026-03-03T08:05',
    setsCount: 1,
    components: [
      {
        code: 'TK',
        name: 'Tờ khai đăng ký khai sinh',
        required: true,
        originals: 1,
        copies: 0,
        state: 'attached',
        digitization: 'digitizedHere',
        pageCount: 1,
        reuseRef: null,
        waiveReason: null,
      },
      {
        code: 'GCS',
        name: 'Giấy chứng sinh',
        required: true,
        originals: 1,
        copies: 0,
        state: 'reused',
        digitization: 'reused',
        pageCount: 1,
        reuseRef: 'KHO-001',
        waiveReason: null,
      },
      {
        code: 'KQ',
        name: 'Bản sao trích lục',
        required: false,
        originals: 0,
        copies: 1,
        state: 'reused',
        digitization: 'reusedFromResult',
        pageCount: 1,
        reuseRef: 'KQ-2025-0042',
        waiveReason: null,
      },
    ],
    fees: [{ kind: 'lePhi', name: 'Lệ phí đăng ký khai sinh', amount: 8000, status: 'paid', method: 'cash', receiptNumber: 'BL-01' }],
    officer: { username: 'canbo01', fullName: 'Lê Văn Cán Bộ' },
    register: { book: '2026', number: 7 },
    note: 'Hồ sơ đủ',
    returnedAt: null,
    returnedTo: null,
    ...overrides,
  };
}

const event = (
  id: string,
  type: string,
  status: number,
  at: string,
  payload: Record<string, unknown> = {},
  actorName = 'Lê Văn Cán Bộ',
): DvcqgEvent => ({ id, type, status, at, actorName, payload });
const RECEIVED = event('e1', 'received', 2, '2026-03-02T01:05:09.000Z', { note: 'Tiếp nhận hồ sơ' });
const PROCESSED = event('e2', 'statusChanged', 9, '2026-03-02T09:00:00.000Z', { note: 'Đã ký giấy khai sinh' }, 'Phòng Tư pháp');
const RETURNED = event('e3', 'resultReturned', 10, '2026-03-03T02:30:00.000Z', { collector: 'Nguyễn Thị Hồng Nhung' });
const FILES: DvcqgFile[] = [
  { componentCode: 'TK', sha256: 'a'.repeat(64), mediaType: 'application/pdf', signed: true },
  { componentCode: 'GCS', sha256: 'b'.repeat(64), mediaType: 'image/jpeg', signed: true },
  { componentCode: 'KQ', sha256: 'c'.repeat(64), mediaType: 'application/pdf', signed: true },
];

function allStrings(value: unknown): boolean {
  if (Array.isArray(value)) return value.every(allStrings);
  if (value && typeof value === 'object') return Object.values(value).every(allStrings);
  return typeof value === 'string';
}

describe('DVCQG times (docs/domain.md §2.10: yyyyMMddHHmmss, Asia/Ho_Chi_Minh, UTC+7, no DST)', () => {
  it('formats UTC instants as Vietnam local time, across midnight and the year end', () => {
    expect(formatDvcqgTime('2026-03-02T01:05:09.000Z')).toBe('20260302080509');
    expect(formatDvcqgTime('2026-03-02T17:30:00Z')).toBe('20260303003000');
    expect(formatDvcqgTime('2026-12-31T17:00:00.000Z')).toBe('20270101000000');
    expect(formatDvcqgTime(new Date('2026-06-30T16:59:59.999Z'))).toBe('20260630235959');
  });

  it('gives an empty string, never UTC or ISO text, for what it cannot read', () => {
    expect(formatDvcqgTime('yesterday')).toBe('');
    expect(formatDvcqgLocal(null)).toBe('');
    expect(formatDvcqgLocal('2026-03-03')).toBe('');
    expect(formatDvcqgLocal('2026-03-03T08:05')).toBe('20260303080500');
  });
});

describe('DongBoHoSoMC (docs/domain.md §2.4)', () => {
  const record = toDongBoHoSoMC(view({ status: 10 }), [RETURNED, RECEIVED, PROCESSED], FILES, CONTEXT);

  it('sends the fields of §2.4 and only those', () => {
    // §2.4 field list. Left out: SoBienNhan (optional, commented out in O), NoiNopHoSo and
    // DSKetNoiCSDL (T sends constants whose meaning is unconfirmed).
    expect(Object.keys(record).sort()).toEqual(
      [
        'MaHoSo',
        'MaTTHC',
        'TenTTHC',
        'MaLinhVuc',
        'TenLinhVuc',
        'KenhThucHien',
        'SoGiayToChuHoSo',
        'ChuHoSo',
        'LoaiDoiTuong',
        'MaDoiTuong',
        'ThongTinKhac',
        'Email',
        'Fax',
        'SoDienThoai',
        'TrichYeuHoSo',
        'NgayTiepNhan',
        'NgayHenTra',
        'TrangThaiHoSo',
        'NgayTra',
        'ThongTinTra',
        'HinhThuc',
        'NgayKetThucXuLy',
        'DonViXuLy',
        'GhiChu',
        'HoSoCoThanhPhanSoHoa',
        'TaiKhoanDuocXacThucVoiVNeID',
        'DuocThanhToanTrucTuyen',
        'NgayTuChoi',
        'NgayNopHoSo',
        'DinhDanhCHS',
        'TaiLieuNop',
        'DanhSachLePhi',
        'DanhSachTepDinhKemKhac',
        'DanhSachHoSoBoSung',
        'DanhSachGiayToKetQua',
      ].sort(),
    );
    expect(allStrings(record)).toBe(true);
  });

  it('maps the dossier, owner and history', () => {
    expect(record).toMatchObject({
      MaHoSo: '000.00.06.H56-260302-0007',
      MaTTHC: '1.001193.000.00.00.H56',
      TenTTHC: 'Đăng ký khai sinh',
      MaLinhVuc: 'G01',
      TenLinhVuc: 'Hộ tịch',
      KenhThucHien: '1',
      SoGiayToChuHoSo: '038190012345',
      ChuHoSo: 'Nguyễn Thị Hồng Nhung',
      LoaiDoiTuong: '1',
      MaDoiTuong: '',
      Email: 'nhung@example.vn',
      Fax: '0912345678',
      SoDienThoai: '0912345678',
      TrichYeuHoSo: 'Đăng ký khai sinh - Nguyễn Thị Hồng Nhung',
      NgayTiepNhan: '20260302080509',
      NgayNopHoSo: '20260302080509',
      NgayHenTra: '20260303080500',
      TrangThaiHoSo: '10',
      NgayKetThucXuLy: '20260302160000',
      NgayTra: '20260303093000',
      NgayTuChoi: '',
      HinhThuc: '0',
      // The agency that decides the procedure, from the catalogue, not the receiving unit.
      DonViXuLy: 'Phòng Tư pháp huyện Yên Thái',
      GhiChu: 'Hồ sơ đủ',
      HoSoCoThanhPhanSoHoa: '1',
      TaiKhoanDuocXacThucVoiVNeID: '0',
      // Paid in cash at the counter: not an online payment.
      DuocThanhToanTrucTuyen: '0',
      DinhDanhCHS: [{ LoaiDinhDanh: '1', SoDinhDanh: '038190012345' }],
      DanhSachLePhi: [{ TenPhiLePhi: 'Lệ phí đăng ký khai sinh', MaPhiLePhi: '1', HinhThucThu: '1', Gia: '8000', LoaiPhiLePhi: '1' }],
      DanhSachTepDinhKemKhac: [],
      DanhSachHoSoBoSung: [],
      DanhSachGiayToKetQua: [],
    });
  });

  it('lists submitted files with public links and the reuse codes of §2.5', () => {
    expect(record.TaiLieuNop).toEqual([
      {
        TepDinhKemId: 'a'.repeat(64),
        TenTepDinhKem: 'Tờ khai đăng ký khai sinh.pdf',
        IsDeleted: 'False',
        MaThanhPhanHoSo: 'TK',
        DuongDanTaiTepTin: `https://mot-cua.tinh.gov.vn/v1/files/${'a'.repeat(64)}`,
        DuocSoHoa: '1',
        DuocTaiSuDung: '0',
        DuocLayTuKhoDMQG: '0',
        MaKetQuaThayThe: '',
      },
      {
        TepDinhKemId: 'b'.repeat(64),
        TenTepDinhKem: 'Giấy chứng sinh.jpg',
        IsDeleted: 'False',
        MaThanhPhanHoSo: 'GCS',
        DuongDanTaiTepTin: `https://mot-cua.tinh.gov.vn/v1/files/${'b'.repeat(64)}`,
        DuocSoHoa: '1',
        DuocTaiSuDung: '1',
        // A reference the officer typed does not prove the national store.
        DuocLayTuKhoDMQG: '0',
        MaKetQuaThayThe: '',
      },
      {
        TepDinhKemId: 'c'.repeat(64),
        TenTepDinhKem: 'Bản sao trích lục.pdf',
        IsDeleted: 'False',
        MaThanhPhanHoSo: 'KQ',
        DuongDanTaiTepTin: `https://mot-cua.tinh.gov.vn/v1/files/${'c'.repeat(64)}`,
        DuocSoHoa: '1',
        DuocTaiSuDung: '2',
        DuocLayTuKhoDMQG: '0',
        // Typed text, not a result code (<dossier code>/KQ<n>): never sent as one.
        MaKetQuaThayThe: '',
      },
    ]);
  });

  it('says DuocSoHoa 1 only for a copy the unit signed, and marks the unsigned scan it replaced deleted (issue 16)', () => {
    const scan = { componentCode: 'TK', sha256: 'd'.repeat(64), mediaType: 'application/pdf' };
    const unsigned = toDongBoHoSoMC(view(), [RECEIVED], [scan], CONTEXT).TaiLieuNop;
    expect(unsigned.map((f) => [f.TepDinhKemId, f.IsDeleted, f.DuocSoHoa])).toEqual([['d'.repeat(64), 'False', '0']]);
    const signed = toDongBoHoSoMC(view(), [RECEIVED], [scan, FILES[0]!], CONTEXT).TaiLieuNop;
    expect(signed.map((f) => [f.TepDinhKemId, f.IsDeleted, f.DuocSoHoa])).toEqual([
      ['d'.repeat(64), 'True', '0'],
      ['a'.repeat(64), 'False', '1'],
    ]);
  });

  it('reuse by reference from this counter: not from the national store, and the earlier result named as MaKetQuaThayThe', () => {
    const earlier = '000.00.06.H56-251103-0012';
    const components = view().components.map((c) =>
      c.code === 'GCS' ? { ...c, reuseRef: `${earlier}/GCS` } : c.code === 'KQ' ? { ...c, reuseRef: `${earlier}/KQ1` } : c,
    );
    const local = toDongBoHoSoMC(view({ components }), [RECEIVED], FILES, CONTEXT).TaiLieuNop;
    expect(local.map((f) => [f.MaThanhPhanHoSo, f.DuocTaiSuDung, f.DuocLayTuKhoDMQG, f.MaKetQuaThayThe])).toEqual([
      ['TK', '0', '0', ''],
      ['GCS', '1', '0', ''],
      ['KQ', '2', '0', `${earlier}/KQ1`],
    ]);
  });

  it('lists the result documents named at the hand-over with their links and the procedure’s main result code (§2.8)', () => {
    const handedOver = event('e4', 'resultReturned', 10, '2026-03-03T02:30:00.000Z', {
      collector: 'Nguyễn Thị Hồng Nhung',
      results: [
        { name: 'Giấy khai sinh (bản chính)', sha256: 'd'.repeat(64), pageCount: 1 },
        { name: 'Trích lục', sha256: 'not-a-hash' },
      ],
    });
    const returned = toDongBoHoSoMC(view({ status: 10 }), [RECEIVED, handedOver], FILES, { ...CONTEXT, resultCode: 'KQ.KS.01' });
    expect(returned.DanhSachGiayToKetQua).toEqual([
      {
        TenGiayTo: 'Giấy khai sinh (bản chính)',
        MaThanhPhanHoSo: '',
        GiayToId: 'd'.repeat(64),
        DuongDanTepTinKetQua: `https://mot-cua.tinh.gov.vn/v1/files/${'d'.repeat(64)}`,
        MaGiayToKetQua: 'KQ.KS.01',
      },
    ]);
    expect(toDongBoHoSoMC(view(), [RECEIVED, RETURNED], FILES, CONTEXT).DanhSachGiayToKetQua).toEqual([]);
  });

  it('uses the code lists of §3.3 for channel, return method and applicant type', () => {
    const posted = toDongBoHoSoMC(view({ channel: 'post', returnMethod: 'post' }), [RECEIVED], [], CONTEXT);
    expect([posted.KenhThucHien, posted.HinhThuc]).toEqual(['3', '1']);
    const organisation = (taxCode: string | null) => ({
      ...view().owner,
      kind: 'organisation' as const,
      idNumber: null,
      taxCode,
      fullName: 'Công ty TNHH Yên Thái',
    });
    // A tax code alone does not make a business: without a recorded type the organisation is "other".
    expect(toDongBoHoSoMC(view({ owner: organisation('0101234567') }), [], [], CONTEXT)).toMatchObject({
      LoaiDoiTuong: '4',
      SoGiayToChuHoSo: '0101234567',
      DinhDanhCHS: [],
    });
    expect(toDongBoHoSoMC(view({ owner: organisation(null) }), [], [], CONTEXT)).toMatchObject({ LoaiDoiTuong: '4', SoGiayToChuHoSo: '' });
    const business = { ...organisation('0101234567'), organisationKind: 'business' as const };
    const agency = { ...organisation(null), organisationKind: 'stateAgency' as const };
    expect(toDongBoHoSoMC(view({ owner: business }), [], [], CONTEXT).LoaiDoiTuong).toBe('2');
    expect(toDongBoHoSoMC(view({ owner: agency }), [], [], CONTEXT).LoaiDoiTuong).toBe('3');
  });

  it('counts only a payment through an online service as DuocThanhToanTrucTuyen, never cash, transfer or card', () => {
    const fee = view().fees[0]!;
    const paid = (f: Partial<typeof fee>) => toDongBoHoSoMC(view({ fees: [{ ...fee, ...f }] }), [], [], CONTEXT).DuocThanhToanTrucTuyen;
    expect([paid({ method: 'cash' }), paid({ method: 'transfer' }), paid({ method: 'card' })]).toEqual(['0', '0', '0']);
    expect(paid({ method: null, onlinePayment: { provider: 'PayGov', transactionId: 'PG-1' } })).toBe('1');
    expect(paid({ status: 'unpaid', method: null, onlinePayment: { provider: 'PayGov', transactionId: 'PG-1' } })).toBe('0');
  });

  it('says DuocLayTuKhoDMQG 1 only for a document recorded as taken from the national store', () => {
    const components = view().components.map((c) => (c.code === 'GCS' ? { ...c, reuseSource: 'nationalStore' as const } : c));
    const files = toDongBoHoSoMC(view({ components }), [RECEIVED], FILES, CONTEXT).TaiLieuNop;
    expect(files.map((f) => f.DuocLayTuKhoDMQG)).toEqual(['0', '1', '0']);
  });

  it('identifies the owner by CCCD (1) and CMND (2), and invents nothing when neither is known', () => {
    const both = toDongBoHoSoMC(view({ owner: { ...view().owner, oldIdNumber: '038190123' } }), [], [], CONTEXT);
    expect(both.DinhDanhCHS).toEqual([
      { LoaiDinhDanh: '1', SoDinhDanh: '038190012345' },
      { LoaiDinhDanh: '2', SoDinhDanh: '038190123' },
    ]);
    const none = toDongBoHoSoMC(view({ owner: { ...view().owner, idNumber: null, oldIdNumber: 'unknown' } }), [], [], CONTEXT);
    expect(none.DinhDanhCHS).toEqual([]);
  });

  it('handles a fresh, undigitized, unpaid dossier without a due date, and a refusal', () => {
    const fresh = view({
      dueLocal: null,
      note: '',
      components: view().components.map((c) => ({ ...c, digitization: 'notDigitized' as const })),
      fees: [{ kind: 'phi', name: 'Phí', amount: 0, status: 'exempt', method: null, receiptNumber: null }],
    });
    expect(toDongBoHoSoMC(fresh, [RECEIVED], [], CONTEXT)).toMatchObject({
      NgayHenTra: '',
      HoSoCoThanhPhanSoHoa: '0',
      DuocThanhToanTrucTuyen: '0',
      DanhSachLePhi: [],
      NgayTra: '',
      NgayKetThucXuLy: '',
      TaiLieuNop: [],
    });
    const refused = toDongBoHoSoMC(view({ status: 3 }), [event('r', 'received', 3, '2026-03-02T02:00:00.000Z')], [], CONTEXT);
    expect(refused).toMatchObject({ TrangThaiHoSo: '3', NgayTuChoi: '20260302090000' });
  });

  it('cuts the summary to 1000 characters', () => {
    const long = toDongBoHoSoMC(view({ owner: { ...view().owner, fullName: 'N'.repeat(1500) } }), [], [], CONTEXT);
    expect(long.TrichYeuHoSo).toHaveLength(1000);
  });
});

describe('CapNhatTienDoHoSoMC (docs/domain.md §2.9)', () => {
  it('has one entry per event, oldest first, with the fields of §2.9', () => {
    const entries = toCapNhatTienDoHoSoMC(view({ status: 10 }), [RETURNED, PROCESSED, RECEIVED], CONTEXT);
    expect(entries).toEqual([
      {
        MaHoSo: '000.00.06.H56-260302-0007',
        NguoiXuLy: 'Lê Văn Cán Bộ',
        ChucDanh: '',
        ThoiDiemXuLy: '20260302080509',
        PhongBanXuLy: 'UBND xã Yên Thái',
        NoiDungXuLy: 'Tiếp nhận hồ sơ',
        TrangThai: '2',
        NgayBatDau: '20260302080509',
        NgayKetThucTheoQuyDinh: '20260303080500',
      },
      {
        MaHoSo: '000.00.06.H56-260302-0007',
        NguoiXuLy: 'Phòng Tư pháp',
        ChucDanh: '',
        ThoiDiemXuLy: '20260302160000',
        PhongBanXuLy: 'UBND xã Yên Thái',
        NoiDungXuLy: 'Đã ký giấy khai sinh',
        TrangThai: '9',
        NgayBatDau: '20260302160000',
        NgayKetThucTheoQuyDinh: '',
      },
      {
        MaHoSo: '000.00.06.H56-260302-0007',
        NguoiXuLy: 'Lê Văn Cán Bộ',
        ChucDanh: '',
        ThoiDiemXuLy: '20260303093000',
        PhongBanXuLy: 'UBND xã Yên Thái',
        NoiDungXuLy: 'Trả kết quả',
        TrangThai: '10',
        NgayBatDau: '20260303093000',
        NgayKetThucTheoQuyDinh: '',
      },
    ]);
  });

  it('closes processing with a status-9 entry when the result was handed over without one', () => {
    const entries = toCapNhatTienDoHoSoMC(view({ status: 10 }), [RECEIVED, RETURNED], CONTEXT);
    expect(entries.map((e) => [e.TrangThai, e.NoiDungXuLy, e.ThoiDiemXuLy])).toEqual([
      ['2', 'Tiếp nhận hồ sơ', '20260302080509'],
      ['9', 'Đã xử lý xong', '20260303093000'],
      ['10', 'Trả kết quả', '20260303093000'],
    ]);
  });

  it('always opens with the reception, even when its event is missing', () => {
    const entries = toCapNhatTienDoHoSoMC(
      view({ status: 4 }),
      [event('p', 'statusChanged', 4, '2026-03-02T03:00:00.000Z', { note: '' }, 'Phòng Tư pháp')],
      CONTEXT,
    );
    expect(entries.map((e) => [e.TrangThai, e.NoiDungXuLy, e.ThoiDiemXuLy, e.NguoiXuLy])).toEqual([
      ['2', 'Tiếp nhận hồ sơ', '20260302080509', 'Lê Văn Cán Bộ'],
      ['4', 'Đang xử lý', '20260302100000', 'Phòng Tư pháp'],
    ]);
  });

  it('names the officer in at most 50 characters, "Chuyên viên" when unknown', () => {
    const entries = toCapNhatTienDoHoSoMC(
      view(),
      [event('a', 'received', 2, RECEIVED.at, {}, 'X'.repeat(80)), event('b', 'statusChanged', 5, '2026-03-02T05:00:00.000Z', {}, '  ')],
      CONTEXT,
    );
    expect(entries.map((e) => e.NguoiXuLy)).toEqual(['X'.repeat(50), 'Chuyên viên']);
    expect(entries[1]!.NoiDungXuLy).toBe('Yêu cầu bổ sung giấy tờ');
  });

  it('reports a refusal at reception as status 3, not as a reception', () => {
    const entries = toCapNhatTienDoHoSoMC(view({ status: 3 }), [event('r', 'received', 3, RECEIVED.at)], CONTEXT);
    expect(entries.map((e) => [e.TrangThai, e.NoiDungXuLy])).toEqual([['3', 'Không được tiếp nhận']]);
  });
});
