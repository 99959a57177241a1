import { describe, expect, it } from 'vitest';
import { toCapNhatTienDoHoSoMC, toDongBoHoSoMC } from '../../../shared/sync/dvcqg-mapping';
import type { DossierView } from '../../../shared/reception/dossier-view';
import { checkDossierRecord, checkProgressEntry, parsePortalTime } from '../../peers/dvcqg-payload-rules';
import { DvcqgPortalSimulator } from '../../peers/dvcqg-portal-simulator';
import { CATALOGUE, LEAD_AGENCY, PROCEDURE, RESULT_CODE } from './portal-fixture';

const NOW = new Date('2026-03-04T02:00:00.000Z');
const CONTEXT = {
  unitName: 'UBND xã Yên Thái',
  processingAgency: LEAD_AGENCY,
  sectorCode: 'G01',
  resultCode: RESULT_CODE,
  fileBaseUrl: 'https://x.vn/f',
};

const VIEW: DossierView = {
  id: 'v1',
  code: '000.00.06.H56-260302-0001',
  status: 2,
  procedure: { code: PROCEDURE, name: 'Đăng ký khai sinh', sectorName: 'Hộ tịch', duration: { unit: 'workingDays', value: 1 } },
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
  receivedAt: '2026-03-02T01:00:00.000Z',
  receivedLocal: '2026-03-02T08:00',
  dueLocal: '2026-03-03T08:00',
  setsCount: 1,
  components: [],
  fees: [],
  officer: { username: 'a', fullName: 'Lê Văn Cán Bộ' },
  register: { book: '2026', number: 1 },
  note: '',
  returnedAt: null,
  returnedTo: null,
};
const EVENT = { id: 'e1', type: 'received', status: 2, at: VIEW.receivedAt, actorName: 'Lê Văn Cán Bộ', payload: {} };
const record = () => toDongBoHoSoMC(VIEW, [EVENT], [], CONTEXT) as unknown as Record<string, unknown>;
const check = (r: unknown) => checkDossierRecord(r, { now: NOW, catalogue: CATALOGUE });

