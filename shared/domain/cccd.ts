import { errorMessage, type ErrorCode } from '../i18n/vi';
import { fail, ok, type Result } from '../ipc/result';
import { dayNumber, formatIsoDate, isRealDate, type CivilDate } from './local-date';
import { findDeceptiveCharacter } from './safe-text';

/**
 * The QR code on the chip-based CCCD / căn cước card (docs/domain.md §7): `|`-separated fields
 * ID|old CMND|name|birth date|sex|address|issue date, plus four empty fields on cards issued since
 * 01/07/2024.
 */

export type Sex = 'male' | 'female';

export interface CccdData {
  idNumber: string;
  oldIdNumber: string | null;
  fullName: string;
  /** `YYYY-MM-DD`. */
  dateOfBirth: string;
  sex: Sex;
  address: string;
  /** `YYYY-MM-DD`. */
  issueDate: string;
}

export type CccdErrorCode = Extract<
  ErrorCode,
  | 'CCCD_EMPTY'
  | 'CCCD_TOO_LONG'
  | 'CCCD_FIELD_COUNT'
  | 'CCCD_ID_DIGITS'
  | 'CCCD_PROVINCE_INVALID'
  | 'CCCD_OLD_ID_DIGITS'
  | 'CCCD_NAME_EMPTY'
  | 'CCCD_DATE_INVALID'
  | 'CCCD_SEX_INVALID'
  | 'CCCD_ISSUE_BEFORE_BIRTH'
  | 'CCCD_ID_MISMATCH'
  | 'CCCD_TEXT_GARBLED'
  | 'TEXT_INVALID_CHARACTERS'
>;

export type CccdField = Exclude<keyof CccdData, 'idNumber'>;

export interface CccdFieldToConfirm {
  field: CccdField;
  code: CccdErrorCode;
  message: string;
  /** The best reading of the field (a name repaired from mojibake, the text as scanned), or null. */
  guess: string | null;
}

export interface CccdLenientValue {
  /** Fields the officer can rely on; the ID number always, since without it nothing was read. */
  sure: Partial<CccdData> & { idNumber: string };
  /** Fields to check against the card, in payload order (one entry per problem). */
  toConfirm: CccdFieldToConfirm[];
}

/** A real payload is under 300 characters, a doubled one under 600; anything this long is not a card. */
export const MAX_CCCD_PAYLOAD_LENGTH = 4096;

/**
 * Province codes of Circular 07/2016/TT-BCA run from 001 to 096. Only the range is checked: the 2025
 * province mergers may bring codes this module has not seen, and refusing a genuine card would leave
 * the officer typing everything by hand.
 */
const MIN_PROVINCE_CODE = 1;
const MAX_PROVINCE_CODE = 96;

/**
 * A 12-digit personal ID number that could exist (§7.6): a province code in range and a century
 * digit of the 1900s or 2000s. For text read off paper, where any 12 digits may be something else.
 */
export function isPlausibleIdNumber(idNumber: string): boolean {
  if (!/^\d{12}$/.test(idNumber)) return false;
  const province = Number(idNumber.slice(0, 3));
  return province >= MIN_PROVINCE_CODE && province <= MAX_PROVINCE_CODE && Number(idNumber[3]) <= 3;
}

const FIELD_COUNT = 7;
const FIELD_ORDER: readonly CccdField[] = ['oldIdNumber', 'fullName', 'dateOfBirth', 'sex', 'address', 'issueDate'];

/** Where a payload starts: 12 digits then `|` (docs/domain.md §7.4). */
const PAYLOAD_START = /\d{12}\|/g;

interface Issue {
  field: CccdField;
  code: CccdErrorCode;
  params: Record<string, string>;
  guess: string | null;
}

type Analysis =
  | { fatal: { code: CccdErrorCode; params: Record<string, string> } }
  | { fatal: null; sure: CccdLenientValue['sure']; issues: Issue[]; sexFromId: Sex | null };

/**
 * cp1252 bytes 0x80–0x9F by code point. UTF-8 decoded as Windows-1252 is the usual mojibake of a
 * Windows keyboard-wedge or serial reader ("Nguyễn" → "Nguyá»…n").
 */
