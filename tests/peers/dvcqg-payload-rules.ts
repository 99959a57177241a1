/**
 * The national portal's (DVCQG) published field rules for `DongBoHoSoMC` and `CapNhatTienDoHoSoMC`,
 * as docs/domain.md §2.4–§2.10 and §3 describe them, checked the way a strict portal would: every
 * value a string, required fields present, codes from their lists, times `yyyyMMddHHmmss` in Vietnam
 * local time (UTC+7), codes from the national catalogue when the portal is given one. Each problem
 * is a Vietnamese sentence naming the field's path, as the portal answers them.
 */

/** What the portal knows of one procedure in the national catalogue. */
export interface CatalogueEntry {
  componentCodes: string[];
  /** MaKetQuaChinh; null when the procedure has none catalogued. */
  resultCode: string | null;
  /** The agency that processes the procedure (DonViXuLy). */
  processingAgency: string;
}

export interface RuleContext {
  /** The portal's clock: no reception, filing or step may be later than now in Vietnam time. */
  now: Date;
  catalogue?: ReadonlyMap<string, CatalogueEntry>;
}

const DOSSIER_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}-\d{6}-\d{4}$/;
const TIME = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;
const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** A clock skew the portal forgives between the sender's and its own clock. */
const SKEW_MS = 5 * 60_000;

const CODES = {
  KenhThucHien: ['1', '2', '3'],
  LoaiDoiTuong: ['1', '2', '3', '4'],
  TrangThai: ['1', '2', '3', '4', '5', '6', '7', '8', '9', '10'],
  HinhThuc: ['0', '1'],
  flag: ['0', '1'],
  DuocTaiSuDung: ['0', '1', '2'],
  IsDeleted: ['True', 'False'],
  LoaiDinhDanh: ['1', '2'],
} as const;

const DOSSIER_REQUIRED = [
  'MaHoSo',
  'MaTTHC',
  'TenTTHC',
  'KenhThucHien',
  'ChuHoSo',
  'LoaiDoiTuong',
  'NgayTiepNhan',
  'TrangThaiHoSo',
  'HinhThuc',
  'DonViXuLy',
  'NgayNopHoSo',
  'HoSoCoThanhPhanSoHoa',
  'DuocThanhToanTrucTuyen',
] as const;
const DOSSIER_OPTIONAL = [
  'MaLinhVuc',
  'TenLinhVuc',
  'SoGiayToChuHoSo',
  'MaDoiTuong',
  'ThongTinKhac',
  'Email',
  'Fax',
  'SoDienThoai',
  'TrichYeuHoSo',
  'NgayHenTra',
  'NgayTra',
  'ThongTinTra',
  'NgayKetThucXuLy',
  'GhiChu',
  'TaiKhoanDuocXacThucVoiVNeID',
  'NgayTuChoi',
] as const;
const DOSSIER_TIMES = ['NgayTiepNhan', 'NgayHenTra', 'NgayTra', 'NgayKetThucXuLy', 'NgayTuChoi', 'NgayNopHoSo'] as const;
const DOSSIER_LISTS = [
  'DinhDanhCHS',
  'TaiLieuNop',
  'DanhSachLePhi',
  'DanhSachTepDinhKemKhac',
  'DanhSachHoSoBoSung',
  'DanhSachGiayToKetQua',
];

type Record_ = Record<string, unknown>;

class Problems {
  readonly list: string[] = [];
  /** A field read by two rules (required, then its code list) is reported once. */
  add(path: string, text: string): void {
    const line = `${path}: ${text}`;
    if (!this.list.includes(line)) this.list.push(line);
  }
}

