import { isPlausibleIdNumber } from '../domain/cccd';
import { formatIsoDate, isRealDate } from '../domain/local-date';

/**
 * Field suggestions from the OCR text of a scanned page (issue 3 §7): ID numbers, dates, names and
 * document numbers the officer confirms with one click. Nothing here is trusted: each suggestion
 * carries the text it came from, so the officer sees what was read, and a confidence to order by.
 */

export type SuggestedField = 'idNumber' | 'fullName' | 'dateOfBirth' | 'issueDate' | 'date' | 'documentNumber';

export interface FieldSuggestion {
  field: SuggestedField;
  /** Normalized: 12 digits, `YYYY-MM-DD`, a title-cased NFC name, a document number without spaces. */
  value: string;
  /** Where it was read, as offsets into the NFC form of the OCR text. */
  source: { start: number; end: number; text: string };
  /** 0–1. */
  confidence: number;
}

/** Characters OCR reads in place of digits, and the digit each stands for. */
const DIGIT_LOOKALIKES: Readonly<Record<string, string>> = {
  O: '0',
  o: '0',
  Q: '0',
  D: '0',
  I: '1',
  l: '1',
  '|': '1',
  S: '5',
  B: '8',
  Z: '2',
};
const ID_CHAR = '[0-9OoQDIl|SBZ]';
/** 12 characters, optionally in groups (`001 099 012 345`), not glued to other letters or digits. */
const ID_CANDIDATE = new RegExp(`(?<![\\p{L}\\p{N}])${ID_CHAR}(?: ?${ID_CHAR}){11}(?![\\p{L}\\p{N}])`, 'gu');
/** Fewer real digits than this (two thirds) and a "number" is more likely a word. */
const MIN_REAL_DIGITS = 8;

const NUMERIC_DATE = /(?<!\d)(\d{1,2}) ?[/.-] ?(\d{1,2}) ?[/.-] ?(\d{4})(?!\d)/g;
/** On folded text, so OCR that lost the diacritics (`ngay 05 thang 3 nam 2024`) still matches. */
const WORDED_DATE = /\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})\s*,?\s+nam\s+(\d{4})(?!\d)/g;
const MIN_YEAR = 1900;
const MAX_YEAR = 2100;

/** "Họ và tên", "Họ, chữ đệm và tên", "Họ tên", with a qualifier ("người nộp") up to the colon. */
const NAME_LABEL = /\bho\s*(?:,\s*chu dem\s*)?(?:va\s+)?ten\b(?:[^:\n]{0,40}:|\s*(?:\([^)\n]*\))?\s*[:.]?)[ \t]*/g;
const NAME_WORDS = /\p{L}+(?:[ \t]+\p{L}+)*/uy;
/** Labels that often follow a name on the same line; the name ends where one starts. */
const LABELS_AFTER_NAME = [
  'gioi tinh',
  'ngay sinh',
  'sinh ngay',
  'dan toc',
  'quoc tich',
  'noi sinh',
  'dia chi',
  'so dinh danh',
  'so cccd',
  'so cmnd',
];
const MAX_NAME_WORDS = 7;
/** The longest Vietnamese syllable (`nghiêng`) has 7 letters. */
const MAX_SYLLABLE_LETTERS = 7;

/** "Số: 123/2024/QĐ-UBND": a number and at least one `/` part. */
const DOCUMENT_NUMBER = /\bso\s*[:.]?\s*(\d{1,6}[a-z]?(?:\s*\/\s*[0-9a-z][0-9a-z.-]*)+)/g;

/**
 * Lower case without diacritics, one character for one, so offsets found in the folded text are
 * offsets in the original too.
 */
function foldKeepingOffsets(text: string): string {
  let folded = '';
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    const plain = char.normalize('NFD').replace(/\p{M}/gu, '').replace(/[đĐ]/g, 'd').toLowerCase();
    folded += plain.length === 1 ? plain : char;
  }
  return folded;
}

const span = (text: string, start: number, end: number): FieldSuggestion['source'] => ({ start, end, text: text.slice(start, end) });

const round = (value: number): number => Math.round(value * 100) / 100;

/** Up to 40 characters before `index` on the same line, folded: where a field's label sits. */
function labelBefore(folded: string, index: number): string {
  const lineStart = folded.lastIndexOf('\n', index - 1) + 1;
  return folded.slice(Math.max(lineStart, index - 40), index);
}

function idNumbers(text: string, folded: string): FieldSuggestion[] {
  const found: FieldSuggestion[] = [];
  for (const match of text.matchAll(ID_CANDIDATE)) {
    const raw = match[0].replace(/ /g, '');
    const realDigits = raw.replace(/\D/g, '').length;
    if (realDigits < MIN_REAL_DIGITS) continue;
    const value = [...raw].map((char) => DIGIT_LOOKALIKES[char] ?? char).join('');
    if (!isPlausibleIdNumber(value)) continue;
    const labelled = /(cccd|can cuoc|dinh danh|cmnd|chung minh)/.test(labelBefore(folded, match.index));
    const confidence = 0.9 - 0.08 * (12 - realDigits) - (match[0].includes(' ') ? 0.1 : 0) + (labelled ? 0.08 : 0);
    found.push({ field: 'idNumber', value, source: span(text, match.index, match.index + match[0].length), confidence: round(confidence) });
  }
  return found;
}