const CP1252_HIGH: ReadonlyMap<number, number> = new Map([
  [0x20ac, 0x80],
  [0x201a, 0x82],
  [0x0192, 0x83],
  [0x201e, 0x84],
  [0x2026, 0x85],
  [0x2020, 0x86],
  [0x2021, 0x87],
  [0x02c6, 0x88],
  [0x2030, 0x89],
  [0x0160, 0x8a],
  [0x2039, 0x8b],
  [0x0152, 0x8c],
  [0x017d, 0x8e],
  [0x2018, 0x91],
  [0x2019, 0x92],
  [0x201c, 0x93],
  [0x201d, 0x94],
  [0x2022, 0x95],
  [0x2013, 0x96],
  [0x2014, 0x97],
  [0x02dc, 0x98],
  [0x2122, 0x99],
  [0x0161, 0x9a],
  [0x203a, 0x9b],
  [0x0153, 0x9c],
  [0x017e, 0x9e],
  [0x0178, 0x9f],
]);

function cp1252Bytes(text: string): number[] | null {
  const bytes: number[] = [];
  for (const char of text) {
    const code = char.codePointAt(0)!;
    // 0x80–0x9F pass through as well: decoders map cp1252's five undefined bytes to those C1 controls.
    const byte = code <= 0xff ? code : CP1252_HIGH.get(code);
    if (byte === undefined) return null;
    bytes.push(byte);
  }
  return bytes;
}

/** Strict UTF-8 decode that must contain at least one multi-byte sequence, else null. */
function decodeUtf8Multibyte(bytes: number[]): string | null {
  let text = '';
  let sawMultibyte = false;
  for (let i = 0; i < bytes.length;) {
    const lead = bytes[i]!;
    const length =
      lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || i + length > bytes.length) return null;
    let code = length === 1 ? lead : lead & (0xff >> (length + 1));
    for (let k = 1; k < length; k++) {
      const next = bytes[i + k]!;
      if ((next & 0xc0) !== 0x80) return null;
      code = (code << 6) | (next & 0x3f);
    }
    const shortest = [0, 0, 0x80, 0x800, 0x10000][length]!;
    if (code < shortest || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return null;
    if (length > 1) sawMultibyte = true;
    text += String.fromCodePoint(code);
    i += length;
  }
  return sawMultibyte ? text : null;
}

/** The text a UTF-8-as-cp1252 mojibake came from, or null if `text` is not such mojibake. */
export function repairMojibake(text: string): string | null {
  const bytes = cp1252Bytes(text);
  const repaired = bytes && decodeUtf8Multibyte(bytes);
  return repaired ? repaired.normalize('NFC') : null;
}

/**
 * True when Vietnamese text from a scan was damaged on the way: a reader or the OS replaced letters it
 * could not type (`?`, U+FFFD), control characters slipped in, or UTF-8 was read as Windows-1252.
 * Letters silently dropped by a reader cannot be detected.
 */