function isObject(value: unknown): value is Record_ {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The value as a string, or null after recording why it is not one. */
function str(problems: Problems, record: Record_, field: string, path: string, required: boolean): string | null {
  const value = record[field];
  if (value === undefined) {
    if (required) problems.add(`${path}.${field}`, 'trường bắt buộc không có');
    return null;
  }
  if (typeof value !== 'string') {
    problems.add(`${path}.${field}`, `phải là chuỗi, nhận được ${value === null ? 'null' : typeof value}`);
    return null;
  }
  if (required && value.trim() === '') problems.add(`${path}.${field}`, 'không được để trống');
  return value;
}

function code(problems: Problems, record: Record_, field: string, path: string, list: readonly string[], required = true): string | null {
  const value = str(problems, record, field, path, required);
  if (value === null || (value === '' && !required)) return value;
  if (!list.includes(value)) problems.add(`${path}.${field}`, `giá trị "${value}" không có trong danh mục (${list.join(', ')})`);
  return value;
}

/** Milliseconds of the Vietnam wall-clock time as if it were UTC, or null for a value not in the format. */
export function parsePortalTime(value: string): number | null {
  const m = TIME.exec(value);
  if (!m) return null;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const ms = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(ms);
  if (
    back.getUTCFullYear() !== year ||
    back.getUTCMonth() !== month - 1 ||
    back.getUTCDate() !== day ||
    hour > 23 ||
    minute > 59 ||
    second > 59
  )
    return null;
  return ms;
}

function time(problems: Problems, record: Record_, field: string, path: string, required: boolean): number | null {
  const value = str(problems, record, field, path, required);
  if (value === null || value === '') return null;
  const ms = parsePortalTime(value);
  if (ms === null) {
    problems.add(`${path}.${field}`, `"${value.slice(0, 40)}" không đúng định dạng yyyyMMddHHmmss`);
    return null;
  }
  return ms;
}

function notLaterThanNow(problems: Problems, path: string, ms: number | null, context: RuleContext): void {
  const nowVietnam = context.now.getTime() + VIETNAM_OFFSET_MS;
  if (ms !== null && ms > nowVietnam + SKEW_MS) problems.add(path, 'thời điểm ở tương lai theo giờ Việt Nam (UTC+7)');
}

function list(problems: Problems, record: Record_, field: string, path: string): Record_[] {
  const value = record[field];
  if (value === undefined) {
    problems.add(`${path}.${field}`, 'trường bắt buộc không có');
    return [];
  }
  if (!Array.isArray(value)) {
    problems.add(`${path}.${field}`, 'phải là danh sách');
    return [];
  }
  return value.flatMap((item, i) => {
    if (isObject(item)) return [item];
    problems.add(`${path}.${field}[${i}]`, 'phải là đối tượng');
    return [];
  });
}

function unknownFields(problems: Problems, record: Record_, known: readonly string[], path: string): void {
  for (const key of Object.keys(record)) if (!known.includes(key)) problems.add(`${path}.${key}`, 'trường không có trong đặc tả');
}

const FILE_FIELDS = [
  'TepDinhKemId',
  'TenTepDinhKem',
  'IsDeleted',
  'MaThanhPhanHoSo',
  'DuongDanTaiTepTin',
  'DuocSoHoa',
  'DuocTaiSuDung',
  'DuocLayTuKhoDMQG',
  'MaKetQuaThayThe',
];

function checkFile(problems: Problems, file: Record_, path: string, procedure: CatalogueEntry | undefined): void {
  unknownFields(problems, file, FILE_FIELDS, path);
  str(problems, file, 'TepDinhKemId', path, true);
  const name = str(problems, file, 'TenTepDinhKem', path, true);
  if (name && name.length > 4000) problems.add(`${path}.TenTepDinhKem`, 'dài quá 4000 ký tự');
  code(problems, file, 'IsDeleted', path, CODES.IsDeleted);
  const component = str(problems, file, 'MaThanhPhanHoSo', path, true);
  if (component && procedure && !procedure.componentCodes.includes(component))
    problems.add(`${path}.MaThanhPhanHoSo`, `mã thành phần "${component}" không có trong danh mục của thủ tục`);
  const url = str(problems, file, 'DuongDanTaiTepTin', path, true);
  if (url && !/^https?:\/\/[^\s]+$/.test(url))
    problems.add(`${path}.DuongDanTaiTepTin`, 'phải là đường dẫn tải tệp công khai (http/https)');
  code(problems, file, 'DuocSoHoa', path, CODES.flag);
  const reuse = code(problems, file, 'DuocTaiSuDung', path, CODES.DuocTaiSuDung);
  const national = code(problems, file, 'DuocLayTuKhoDMQG', path, CODES.flag);
  if (national === '1' && reuse !== '1')
    problems.add(`${path}.DuocLayTuKhoDMQG`, 'chỉ bằng 1 khi giấy tờ được tái sử dụng từ kho (DuocTaiSuDung = 1)');
  const replaced = str(problems, file, 'MaKetQuaThayThe', path, false);
  if (replaced && reuse !== '2') problems.add(`${path}.MaKetQuaThayThe`, 'chỉ có khi tái sử dụng kết quả (DuocTaiSuDung = 2)');
}

function checkFee(problems: Problems, fee: Record_, path: string): void {
  unknownFields(problems, fee, ['TenPhiLePhi', 'MaPhiLePhi', 'HinhThucThu', 'Gia', 'LoaiPhiLePhi'], path);
  str(problems, fee, 'TenPhiLePhi', path, true);
  str(problems, fee, 'MaPhiLePhi', path, true);
  str(problems, fee, 'HinhThucThu', path, true);
  str(problems, fee, 'LoaiPhiLePhi', path, true);
  const amount = str(problems, fee, 'Gia', path, true);
  if (amount && !/^\d+$/.test(amount)) problems.add(`${path}.Gia`, 'phải là số tiền nguyên (đồng)');
}

function checkResult(problems: Problems, result: Record_, path: string, procedure: CatalogueEntry | undefined): void {
  unknownFields(problems, result, ['TenGiayTo', 'MaThanhPhanHoSo', 'GiayToId', 'DuongDanTepTinKetQua', 'MaGiayToKetQua'], path);
  str(problems, result, 'TenGiayTo', path, true);
  str(problems, result, 'GiayToId', path, true);
  str(problems, result, 'MaThanhPhanHoSo', path, false);
  const url = str(problems, result, 'DuongDanTepTinKetQua', path, true);
  if (url && !/^https?:\/\/[^\s]+$/.test(url))
    problems.add(`${path}.DuongDanTepTinKetQua`, 'phải là đường dẫn tải tệp công khai (http/https)');
  const resultCode = str(problems, result, 'MaGiayToKetQua', path, false);
  if (resultCode && procedure && resultCode !== procedure.resultCode)
    problems.add(`${path}.MaGiayToKetQua`, `mã kết quả "${resultCode}" không phải mã kết quả của thủ tục trong danh mục`);
}

function checkIdentifier(problems: Problems, id: Record_, path: string): void {
  unknownFields(problems, id, ['LoaiDinhDanh', 'SoDinhDanh'], path);
  const kind = code(problems, id, 'LoaiDinhDanh', path, CODES.LoaiDinhDanh);
  const number = str(problems, id, 'SoDinhDanh', path, true);
  if (kind === '1' && number && !/^\d{12}$/.test(number)) problems.add(`${path}.SoDinhDanh`, 'số định danh cá nhân phải có 12 chữ số');
  if (kind === '2' && number && !/^\d{9}$/.test(number)) problems.add(`${path}.SoDinhDanh`, 'số CMND phải có 9 chữ số');
}

/** The problems of one `DongBoHoSoMC` dossier record; empty when the portal accepts it. */
export function checkDossierRecord(record: unknown, context: RuleContext, path = 'data[0]'): string[] {
  const problems = new Problems();
  if (!isObject(record)) return [`${path}: phải là đối tượng`];
  unknownFields(problems, record, [...DOSSIER_REQUIRED, ...DOSSIER_OPTIONAL, ...DOSSIER_LISTS], path);
  for (const field of DOSSIER_REQUIRED) str(problems, record, field, path, true);
  for (const field of DOSSIER_OPTIONAL) str(problems, record, field, path, false);
  const code_ = typeof record.MaHoSo === 'string' ? record.MaHoSo : '';
  if (code_ && !DOSSIER_CODE.test(code_)) problems.add(`${path}.MaHoSo`, `"${code_}" không đúng cấu trúc <mã đơn vị>-<yyMMdd>-<số thứ tự>`);
  const channel = code(problems, record, 'KenhThucHien', path, CODES.KenhThucHien);
  code(problems, record, 'LoaiDoiTuong', path, CODES.LoaiDoiTuong);
  const status = code(problems, record, 'TrangThaiHoSo', path, CODES.TrangThai);
  code(problems, record, 'HinhThuc', path, CODES.HinhThuc);
  code(problems, record, 'HoSoCoThanhPhanSoHoa', path, CODES.flag);
  code(problems, record, 'DuocThanhToanTrucTuyen', path, CODES.flag);
  code(problems, record, 'TaiKhoanDuocXacThucVoiVNeID', path, CODES.flag, false);
  if (typeof record.MaDoiTuong === 'string' && record.MaDoiTuong !== '' && channel !== '2')
    problems.add(`${path}.MaDoiTuong`, 'chỉ có với hồ sơ nộp trực tuyến (KenhThucHien = 2)');
  if (typeof record.TrichYeuHoSo === 'string' && record.TrichYeuHoSo.length > 1000)
    problems.add(`${path}.TrichYeuHoSo`, 'dài quá 1000 ký tự');
  const times = Object.fromEntries(DOSSIER_TIMES.map((f) => [f, time(problems, record, f, path, false)]));
  for (const field of ['NgayTiepNhan', 'NgayNopHoSo', 'NgayTra', 'NgayTuChoi', 'NgayKetThucXuLy'] as const)
    notLaterThanNow(problems, `${path}.${field}`, times[field] ?? null, context);
  const received = times.NgayTiepNhan ?? null;
  const due = times.NgayHenTra ?? null;
  if (received !== null && due !== null && due < received) problems.add(`${path}.NgayHenTra`, 'ngày hẹn trả trước ngày tiếp nhận');
  if (received !== null && times.NgayNopHoSo != null && times.NgayNopHoSo > received)
    problems.add(`${path}.NgayNopHoSo`, 'ngày nộp sau ngày tiếp nhận');
  if (status === '3' && !record.NgayTuChoi)
    problems.add(`${path}.NgayTuChoi`, 'bắt buộc khi hồ sơ không được tiếp nhận (TrangThaiHoSo = 3)');
  if (status === '10' && !record.NgayTra) problems.add(`${path}.NgayTra`, 'bắt buộc khi đã trả kết quả (TrangThaiHoSo = 10)');
  const procedure = typeof record.MaTTHC === 'string' ? context.catalogue?.get(record.MaTTHC) : undefined;
  if (context.catalogue && typeof record.MaTTHC === 'string' && record.MaTTHC && !procedure)
    problems.add(`${path}.MaTTHC`, `thủ tục "${record.MaTTHC}" không có trong danh mục quốc gia`);
  if (procedure && typeof record.DonViXuLy === 'string' && record.DonViXuLy && record.DonViXuLy !== procedure.processingAgency)
    problems.add(`${path}.DonViXuLy`, `"${record.DonViXuLy}" không phải cơ quan giải quyết thủ tục trong danh mục`);
  list(problems, record, 'DinhDanhCHS', path).forEach((id, i) => checkIdentifier(problems, id, `${path}.DinhDanhCHS[${i}]`));
  list(problems, record, 'TaiLieuNop', path).forEach((file, i) => checkFile(problems, file, `${path}.TaiLieuNop[${i}]`, procedure));
  list(problems, record, 'DanhSachLePhi', path).forEach((fee, i) => checkFee(problems, fee, `${path}.DanhSachLePhi[${i}]`));
  list(problems, record, 'DanhSachTepDinhKemKhac', path).forEach((other, i) => {
    const at = `${path}.DanhSachTepDinhKemKhac[${i}]`;
    str(problems, other, 'TenGiayTo', at, true);
    const count = str(problems, other, 'SoLuong', at, true);
    if (count && !/^\d+$/.test(count)) problems.add(`${at}.SoLuong`, 'phải là số nguyên');
    str(problems, other, 'LoaiGiayTo', at, true);
  });
  list(problems, record, 'DanhSachHoSoBoSung', path).forEach((round, i) => {
    for (const [key, value] of Object.entries(round))
      if (typeof value !== 'string') problems.add(`${path}.DanhSachHoSoBoSung[${i}].${key}`, 'phải là chuỗi');
  });
  list(problems, record, 'DanhSachGiayToKetQua', path).forEach((result, i) =>
    checkResult(problems, result, `${path}.DanhSachGiayToKetQua[${i}]`, procedure),
  );
  return problems.list;
}

const PROGRESS_FIELDS = [
  'MaHoSo',
  'NguoiXuLy',
  'ChucDanh',
  'ThoiDiemXuLy',
  'PhongBanXuLy',
  'NoiDungXuLy',
  'TrangThai',
  'NgayBatDau',
  'NgayKetThucTheoQuyDinh',
] as const;

/** The problems of one `CapNhatTienDoHoSoMC` progress entry. */
export function checkProgressEntry(entry: unknown, context: RuleContext, path = 'data[0]'): string[] {
  const problems = new Problems();
  if (!isObject(entry)) return [`${path}: phải là đối tượng`];
  unknownFields(problems, entry, PROGRESS_FIELDS, path);
  const dossierCode = str(problems, entry, 'MaHoSo', path, true);
  if (dossierCode && !DOSSIER_CODE.test(dossierCode)) problems.add(`${path}.MaHoSo`, `"${dossierCode}" không đúng cấu trúc mã hồ sơ`);
  const officer = str(problems, entry, 'NguoiXuLy', path, true);
  if (officer && officer.length > 50) problems.add(`${path}.NguoiXuLy`, 'dài quá 50 ký tự');
  str(problems, entry, 'ChucDanh', path, false);
  str(problems, entry, 'PhongBanXuLy', path, true);
  str(problems, entry, 'NoiDungXuLy', path, true);
  code(problems, entry, 'TrangThai', path, CODES.TrangThai);
  const at = time(problems, entry, 'ThoiDiemXuLy', path, true);
  notLaterThanNow(problems, `${path}.ThoiDiemXuLy`, at, context);
  const start = time(problems, entry, 'NgayBatDau', path, false);
  const end = time(problems, entry, 'NgayKetThucTheoQuyDinh', path, false);
  if (start !== null && end !== null && end < start) problems.add(`${path}.NgayKetThucTheoQuyDinh`, 'trước ngày bắt đầu');
  return problems.list;
}

const ONLINE_STATUS_FIELDS = ['MaHoSoNopTrucTuyen', 'MaXuLy', 'TrangThai', 'NoiDungXuLy', 'NguoiXuLy', 'ThoiDiemXuLy'] as const;

/**
 * The problems of one `CapNhatTrangThaiHoSoNopTrucTuyen` entry: the province's decision on a dossier filed online before
 * it has a code (docs/domain.md §2.2) — 3 not received, 5 papers to add — with the reason the citizen reads.
 */
export function checkOnlineStatusUpdate(entry: unknown, context: RuleContext, path = 'data[0]'): string[] {
  const problems = new Problems();
  if (!isObject(entry)) return [`${path}: phải là đối tượng`];
  unknownFields(problems, entry, ONLINE_STATUS_FIELDS, path);
  str(problems, entry, 'MaHoSoNopTrucTuyen', path, true);
  str(problems, entry, 'MaXuLy', path, true);
  code(problems, entry, 'TrangThai', path, ['3', '5']);
  const reason = str(problems, entry, 'NoiDungXuLy', path, true);
  if (reason !== null && reason.trim() === '') problems.add(`${path}.NoiDungXuLy`, 'không được để trống');
  const officer = str(problems, entry, 'NguoiXuLy', path, true);
  if (officer && officer.length > 50) problems.add(`${path}.NguoiXuLy`, 'dài quá 50 ký tự');
  notLaterThanNow(problems, `${path}.ThoiDiemXuLy`, time(problems, entry, 'ThoiDiemXuLy', path, true), context);
  return problems.list;
}