describe('the portal simulator’s field rules (docs/domain.md §2.4–§2.10)', () => {
  it('accepts what the gateway’s mapping builds', () => {
    expect(check(record())).toEqual([]);
    expect(toCapNhatTienDoHoSoMC(VIEW, [EVENT], CONTEXT).flatMap((e) => checkProgressEntry(e, { now: NOW }))).toEqual([]);
  });

  it('refuses values that are not strings, missing fields and codes outside their lists', () => {
    expect(check({ ...record(), TrangThaiHoSo: 2 })).toEqual(['data[0].TrangThaiHoSo: phải là chuỗi, nhận được number']);
    const { MaTTHC: _dropped, ...missing } = record();
    expect(check(missing)).toContain('data[0].MaTTHC: trường bắt buộc không có');
    expect(check({ ...record(), KenhThucHien: '4' })).toEqual(['data[0].KenhThucHien: giá trị "4" không có trong danh mục (1, 2, 3)']);
    expect(check({ ...record(), MaDoiTuong: 'techid-1' })).toEqual([
      'data[0].MaDoiTuong: chỉ có với hồ sơ nộp trực tuyến (KenhThucHien = 2)',
    ]);
    expect(check({ ...record(), Extra: '1' })).toEqual(['data[0].Extra: trường không có trong đặc tả']);
  });

  it('refuses times not in yyyyMMddHHmmss Vietnam time, and times in the future', () => {
    expect(parsePortalTime('20260230080000')).toBeNull();
    expect(check({ ...record(), NgayTiepNhan: '2026-03-02T01:00:00Z' })).toEqual([
      'data[0].NgayTiepNhan: "2026-03-02T01:00:00Z" không đúng định dạng yyyyMMddHHmmss',
    ]);
    // 09:30 Vietnam time on 4 March is 02:30 UTC: later than the portal's 02:00 UTC.
    expect(check({ ...record(), NgayTiepNhan: '20260304093000', NgayNopHoSo: '20260304093000', NgayHenTra: '' })).toEqual([
      'data[0].NgayTiepNhan: thời điểm ở tương lai theo giờ Việt Nam (UTC+7)',
      'data[0].NgayNopHoSo: thời điểm ở tương lai theo giờ Việt Nam (UTC+7)',
    ]);
  });

  it('checks codes against the national catalogue: procedure, components, result code, processing agency', () => {
    expect(check({ ...record(), MaTTHC: '9.999999' })).toEqual(['data[0].MaTTHC: thủ tục "9.999999" không có trong danh mục quốc gia']);
    expect(check({ ...record(), DonViXuLy: 'Bộ phận một cửa' })).toEqual([
      'data[0].DonViXuLy: "Bộ phận một cửa" không phải cơ quan giải quyết thủ tục trong danh mục',
    ]);
    const file = {
      TepDinhKemId: 'a',
      TenTepDinhKem: 'a.pdf',
      IsDeleted: 'False',
      MaThanhPhanHoSo: 'XX',
      DuongDanTaiTepTin: 'https://x.vn/a',
      DuocSoHoa: '1',
      DuocTaiSuDung: '0',
      DuocLayTuKhoDMQG: '1',
      MaKetQuaThayThe: 'KQ',
    };
    expect(check({ ...record(), TaiLieuNop: [file] })).toEqual([
      'data[0].TaiLieuNop[0].MaThanhPhanHoSo: mã thành phần "XX" không có trong danh mục của thủ tục',
      'data[0].TaiLieuNop[0].DuocLayTuKhoDMQG: chỉ bằng 1 khi giấy tờ được tái sử dụng từ kho (DuocTaiSuDung = 1)',
      'data[0].TaiLieuNop[0].MaKetQuaThayThe: chỉ có khi tái sử dụng kết quả (DuocTaiSuDung = 2)',
    ]);
    const result = { TenGiayTo: 'GKS', MaThanhPhanHoSo: '', GiayToId: 'b', DuongDanTepTinKetQua: 'https://x.vn/b', MaGiayToKetQua: 'KQ1' };
    expect(check({ ...record(), DanhSachGiayToKetQua: [result] })).toEqual([
      'data[0].DanhSachGiayToKetQua[0].MaGiayToKetQua: mã kết quả "KQ1" không phải mã kết quả của thủ tục trong danh mục',
    ]);
  });

  it('refuses a progress entry with a long officer name or an unknown status', () => {
    const [entry] = toCapNhatTienDoHoSoMC(VIEW, [EVENT], CONTEXT);
    expect(checkProgressEntry({ ...entry, NguoiXuLy: 'x'.repeat(51), TrangThai: '11' }, { now: NOW })).toEqual([
      'data[0].NguoiXuLy: dài quá 50 ký tự',
      'data[0].TrangThai: giá trị "11" không có trong danh mục (1, 2, 3, 4, 5, 6, 7, 8, 9, 10)',
    ]);
  });
});

describe('a citizen filing online at the portal simulator (for the online queue, issue 15 §1)', () => {
  it('keeps the filing with the portal’s time of submission', async () => {
    // Friday 6 March 2026, 17:20 in Vietnam.
    const portal = await DvcqgPortalSimulator.start({
      username: 'u',
      password: 'p',
      dstcode: 'H56',
      madonvi: '000.00.00.H56',
      now: () => new Date('2026-03-06T10:20:00.000Z'),
    });
    try {
      const filed = portal.submitOnline({
        MaTTHC: PROCEDURE,
        ChuHoSo: 'Nguyễn Thị Hồng Nhung',
        SoGiayToChuHoSo: '038190012345',
        LoaiDoiTuong: '1',
        SoDienThoai: '0912345678',
        Email: 'nhung@example.vn',
        MaDoiTuong: 'techid-0001',
        TaiLieuNop: [{ MaThanhPhanHoSo: 'TK', TenTepDinhKem: 'to-khai.pdf', DuongDanTaiTepTin: 'https://dichvucong.gov.vn/f/1' }],
      });
      expect(portal.onlineSubmissions).toEqual([filed]);
      expect(filed.submittedAt).toBe('2026-03-06T10:20:00.000Z');
    } finally {
      await portal.close();
    }
  });
});
