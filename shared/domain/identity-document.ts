import type { ErrorCode } from '../i18n/vi';

/**
 * The papers an applicant proves identity with (docs/domain.md §9: CCCD, the old CMND): the 12-digit
 * personal ID on a CCCD or the 2024 identity card, the 9-digit number of an old CMND, a passport
 * (Vietnamese: one letter and 7 digits; foreign: 6–20 letters and digits, the ICAO document number
 * field with room for national variants), or another paper (residence card, foreign ID) written as is.
 */
export const documentTypes = ['cccd', 'cmnd', 'passport', 'other'] as const;
export type DocumentType = (typeof documentTypes)[number];

export type DocumentNumberCheck = { ok: true; number: string } | { ok: false; code: ErrorCode };

const INVALID: Record<DocumentType, ErrorCode> = {
  cccd: 'RECEPTION_ID_NUMBER_INVALID',
  cmnd: 'ID_DOCUMENT_CMND_INVALID',
  passport: 'ID_DOCUMENT_PASSPORT_INVALID',
  other: 'ID_DOCUMENT_OTHER_INVALID',
};

const PATTERN: Record<DocumentType, RegExp> = {
  cccd: /^\d{12}$/,
  cmnd: /^\d{9}$/,
  passport: /^[A-Z0-9]{6,20}$/,
  other: /^[\p{L}\p{N}][\p{L}\p{N} ./-]{1,31}$/u,
};

/** A Vietnamese passport number: one letter and 7 digits (e.g. C1234567). */
export function isVietnamesePassportNumber(number: string): boolean {
  return /^[A-Z]\d{7}$/.test(number);
}

/** The number as stored (trimmed; passports upper-cased and without spaces), or the code of the refusal. */
export function checkDocumentNumber(type: DocumentType, raw: string): DocumentNumberCheck {
  const trimmed = raw.trim();
  const number = type === 'passport' ? trimmed.replace(/\s+/g, '').toUpperCase() : trimmed;
  return PATTERN[type].test(number) ? { ok: true, number } : { ok: false, code: INVALID[type] };
}
