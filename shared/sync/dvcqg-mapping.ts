import { parseReuseRef } from '../digitize/reuse';
import { uiText } from '../i18n/vi';
import { lifecycleProgress, toDanhSachHoSoBoSung } from '../lifecycle/dvcqg-progress';
import type { DossierView, Party } from '../reception/dossier-view';
import { SHA256_PATTERN } from './protocol';
import { RECEIPT_FILE_CODE } from '../online/decision-forms';

/**
 * The national portal's (DVCQG) dossier payload `DongBoHoSoMC` and progress entries
 * `CapNhatTienDoHoSoMC`, built from a dossier as the province holds it (docs/domain.md §2.4–§2.10, §3).
 * Pure: no clock, no I/O. Every value is a string, as the portal expects; every time is
 * `yyyyMMddHHmmss` in Asia/Ho_Chi_Minh.
 */

/** `TrangThaiHoSo` labels (docs/domain.md §3.1) from the catalogue, used as the text of a progress entry. */
const TRANG_THAI_HO_SO: Readonly<Record<number, string>> = uiText.dossierStatus;

export interface DvcqgEvent {
  id: string;
  type: string;
  status: number;
  /** UTC instant, ISO 8601. */
  at: string;
  actorName: string;
  payload: Record<string, unknown>;
}

export interface DvcqgFile {
  componentCode: string;
  sha256: string;
  mediaType: string;
  /** The unit signed this copy (docs/devices.md §7); an unsigned scan is not yet a valid electronic copy. */
  signed?: boolean;
}

export interface DvcqgContext {
  /** PhongBanXuLy: the name of the unit that recorded a step. */
  unitName: string;
  /** DonViXuLy: the agency that decides the procedure, from the catalogue; absent or '' when it names none. */
  processingAgency?: string;
  /** MaLinhVuc, from the catalogue (the dossier snapshot keeps only the sector's name). */
  sectorCode: string;
  /** Public base URL under which a file is served by its sha256 (`DuongDanTaiTepTin`). */
  fileBaseUrl: string;
  /** The procedure's main result code (MaKetQuaChinh), sent as MaGiayToKetQua; '' when unknown. */
  resultCode?: string;
}

export interface TaiLieuNop {
  TepDinhKemId: string;
  TenTepDinhKem: string;
  IsDeleted: 'False' | 'True';
  MaThanhPhanHoSo: string;
  DuongDanTaiTepTin: string;
  DuocSoHoa: '0' | '1';
  DuocTaiSuDung: '0' | '1' | '2';
  DuocLayTuKhoDMQG: '0' | '1';
  MaKetQuaThayThe: string;
}

export interface LePhi {
  TenPhiLePhi: string;
  MaPhiLePhi: string;
  HinhThucThu: string;
  Gia: string;
  LoaiPhiLePhi: string;
}

export interface DongBoHoSoMC {
  MaHoSo: string;
  MaTTHC: string;
  TenTTHC: string;
  MaLinhVuc: string;
  TenLinhVuc: string;
  KenhThucHien: '1' | '2' | '3';
  SoGiayToChuHoSo: string;
  ChuHoSo: string;
  LoaiDoiTuong: '1' | '2' | '3' | '4';
  MaDoiTuong: string;
  ThongTinKhac: string;
  Email: string;
  Fax: string;
  SoDienThoai: string;
  TrichYeuHoSo: string;
  NgayTiepNhan: string;
  NgayHenTra: string;
  TrangThaiHoSo: string;
  NgayTra: string;
  ThongTinTra: string;
  HinhThuc: '0' | '1';
  NgayKetThucXuLy: string;
  DonViXuLy: string;
  GhiChu: string;
  HoSoCoThanhPhanSoHoa: '0' | '1';
  TaiKhoanDuocXacThucVoiVNeID: '0' | '1';
  DuocThanhToanTrucTuyen: '0' | '1';
  NgayTuChoi: string;
  NgayNopHoSo: string;
  DinhDanhCHS: { LoaiDinhDanh: '1' | '2'; SoDinhDanh: string }[];
  TaiLieuNop: TaiLieuNop[];
  DanhSachLePhi: LePhi[];
  DanhSachTepDinhKemKhac: { TenGiayTo: string; SoLuong: string; LoaiGiayTo: string }[];
  DanhSachHoSoBoSung: Record<string, string>[];
  DanhSachGiayToKetQua: GiayToKetQua[];
}

/** §2.8: a result document handed back, digitized at the return counter. */
export interface GiayToKetQua {
  TenGiayTo: string;
  MaThanhPhanHoSo: string;
  GiayToId: string;
  DuongDanTepTinKetQua: string;
  MaGiayToKetQua: string;
}

