import { AppError } from '../ipc/result';
import { formatIsoDate, isRealDate, parseIsoDate } from './local-date';

/**
 * Dossier code (mã hồ sơ) `<agency code>-<yyMMdd>-<NNNN>` (docs/domain.md §4): the receiving unit's
 * QCVN 102 identifier, the local reception date and the unit's 4-digit daily sequence.
 */
export interface DossierCodeParts {
  /** QCVN 102:2016/BTTTT agency identifier, e.g. `000.00.06.H56`. */
  agencyCode: string;
  /** Local reception date, `YYYY-MM-DD`. */
  date: string;
  /** 1…9999. */
  sequence: number;
}

/** `LLL.LL.LL.Xnn`, lowest level first; unused levels are zeros. */
const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
const DOSSIER_CODE = /^(\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2})-(\d{2})(\d{2})(\d{2})-(\d{4})$/;

export const MAX_DAILY_SEQUENCE = 9999;

/**
 * Builds the code printed on the receipt. Throws `AppError` (DOSSIER_CODE_AGENCY_INVALID,
 * DOSSIER_CODE_DATE_INVALID, DOSSIER_CODE_SEQUENCE_INVALID) rather than returning an error: the inputs
 * come from the unit's configuration and the sequence allocator, so a bad one is a programming or
 * set-up fault, and a receipt must never be printed with a code DVCQG would reject.
 */
export function formatDossierCode({ agencyCode, date, sequence }: DossierCodeParts): string {
  if (typeof agencyCode !== 'string' || !AGENCY_CODE.test(agencyCode)) {
    throw new AppError('DOSSIER_CODE_AGENCY_INVALID', { value: String(agencyCode) });
  }
  const parsed = typeof date === 'string' ? parseIsoDate(date) : null;
  // yyMMdd cannot tell centuries apart; parsing reads every code as 20yy.
  if (!parsed || parsed.year < 2000 || parsed.year > 2099) {
    throw new AppError('DOSSIER_CODE_DATE_INVALID', { value: String(date) });
  }
  if (!Number.isInteger(sequence) || sequence < 1 || sequence > MAX_DAILY_SEQUENCE) {
    throw new AppError('DOSSIER_CODE_SEQUENCE_INVALID', { value: String(sequence), max: MAX_DAILY_SEQUENCE });
  }
  const yyMMdd = date.slice(2, 4) + date.slice(5, 7) + date.slice(8, 10);
  return `${agencyCode}-${yyMMdd}-${String(sequence).padStart(4, '0')}`;
}

/**
 * Reads a code typed by an officer or sent by a barcode reader on a returned receipt. Readers end a
 * scan with Enter or Tab and, in keyboard mode with Caps Lock on, invert the agency letter's case, so
 * surrounding white space and the letter's case are tolerated; anything else gives null.
 */
export function parseDossierCode(code: string): DossierCodeParts | null {
  if (typeof code !== 'string') return null;
  const match = DOSSIER_CODE.exec(code.trim().toUpperCase());
  if (!match) return null;
  const [, agencyCode, yy, mm, dd, sequenceText] = match as unknown as [string, string, string, string, string, string];
  const date = { year: 2000 + Number(yy), month: Number(mm), day: Number(dd) };
  const sequence = Number(sequenceText);
  if (!isRealDate(date) || sequence < 1) return null;
  return { agencyCode, date: formatIsoDate(date), sequence };
}

/**
 * True only for a code exactly as `formatDossierCode` writes it. Codes entering storage or the
 * gateway must be canonical: the reader-friendly `parseDossierCode` tolerates a trailing tab or an
 * ideographic space, and such a code stored as typed would be a second dossier (issue 17).
 */
export function isCanonicalDossierCode(code: unknown): code is string {
  if (typeof code !== 'string') return false;
  const parts = parseDossierCode(code);
  return parts !== null && formatDossierCode(parts) === code;
}
