import dayjs from 'dayjs';
import type { Procedure } from '../../../../shared/catalog/procedure';
import { sanitizeText } from '../../../../shared/domain/safe-text';
import type { SubmittedFile } from '../../../../shared/online/online-queue-protocol';
import type { StoredFile } from '../../../../shared/reception/draft';
import { emptyEntry, type ComponentEntry } from './component-entry';
import { initialFee, type FeeEntry } from './fee-entry';
import type { PartyFormValues } from './party-form';
import { INITIAL_FORM, type ReceptionFormValues } from './reception-state';

/** What the gateway hands over with a claim: the submission with DVCQG's field names (docs/domain.md §2). */
export type OnlineSubmission = Record<string, unknown>;

const textOf = (submission: OnlineSubmission, name: string): string => {
  const value = submission[name];
  return typeof value === 'string' ? value.trim() : '';
};

/** The files the applicant filed, by component code, in the order filed. */
export function filedFiles(submission: OnlineSubmission): Map<string, string[]> {
  const byCode = new Map<string, string[]>();
  const filed: unknown[] = Array.isArray(submission.TaiLieuNop) ? submission.TaiLieuNop : [];
  for (const file of filed) {
    if (typeof file !== 'object' || file === null) continue;
    const { MaThanhPhanHoSo: code, TenTepDinhKem: name } = file as Record<string, unknown>;
    if (typeof code !== 'string' || !code) continue;
    byCode.set(code, [...(byCode.get(code) ?? []), typeof name === 'string' ? name : '']);
  }
  return byCode;
}

/** LoaiDoiTuong (docs/domain.md §3.2): 1 citizen, 2 business, 3 state agency, 4 other organisation. */
const ORGANISATION_KINDS: Record<string, NonNullable<PartyFormValues['organisationKind']>> = {
  '2': 'business',
  '3': 'stateAgency',
  '4': 'other',
};

/**
 * A date of birth as portals write it: `yyyyMMdd` (DVCQG's date style), `yyyy-MM-dd` or `dd/MM/yyyy`; null when it
 * is none of these or no real day.
 */
export function filedDate(value: string): string | null {
  const match = /^(\d{4})(\d{2})(\d{2})$/.exec(value) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  const dmy = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(value);
  const [year, month, day] = match ? [match[1], match[2], match[3]] : dmy ? [dmy[3], dmy[2], dmy[1]] : [];
  if (!year || !month || !day) return null;
  const date = new Date(Date.UTC(Number(year), Number(month) - 1, Number(day)));
  const iso = `${year}-${month}-${day}`;
  return date.toISOString().slice(0, 10) === iso ? iso : null;
}

function ownerOf(submission: OnlineSubmission): PartyFormValues {
  const contact = {
    fullName: textOf(submission, 'ChuHoSo'),
    phone: textOf(submission, 'SoDienThoai'),
    email: textOf(submission, 'Email'),
    ...(textOf(submission, 'DiaChiChuHoSo') ? { address: textOf(submission, 'DiaChiChuHoSo') } : {}),
  };
  const number = textOf(submission, 'SoGiayToChuHoSo');
  const organisationKind = ORGANISATION_KINDS[textOf(submission, 'LoaiDoiTuong')];
  if (!organisationKind) {
    const born = filedDate(textOf(submission, 'NgaySinhChuHoSo'));
    return { kind: 'citizen', ...contact, idNumber: number, ...(born ? { dateOfBirth: dayjs(born) } : {}) };
  }
  return { kind: 'organisation', ...contact, taxCode: number, organisationKind };
}

/** Who collected a fee paid with the online filing: the portal's payment service. */
export const ONLINE_PAYMENT_PROVIDER = 'dvcqg';

/**
 * The procedure's fees as the applicant settled them online (DanhSachLePhi, matched by name): one paid online is
 * recorded paid by transfer, an online payment (DuocThanhToanTrucTuyen) with the portal's transaction as receipt;
 * any other starts as at the counter.
 */
function feesOf(submission: OnlineSubmission, procedure: Procedure): FeeEntry[] {
  const filed: unknown[] = Array.isArray(submission.DanhSachLePhi) ? submission.DanhSachLePhi : [];
  const paid = new Map<string, string>();
  for (const entry of filed) {
    if (typeof entry !== 'object' || entry === null) continue;
    const { TenPhiLePhi: name, DaThanhToan: settled, MaGiaoDich: transaction } = entry as Record<string, unknown>;
    if (typeof name === 'string' && settled === '1')
      paid.set(name.trim(), typeof transaction === 'string' ? transaction.trim().slice(0, 64) : '');
  }
  return procedure.fees.map((fee) =>
    fee.amount > 0 && paid.has(fee.name.trim())
      ? {
          status: 'paid',
          method: 'transfer',
          receiptNumber: paid.get(fee.name.trim()) || null,
          onlinePayment: { provider: ONLINE_PAYMENT_PROVIDER, transactionId: paid.get(fee.name.trim()) ?? '' },
        }
      : initialFee(fee),
  );
}

/** A stored file as the draft names it; a name the citizen typed with control characters is replaced. */
function storedFile(file: SubmittedFile): StoredFile {
  const name = sanitizeText(file.name.trim())?.slice(0, 255);
  return {
    sha256: file.sha256!,
    fileName: name || `${file.componentCode}-${file.position + 1}`,
    mediaType: file.mediaType ?? '',
    bytes: file.size ?? 0,
  };
}

/**
 * The reception form filled from an online or postal submission (issue 15 §1), so the officer checks
 * rather than retypes: the owner with contacts, address, date of birth and applicant type as filed, the
 * channel the gateway gave, the fees as settled online, and each component the applicant filed files
 * for marked as submitted online, naming the files the gateway holds (`files`, from the claim) so the
 * received dossier keeps them. Components the procedure does not have are left out here; the check
 * panel lists every filed file.
 */
export function onlinePrefill(
  submission: OnlineSubmission,
  channel: 2 | 3,
  procedure: Procedure,
  files: readonly SubmittedFile[] = [],
): { form: ReceptionFormValues; entries: Record<string, ComponentEntry>; fees: FeeEntry[] } {
  const filed = filedFiles(submission);
  const entries: Record<string, ComponentEntry> = {};
  for (const component of procedure.components) {
    const names = filed.get(component.code);
    if (!names) continue;
    const stored = files.filter((f) => f.componentCode === component.code && f.state === 'stored' && f.sha256).map(storedFile);
    entries[component.code] = { ...emptyEntry(), mode: 'online', onlineFiles: names, files: stored };
  }
  return {
    form: { ...INITIAL_FORM, owner: ownerOf(submission), channel: channel === 3 ? 'post' : 'online' },
    entries,
    fees: feesOf(submission, procedure),
  };
}