export interface CapNhatTienDoHoSoMC {
  MaHoSo: string;
  NguoiXuLy: string;
  ChucDanh: string;
  ThoiDiemXuLy: string;
  PhongBanXuLy: string;
  NoiDungXuLy: string;
  TrangThai: string;
  NgayBatDau: string;
  NgayKetThucTheoQuyDinh: string;
}

const VIETNAM_OFFSET_MS = 7 * 3_600_000;
/** T cuts the summary to 1000 characters and the officer's name to 50 (docs/domain.md §2.4, §2.9). */
const MAX_SUMMARY = 1000;
const MAX_OFFICER_NAME = 50;
const DEFAULT_OFFICER = 'Chuyên viên';

/** A UTC instant as `yyyyMMddHHmmss` local time; an unreadable instant gives ''. */
export function formatDvcqgTime(instant: string | Date): string {
  const ms = instant instanceof Date ? instant.getTime() : Date.parse(instant);
  if (Number.isNaN(ms)) return '';
  return new Date(ms + VIETNAM_OFFSET_MS).toISOString().slice(0, 19).replace(/\D/g, '');
}

/** A local wall-clock `YYYY-MM-DDTHH:mm` (as DossierView keeps due dates) as `yyyyMMddHHmmss`. */
export function formatDvcqgLocal(local: string | null): string {
  if (!local || !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/.test(local)) return '';
  return `${local.replace(/\D/g, '')}00`;
}

/** KenhThucHien (§3.2): 1 in person, 2 online, 3 public postal service. */
const CHANNEL_CODES: Readonly<Record<string, DongBoHoSoMC['KenhThucHien']>> = { direct: '1', online: '2', post: '3' };

/**
 * LoaiDoiTuong (§3.2) from the applicant's type as recorded at reception: 1 citizen, 2 business,
 * 3 state agency, 4 any other organisation (also when the type was not recorded; a tax code alone
 * does not make a business — associations and public units have one too).
 */
const ORGANISATION_CODES: Readonly<Record<string, DongBoHoSoMC['LoaiDoiTuong']>> = { business: '2', stateAgency: '3', other: '4' };

function applicantType(owner: Party): DongBoHoSoMC['LoaiDoiTuong'] {
  if (owner.kind === 'citizen') return '1';
  return ORGANISATION_CODES[owner.organisationKind ?? 'other'] ?? '4';
}

/**
 * DinhDanhCHS (§3.3): 1 for a 12-digit personal ID, 2 for a 9-digit CMND. T invents `2/000000001`
 * when nothing is known; sending no identifier is truthful, so the list is simply empty then.
 */
function ownerIdentifiers(owner: Party): DongBoHoSoMC['DinhDanhCHS'] {
  const ids: DongBoHoSoMC['DinhDanhCHS'] = [];
  if (owner.idNumber && /^\d{12}$/.test(owner.idNumber)) ids.push({ LoaiDinhDanh: '1', SoDinhDanh: owner.idNumber });
  if (owner.oldIdNumber && /^\d{9}$/.test(owner.oldIdNumber)) ids.push({ LoaiDinhDanh: '2', SoDinhDanh: owner.oldIdNumber });
  return ids;
}

const EXTENSIONS: Record<string, string> = { 'application/pdf': 'pdf', 'image/jpeg': 'jpg', 'image/png': 'png', 'image/tiff': 'tif' };

/** DuocTaiSuDung (§2.5): 1 reused from a store, 2 reused from another dossier's result. */
function reuseCode(digitization: string | undefined): TaiLieuNop['DuocTaiSuDung'] {
  if (digitization === 'reused') return '1';
  if (digitization === 'reusedFromResult') return '2';
  return '0';
}

/**
 * DuocLayTuKhoDMQG: 1 only when the document was actually taken from the national store (the slot
 * records `reuseSource: 'nationalStore'`); a reference the officer typed proves nothing.
 */
function fromNationalStore(component: DossierView['components'][number] | undefined): boolean {
  return component?.digitization === 'reused' && component.reuseSource === 'nationalStore';
}

/** MaKetQuaThayThe: only a real result code (`<dossier code>/KQ<n>`, shared/digitize/reuse.ts), never typed text. */
function replacingResult(component: DossierView['components'][number] | undefined): string {
  if (component?.digitization !== 'reusedFromResult' || !component.reuseRef) return '';
  return parseReuseRef(component.reuseRef, true).kind === 'result' ? component.reuseRef.trim() : '';
}

/** An unsigned copy of a component the unit has since signed: the signed PDF replaced it at the counter. */
function supersededBySigned(file: DvcqgFile, files: readonly DvcqgFile[]): boolean {
  return !file.signed && files.some((other) => other.signed && other.componentCode === file.componentCode);
}