function dateField(folded: string, index: number): SuggestedField {
  const label = labelBefore(folded, index);
  if (/sinh\W*$|sinh ngay\W*$|ngay sinh\W*$/.test(label)) return 'dateOfBirth';
  if (/cap\W*$|ngay cap\W*$|cap ngay\W*$/.test(label)) return 'issueDate';
  return 'date';
}

function dateSuggestion(text: string, folded: string, match: RegExpMatchArray, confidence: number): FieldSuggestion | null {
  const [day, month, year] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = { day, month, year };
  if (year < MIN_YEAR || year > MAX_YEAR || !isRealDate(date)) return null;
  const start = match.index!;
  return { field: dateField(folded, start), value: formatIsoDate(date), source: span(text, start, start + match[0].length), confidence };
}

function dates(text: string, folded: string): FieldSuggestion[] {
  const found: FieldSuggestion[] = [];
  for (const match of text.matchAll(NUMERIC_DATE)) {
    const suggestion = dateSuggestion(text, folded, match, 0.85);
    if (suggestion) found.push(suggestion);
  }
  for (const match of folded.matchAll(WORDED_DATE)) {
    const suggestion = dateSuggestion(text, folded, match, 0.9);
    if (suggestion) found.push(suggestion);
  }
  return found;
}

/** Title case the Vietnamese way: every syllable capitalised, the rest lower case, NFC. */
export function titleCaseName(name: string): string {
  return name
    .normalize('NFC')
    .split(/\s+/)
    .filter((word) => word !== '')
    .map((word) => word.charAt(0).toLocaleUpperCase('vi') + word.slice(1).toLocaleLowerCase('vi'))
    .join(' ');
}

/** Letters of the Vietnamese alphabet only (no f, j, w, z once diacritics are folded away). */
const isVietnameseSyllable = (foldedWord: string): boolean =>
  foldedWord.length <= MAX_SYLLABLE_LETTERS && /^[abcdeghiklmnopqrstuvxy]+$/.test(foldedWord);

function names(text: string, folded: string): FieldSuggestion[] {
  const found: FieldSuggestion[] = [];
  for (const label of folded.matchAll(NAME_LABEL)) {
    const start = label.index + label[0].length;
    NAME_WORDS.lastIndex = start;
    const words = NAME_WORDS.exec(text);
    if (!words) continue;
    let end = start + words[0].length;
    const foldedName = folded.slice(start, end);
    for (const next of LABELS_AFTER_NAME) {
      const at = foldedName.search(new RegExp(`(^|\\s)${next}\\b`));
      if (at >= 0) end = Math.min(end, start + at);
    }
    const raw = text.slice(start, end).trim();
    const foldedWords = foldKeepingOffsets(raw).split(/\s+/);
    if (foldedWords.length < 2 || foldedWords.length > MAX_NAME_WORDS) continue;
    const confidence = foldedWords.every(isVietnameseSyllable) ? 0.85 : 0.6;
    found.push({ field: 'fullName', value: titleCaseName(raw), source: span(text, start, start + raw.length), confidence });
  }
  return found;
}

function documentNumbers(text: string, folded: string): FieldSuggestion[] {
  const found: FieldSuggestion[] = [];
  for (const match of folded.matchAll(DOCUMENT_NUMBER)) {
    const start = match.index + match[0].length - match[1]!.length;
    const end = match.index + match[0].length;
    const value = text.slice(start, end).replace(/\s+/g, '').toLocaleUpperCase('vi');
    found.push({ field: 'documentNumber', value, source: span(text, start, end), confidence: 0.85 });
  }
  return found;
}

/** Suggestions in reading order; the same field and value read twice is suggested once, at its first place. */
export function suggestFields(ocrText: string): FieldSuggestion[] {
  const text = ocrText.normalize('NFC');
  const folded = foldKeepingOffsets(text);
  const all = [...idNumbers(text, folded), ...dates(text, folded), ...names(text, folded), ...documentNumbers(text, folded)].sort(
    (a, b) => a.source.start - b.source.start,
  );
  const seen = new Map<string, FieldSuggestion>();
  for (const suggestion of all) {
    const key = `${suggestion.field}\u0000${suggestion.value}`;
    const earlier = seen.get(key);
    if (!earlier) seen.set(key, suggestion);
    else earlier.confidence = Math.max(earlier.confidence, suggestion.confidence);
  }
  return [...seen.values()];
}