export function isGarbledVietnamese(text: string): boolean {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is looked for
  return /[?\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/.test(text) || repairMojibake(text) !== null;
}

function sanitize(raw: string): string {
  return raw.replace(/\0/g, '').trim().normalize('NFC');
}

/**
 * The last complete copy when a reader sent the payload more than once. A start is 12 digits then `|`,
 * not glued to an earlier digit (which would make a 13-digit number look valid), except where the
 * digits before it are the previous copy's 8-digit issue date, as when copies arrive back to back.
 */
function lastPayload(text: string): string {
  const starts: number[] = [];
  for (const match of text.matchAll(PAYLOAD_START)) {
    // matchAll does not overlap; the run of digits before `|` may be longer than 12 when copies touch.
    const pipe = match.index + match[0].length - 1;
    const start = pipe - 12;
    const before = text.slice(0, start);
    if (start === 0 || !/\d$/.test(before) || /\|\d{8}$/.test(before)) starts.push(start);
  }
  for (let i = starts.length - 1; i >= 0; i--) {
    const segment = text.slice(starts[i], starts[i + 1] ?? text.length).trim();
    if (segment.split('|').length >= FIELD_COUNT) return segment;
  }
  return text;
}

function parseCardDate(text: string): CivilDate | null {
  const match = /^(\d{2})(\d{2})(\d{4})$/.exec(text);
  if (!match) return null;
  const date = { day: Number(match[1]), month: Number(match[2]), year: Number(match[3]) };
  return isRealDate(date) ? date : null;
}

function parseSexText(text: string): Sex | null {
  const lower = text.toLowerCase();
  if (lower === 'nam') return 'male';
  if (lower === 'nữ') return 'female';
  return null;
}

/** Digit 4 of the ID (§7.6): even = male, odd = female; 0–1 the 1900s, 2–3 the 2000s, and so on. */
function centuryAndSex(idNumber: string): { century: number; sex: Sex } {
  const digit = Number(idNumber[3]);
  return { century: 1900 + Math.floor(digit / 2) * 100, sex: digit % 2 === 0 ? 'male' : 'female' };
}

const collapse = (text: string): string => text.replace(/\s+/g, ' ').trim();

/** A repaired mojibake, else the text as scanned (its `?` show the officer what to fix), else null. */
function bestReading(raw: string): string | null {
  const reading = collapse(repairMojibake(raw) ?? raw);
  return reading === '' ? null : reading;
}

/** Messages quote what was scanned; garbage can be kilobytes long. */
const excerpt = (text: string): string => (text.length > 40 ? `${text.slice(0, 40)}…` : text);

function analyse(raw: string): Analysis {
  const text = typeof raw === 'string' ? sanitize(raw) : '';
  if (text === '') return { fatal: { code: 'CCCD_EMPTY', params: {} } };
  if (text.length > MAX_CCCD_PAYLOAD_LENGTH) return { fatal: { code: 'CCCD_TOO_LONG', params: {} } };
  // A bidi override makes the name read differently on screen and on the receipt than it is stored
  // (issue 17); a card's QR never holds one, nor a lone surrogate.
  const deceptive = findDeceptiveCharacter(text);
  if (deceptive) return { fatal: { code: 'TEXT_INVALID_CHARACTERS', params: { character: deceptive } } };

  // Split keeping empty fields; only 0–6 are read, whatever follows (the 2024 variant's four empty
  // fields) is ignored, and nothing is indexed from the end (§7.3).
  const fields = lastPayload(text).split('|');
  if (fields.length < FIELD_COUNT) return { fatal: { code: 'CCCD_FIELD_COUNT', params: {} } };
  // Name and address stay as scanned until checked: mojibake of "à" ends in a no-break space, which
  // white-space clean-up would destroy.
  const [idNumber, oldId, rawName, birthText, sexText, rawAddress, issueText] = fields.map((field, index) =>
    index === 2 || index === 5 ? field : collapse(field),
  ) as [string, string, string, string, string, string, string];
  const name = collapse(rawName);
  const address = collapse(rawAddress);

  if (!/^\d{12}$/.test(idNumber)) return { fatal: { code: 'CCCD_ID_DIGITS', params: { value: excerpt(idNumber) } } };
  const province = Number(idNumber.slice(0, 3));
  if (province < MIN_PROVINCE_CODE || province > MAX_PROVINCE_CODE) {
    return { fatal: { code: 'CCCD_PROVINCE_INVALID', params: { idNumber, province: idNumber.slice(0, 3) } } };
  }

  const sure: CccdLenientValue['sure'] = { idNumber };
  const issues: Issue[] = [];
  const fromId = centuryAndSex(idNumber);
  // Digits 4–9 are reserved for centuries after the 2000s, so they say nothing sure about sex today.
  const sexFromId = fromId.century <= 2000 ? fromId.sex : null;

  // Twelve digits are accepted too: 12-digit CMND cards were issued before CCCD, and §7.3 asks only for
  // digits ("normally 9").
  if (oldId === '' || /^(\d{9}|\d{12})$/.test(oldId)) {
    sure.oldIdNumber = oldId === '' ? null : oldId;
  } else {
    issues.push({ field: 'oldIdNumber', code: 'CCCD_OLD_ID_DIGITS', params: { value: excerpt(oldId) }, guess: oldId });
  }

  if (isGarbledVietnamese(rawName)) {
    issues.push({ field: 'fullName', code: 'CCCD_TEXT_GARBLED', params: {}, guess: bestReading(rawName) });
  } else if (name === '') {
    issues.push({ field: 'fullName', code: 'CCCD_NAME_EMPTY', params: {}, guess: null });
  } else {
    sure.fullName = name;
  }

  const birth = parseCardDate(birthText);
  if (birth) {
    sure.dateOfBirth = formatIsoDate(birth);
  } else {
    issues.push({ field: 'dateOfBirth', code: 'CCCD_DATE_INVALID', params: { value: excerpt(birthText) }, guess: null });
  }

  const sex = parseSexText(sexText);
  if (sex) {
    sure.sex = sex;
  } else if (isGarbledVietnamese(sexText)) {
    issues.push({ field: 'sex', code: 'CCCD_TEXT_GARBLED', params: {}, guess: null });
  } else {
    issues.push({ field: 'sex', code: 'CCCD_SEX_INVALID', params: { value: excerpt(sexText) }, guess: null });
  }

  // An empty address is let through: the rest of the card is still worth filling in, and the
  // reception form asks for the address anyway.
  if (isGarbledVietnamese(rawAddress)) {
    issues.push({ field: 'address', code: 'CCCD_TEXT_GARBLED', params: {}, guess: bestReading(rawAddress) });
  } else {
    sure.address = address;
  }

  const issued = parseCardDate(issueText);
  if (!issued) {
    issues.push({ field: 'issueDate', code: 'CCCD_DATE_INVALID', params: { value: excerpt(issueText) }, guess: null });
  } else if (birth && dayNumber(issued) < dayNumber(birth)) {
    issues.push({ field: 'issueDate', code: 'CCCD_ISSUE_BEFORE_BIRTH', params: {}, guess: formatIsoDate(issued) });
  } else {
    sure.issueDate = formatIsoDate(issued);
  }

  const yearDigits = (year: number): string => String(year % 100).padStart(2, '0');
  if (birth && (Math.floor(birth.year / 100) * 100 !== fromId.century || idNumber.slice(4, 6) !== yearDigits(birth.year))) {
    delete sure.dateOfBirth;
    issues.push({ field: 'dateOfBirth', code: 'CCCD_ID_MISMATCH', params: { idNumber }, guess: formatIsoDate(birth) });
  }
  if (sex && sex !== fromId.sex) {
    delete sure.sex;
    issues.push({ field: 'sex', code: 'CCCD_ID_MISMATCH', params: { idNumber }, guess: sexFromId });
  }
  return { fatal: null, sure, issues, sexFromId };
}

/**
 * Strict reading for the reception form: every field valid and consistent, or the first problem as a
 * stable code with a Vietnamese message. The caller keeps `raw` for the audit trail (§7.3).
 */
export function parseCccdQr(raw: string): Result<CccdData> {
  const analysis = analyse(raw);
  if (analysis.fatal) return fail(analysis.fatal.code, analysis.fatal.params);
  const first = analysis.issues[0];
  if (first) return fail(first.code, first.params);
  return ok(analysis.sure as CccdData);
}

/**
 * Reading for a damaged scan: as long as a 12-digit ID is found, returns the fields that are sure and
 * the ones the officer must confirm against the card. The ASCII fields survive a keyboard wedge
 * intact, and a sex text that did not survive is taken from the ID's century digit.
 */
export function parseCccdQrLenient(raw: string): Result<CccdLenientValue> {
  const analysis = analyse(raw);
  if (analysis.fatal) return fail(analysis.fatal.code, analysis.fatal.params);
  const { sure, issues, sexFromId } = analysis;
  const toConfirm: CccdFieldToConfirm[] = [];
  for (const issue of issues) {
    if (issue.field === 'sex' && issue.code !== 'CCCD_ID_MISMATCH' && sexFromId) {
      sure.sex = sexFromId;
      continue;
    }
    toConfirm.push({ field: issue.field, code: issue.code, message: errorMessage(issue.code, issue.params), guess: issue.guess });
  }
  toConfirm.sort((a, b) => FIELD_ORDER.indexOf(a.field) - FIELD_ORDER.indexOf(b.field));
  return ok({ sure, toConfirm });
}