function submittedFile(view: DossierView, file: DvcqgFile, files: readonly DvcqgFile[], context: DvcqgContext): TaiLieuNop {
  const component = view.components.find((c) => c.code === file.componentCode);
  const digitization = component?.digitization;
  const extension = EXTENSIONS[file.mediaType] ?? 'bin';
  return {
    TepDinhKemId: file.sha256,
    TenTepDinhKem: `${component?.name ?? file.componentCode}.${extension}`.slice(0, 4000),
    IsDeleted: supersededBySigned(file, files) ? 'True' : 'False',
    MaThanhPhanHoSo: file.componentCode,
    DuongDanTaiTepTin: `${context.fileBaseUrl.replace(/\/+$/, '')}/${file.sha256}`,
    // Decree 107/2021: a scan becomes a valid electronic copy only once the unit signs it (issue 16).
    DuocSoHoa: file.signed ? '1' : '0',
    DuocTaiSuDung: reuseCode(digitization),
    DuocLayTuKhoDMQG: fromNationalStore(component) ? '1' : '0',
    MaKetQuaThayThe: replacingResult(component),
  };
}

/** Fee codes are unconfirmed (§2.6); these are the values T sends for code, method and type. */
function fee(record: DossierView['fees'][number]): LePhi {
  return { TenPhiLePhi: record.name, MaPhiLePhi: '1', HinhThucThu: '1', Gia: String(record.amount), LoaiPhiLePhi: '1' };
}

function byTime(events: DvcqgEvent[]): DvcqgEvent[] {
  return [...events].sort((a, b) => Date.parse(a.at) - Date.parse(b.at) || a.id.localeCompare(b.id));
}

function lastAt(events: DvcqgEvent[], status: number): string {
  const found = byTime(events)
    .filter((e) => e.status === status)
    .at(-1);
  return found ? formatDvcqgTime(found.at) : '';
}

export function toDongBoHoSoMC(view: DossierView, events: DvcqgEvent[], allFiles: DvcqgFile[], context: DvcqgContext): DongBoHoSoMC {
  // The receipt sent electronically to an online applicant is the unit's own document, not a paper filed.
  const files = allFiles.filter((f) => f.componentCode !== RECEIPT_FILE_CODE);
  const owner = view.owner;
  const summary = `${view.procedure.name} - ${owner.fullName}`.slice(0, MAX_SUMMARY);
  const receivedAt = formatDvcqgTime(view.receivedAt);
  const digitized = files.length > 0 || view.components.some((c) => c.digitization !== 'notDigitized');
  return {
    MaHoSo: view.code,
    MaTTHC: view.procedure.code,
    TenTTHC: view.procedure.name,
    MaLinhVuc: context.sectorCode,
    TenLinhVuc: view.procedure.sectorName,
    KenhThucHien: CHANNEL_CODES[view.channel] ?? '1',
    SoGiayToChuHoSo: owner.idNumber ?? owner.taxCode ?? owner.oldIdNumber ?? '',
    ChuHoSo: owner.fullName,
    LoaiDoiTuong: applicantType(owner),
    // The TechID is only known for online filing; a counter never files online.
    MaDoiTuong: '',
    ThongTinKhac: '',
    Email: owner.email,
    // OpenCPS copies the phone number into Fax (§2.4).
    Fax: owner.phone,
    SoDienThoai: owner.phone,
    TrichYeuHoSo: summary,
    NgayTiepNhan: receivedAt,
    NgayHenTra: formatDvcqgLocal(view.dueLocal),
    TrangThaiHoSo: String(view.status),
    NgayTra: lastAt(events, 10),
    ThongTinTra: '',
    HinhThuc: view.returnMethod === 'post' ? '1' : '0',
    NgayKetThucXuLy: lastAt(events, 9),
    DonViXuLy: context.processingAgency ?? '',
    GhiChu: view.note,
    HoSoCoThanhPhanSoHoa: digitized ? '1' : '0',
    TaiKhoanDuocXacThucVoiVNeID: '0',
    // Only a payment through an online payment service counts, never cash, a transfer or a card at the counter.
    DuocThanhToanTrucTuyen: view.fees.some((f) => f.status === 'paid' && f.onlinePayment) ? '1' : '0',
    NgayTuChoi: lastAt(events, 3),
    // Filed at the counter, so filing and reception are the same moment (as T sends it).
    NgayNopHoSo: receivedAt,
    DinhDanhCHS: ownerIdentifiers(owner),
    TaiLieuNop: files.map((f) => submittedFile(view, f, files, context)),
    DanhSachLePhi: view.fees.filter((f) => f.amount > 0).map(fee),
    DanhSachTepDinhKemKhac: [],
    DanhSachHoSoBoSung: toDanhSachHoSoBoSung(events, { instant: formatDvcqgTime, local: formatDvcqgLocal }),
    DanhSachGiayToKetQua: resultDocuments(events, context),
  };
}

