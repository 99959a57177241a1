import type { Procedure } from '../../../../shared/catalog/procedure';
import { emptyEntry, type ComponentEntry } from './component-entry';
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

/** LoaiDoiTuong 1 is a citizen; 2–4 (business, state agency, other) file under a tax code. */
function ownerOf(submission: OnlineSubmission): PartyFormValues {
  const contact = { fullName: textOf(submission, 'ChuHoSo'), phone: textOf(submission, 'SoDienThoai'), email: textOf(submission, 'Email') };
  const number = textOf(submission, 'SoGiayToChuHoSo');
  const citizen = ['', '1'].includes(textOf(submission, 'LoaiDoiTuong'));
  return citizen ? { kind: 'citizen', ...contact, idNumber: number } : { kind: 'organisation', ...contact, taxCode: number };
}

/**
 * The reception form filled from an online or postal submission (issue 15 §1), so the officer checks
 * rather than retypes: the owner and contacts as filed, the channel the gateway gave, and each
 * component the applicant filed files for marked as submitted online. Components the procedure does
 * not have are left out here; the check panel lists every filed file.
 */
export function onlinePrefill(
  submission: OnlineSubmission,
  channel: 2 | 3,
  procedure: Procedure,
): { form: ReceptionFormValues; entries: Record<string, ComponentEntry> } {
  const files = filedFiles(submission);
  const entries: Record<string, ComponentEntry> = {};
  for (const component of procedure.components) {
    const filed = files.get(component.code);
    if (filed) entries[component.code] = { ...emptyEntry(), mode: 'online', onlineFiles: filed };
  }
  return { form: { ...INITIAL_FORM, owner: ownerOf(submission), channel: channel === 3 ? 'post' : 'online' }, entries };
}
