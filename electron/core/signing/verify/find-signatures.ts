import { AppError } from '../../../../shared/ipc/result';

/** One signature dictionary as found in the file's bytes: its byte range, CMS and claimed time. */
export interface FoundSignature {
  byteRange: [number, number, number, number];
  /** The DER of the CMS (the hex string decoded, padding cut at the DER length). */
  cms: Uint8Array;
  /** /M of the dictionary, when it parses. */
  claimedTime: Date | null;
  subFilter: string | null;
  /** The byte range is well formed: starts at 0, skips exactly the /Contents hex string, stays inside the file. */
  rangeWellFormed: boolean;
}

const BYTE_RANGE = /\/ByteRange\s*\[\s*(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s*\]/g;

/**
 * More signatures than a real document carries. Each one is checked on the core's thread (its CMS parsed, its byte
 * range hashed), and before this bound 1 MB of bare /ByteRange entries took 96 s to list on a loaded 2-core machine
 * (issue 17), so a file with more is refused.
 */
export const MAX_SIGNATURES = 32;

/**
 * The longest /Contents hex string read as a CMS: a signature with its chain and a timestamp is tens of KB (ours
 * reserve 16 or 32 KB); a longer one is read as no CMS, so a byte range spanning the file is not decoded as hex.
 */
const MAX_CONTENTS_HEX = 2 * 1024 * 1024;

/** How far from its /ByteRange a dictionary's `obj` and `endobj` are looked for: past its longest /Contents. */
const DICTIONARY_REACH = MAX_CONTENTS_HEX + 64 * 1024;

/**
 * Finds signature dictionaries by their /ByteRange in the raw bytes, in file order, without parsing
 * the PDF's objects: a file tampered with after signing must still show its signatures, so the
 * verifier never depends on the file being a well-formed PDF. Every search is bounded, so the time is linear in the
 * file's length whatever it holds.
 */
export function findSignatures(pdf: Uint8Array): FoundSignature[] {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const found: FoundSignature[] = [];
  for (const match of text.matchAll(BYTE_RANGE)) {
    if (found.length === MAX_SIGNATURES) throw new AppError('VERIFY_PDF_TOO_MANY_SIGNATURES', { max: MAX_SIGNATURES });
    const byteRange = match.slice(1, 5).map(Number) as FoundSignature['byteRange'];
    const [start1, length1, start2, length2] = byteRange;
    const gapStart = start1 + length1;
    const wellFormed =
      start1 === 0 && gapStart < start2 && start2 + length2 <= pdf.length && text[gapStart] === '<' && text[start2 - 1] === '>';
    const dictionary = surroundingObject(text, match.index);
    const hex = wellFormed ? text.slice(gapStart + 1, start2 - 1) : (/\/Contents\s*<([0-9A-Fa-f\s]*)>/.exec(dictionary)?.[1] ?? '');
    found.push({
      byteRange,
      cms: hex.length > MAX_CONTENTS_HEX ? new Uint8Array() : cutToDerLength(Buffer.from(hex.replace(/\s+/g, ''), 'hex')),
      claimedTime: parsePdfDate(/\/M\s*\(([^)]*)\)/.exec(dictionary)?.[1]),
      subFilter: /\/SubFilter\s*\/([\w.]+)/.exec(dictionary)?.[1] ?? null,
      rangeWellFormed: wellFormed,
    });
  }
  return found;
}

function surroundingObject(text: string, at: number): string {
  const from = Math.max(0, at - DICTIONARY_REACH);
  const before = text.slice(from, at).lastIndexOf(' obj');
  const after = text.slice(at, at + DICTIONARY_REACH).indexOf('endobj');
  return text.slice(before < 0 ? Math.max(0, at - 4096) : from + before, after < 0 ? at + 4096 : at + after);
}

/** The hex string is padded with zeros after the CMS; DER says how long the CMS really is. */
function cutToDerLength(bytes: Buffer): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== 0x30) return bytes;
  const first = bytes[1]!;
  if (first < 0x80) return bytes.subarray(0, 2 + first);
  const count = first & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i += 1) length = length * 256 + bytes[2 + i]!;
  return bytes.subarray(0, Math.min(bytes.length, 2 + count + length));
}

/** `D:YYYYMMDDHHmmSS` with `Z` or `+HH'mm'` (ISO 32000-1 §7.9.4); null when it does not parse. */
export function parsePdfDate(value: string | undefined): Date | null {
  const match = value && /^D:(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(Z|[+-]\d{2}'?\d{2}'?)?/.exec(value);
  if (!match) return null;
  const [, year, month = '01', day = '01', hour = '00', minute = '00', second = '00', zone = 'Z'] = match;
  const offset = zone === 'Z' ? 'Z' : `${zone.slice(0, 3)}:${zone.replace(/'/g, '').slice(3, 5)}`;
  const date = new Date(`${year}-${month}-${day}T${hour}:${minute}:${second}${offset}`);
  return Number.isNaN(date.getTime()) ? null : date;
}