/**
 * The result documents named by the hand-over events (`payload.results`, in the order kept at the
 * counter); entries that are not well-formed are left out. The catalogue has no component code for a
 * result, so MaThanhPhanHoSo stays empty rather than invented; MaGiayToKetQua is the catalogue's.
 */
function resultDocuments(events: DvcqgEvent[], context: DvcqgContext): GiayToKetQua[] {
  const named = byTime(events)
    .filter((e) => e.type === 'resultReturned' && Array.isArray(e.payload.results))
    .flatMap((e) => e.payload.results as unknown[]);
  return named.flatMap((entry) => {
    const { name, sha256 } = (entry ?? {}) as { name?: unknown; sha256?: unknown };
    if (typeof name !== 'string' || typeof sha256 !== 'string' || !SHA256_PATTERN.test(sha256)) return [];
    return [
      {
        TenGiayTo: name,
        MaThanhPhanHoSo: '',
        GiayToId: sha256,
        DuongDanTepTinKetQua: `${context.fileBaseUrl.replace(/\/+$/, '')}/${sha256}`,
        MaGiayToKetQua: context.resultCode ?? '',
      },
    ];
  });
}

function progressText(event: DvcqgEvent): string {
  const lifecycle = lifecycleProgress(event);
  if (lifecycle) return lifecycle.text;
  const note = typeof event.payload.note === 'string' ? event.payload.note.trim() : '';
  if (event.type === 'received' && event.status === 2) return 'Tiếp nhận hồ sơ';
  if (event.type === 'resultReturned') return 'Trả kết quả';
  return note || (TRANG_THAI_HO_SO[event.status] ?? '');
}

function officer(name: string): string {
  const trimmed = name.trim();
  return trimmed ? trimmed.slice(0, MAX_OFFICER_NAME) : DEFAULT_OFFICER;
}

/**
 * One entry per history event, oldest first. As T does (§2.9): reception always opens the list with
 * status 2, and a dossier handed over (10) without a recorded "Đã xử lý xong" gets a status-9 entry
 * at the hand-over, so the portal sees processing end before the result leaves.
 */
export function toCapNhatTienDoHoSoMC(view: DossierView, events: DvcqgEvent[], context: DvcqgContext): CapNhatTienDoHoSoMC[] {
  const entry = (at: string, by: string, text: string, status: number, due = ''): CapNhatTienDoHoSoMC => ({
    MaHoSo: view.code,
    NguoiXuLy: officer(by),
    ChucDanh: '',
    ThoiDiemXuLy: formatDvcqgTime(at),
    PhongBanXuLy: context.unitName,
    NoiDungXuLy: text,
    TrangThai: String(status),
    NgayBatDau: formatDvcqgTime(at),
    NgayKetThucTheoQuyDinh: due,
  });
  const ordered = byTime(events);
  const due = formatDvcqgLocal(view.dueLocal);
  const entries: CapNhatTienDoHoSoMC[] = [];
  if (!ordered.some((e) => e.type === 'received')) entries.push(entry(view.receivedAt, view.officer.fullName, 'Tiếp nhận hồ sơ', 2, due));
  let processed = false;
  for (const event of ordered) {
    if (event.status === 10 && !processed) entries.push(entry(event.at, event.actorName, TRANG_THAI_HO_SO[9]!, 9));
    if (event.status >= 9) processed = true;
    const lifecycleDue = lifecycleProgress(event)?.dueLocal ?? null;
    const eventDue = event.type === 'received' ? due : formatDvcqgLocal(lifecycleDue);
    entries.push(entry(event.at, event.actorName, progressText(event), event.status, eventDue));
  }
  return entries;
}

/**
 * The progress entries one history event adds (a hand-over may add the status-9 entry before its
 * own), for a forwarder that sends each event as it is recorded: the entries of the history up to the
 * event, less those of the history before it.
 */
export function progressEntriesForEvent(
  view: DossierView,
  events: DvcqgEvent[],
  eventId: string,
  context: DvcqgContext,
): CapNhatTienDoHoSoMC[] {
  const ordered = byTime(events);
  const index = ordered.findIndex((e) => e.id === eventId);
  if (index < 0) return [];
  const upTo = toCapNhatTienDoHoSoMC(view, ordered.slice(0, index + 1), context);
  // Before its reception event the list opens with a stand-in reception entry, which that event replaces.
  if (ordered[index]!.type === 'received') return upTo.slice(0, 1);
  return upTo.slice(toCapNhatTienDoHoSoMC(view, ordered.slice(0, index), context).length);
}
