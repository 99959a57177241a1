import type { Party } from '../reception/dossier-view';

const textOf = (submission: Record<string, unknown>, name: string): string => {
  const value = submission[name];
  return typeof value === 'string' ? value.normalize('NFC').trim() : '';
};

/**
 * The applicant of an online or postal submission (DVCQG field names, docs/domain.md §2), as Forms 02
 * and 03 print them before any dossier exists: as filed, unchecked — the officer refuses or asks for a
 * supplement precisely because a submission may be wrong. LoaiDoiTuong 1 (or absent) is a citizen;
 * 2–4 file under a tax code.
 */
export function submissionParty(submission: Record<string, unknown>): Party {
  const citizen = ['', '1'].includes(textOf(submission, 'LoaiDoiTuong'));
  const number = textOf(submission, 'SoGiayToChuHoSo') || null;
  return {
    kind: citizen ? 'citizen' : 'organisation',
    fullName: textOf(submission, 'ChuHoSo'),
    idNumber: citizen ? number : null,
    oldIdNumber: null,
    taxCode: citizen ? null : number,
    dateOfBirth: null,
    sex: null,
    address: '',
    issueDate: null,
    phone: textOf(submission, 'SoDienThoai'),
    email: textOf(submission, 'Email'),
  };
}
