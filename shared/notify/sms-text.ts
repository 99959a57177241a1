/**
 * SMS text as a brandname provider bills it: GSM-7 (the GSM 03.38 default alphabet, 160 characters in
 * one message, 153 per part of a long one, the extension characters counting twice) or UCS-2 (70, then
 * 67 per part) as soon as one character is outside GSM-7 — which every Vietnamese tone mark is. Pure.
 */

const GSM7_BASIC =
  '@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !"#¤%&\'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà';
const GSM7_EXTENSION = '^{}\\[~]|€\f';

export type SmsEncoding = 'gsm7' | 'ucs2';

export interface SmsText {
  text: string;
  encoding: SmsEncoding;
  segments: number;
}

/** Vietnamese without tone and vowel marks, đ as d (what a GSM-7 message can carry). */
export function withoutDiacritics(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .normalize('NFC');
}

export function isGsm7(text: string): boolean {
  return [...text].every((c) => GSM7_BASIC.includes(c) || GSM7_EXTENSION.includes(c));
}

function gsm7Length(text: string): number {
  return [...text].reduce((n, c) => n + (GSM7_EXTENSION.includes(c) ? 2 : 1), 0);
}

/** UCS-2 counts UTF-16 code units: a character outside the BMP takes two. */
export function smsSegments(text: string, encoding: SmsEncoding): number {
  const [single, part, length] = encoding === 'gsm7' ? [160, 153, gsm7Length(text)] : [70, 67, text.length];
  if (length <= single) return 1;
  return Math.ceil(length / part);
}

/**
 * The message as it will be sent: UCS-2 with its marks when `unicode` is allowed and it fits in
 * `maxSegments`, otherwise GSM-7 without marks (more than twice the room); cut with "..." if even
 * that is too long, so the bill never exceeds the configured maximum. Characters GSM-7 lacks after
 * removing marks are replaced by "?".
 */
export function fitSms(text: string, options: { unicode: boolean; maxSegments: number }): SmsText {
  const clean = text.replace(/\s+/g, ' ').trim();
  if (options.unicode && !isGsm7(clean) && smsSegments(clean, 'ucs2') <= options.maxSegments)
    return { text: clean, encoding: 'ucs2', segments: smsSegments(clean, 'ucs2') };
  let plain = [...withoutDiacritics(clean)].map((c) => (isGsm7(c) ? c : '?')).join('');
  if (smsSegments(plain, 'gsm7') > options.maxSegments) {
    const room = options.maxSegments === 1 ? 160 : options.maxSegments * 153;
    while (gsm7Length(plain) + 3 > room) plain = plain.slice(0, -1);
    plain = `${plain.trimEnd()}...`;
  }
  return { text: plain, encoding: 'gsm7', segments: smsSegments(plain, 'gsm7') };
}
