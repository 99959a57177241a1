import { z } from 'zod';
import { errorMessage } from '../i18n/vi';

/**
 * Text that crosses a boundary (IPC contract, sync protocol, a scanned QR) is checked here once, so a
 * character PostgreSQL refuses or a reader's screen lies about never reaches storage or the gateway
 * (docs/architecture.md §4; issue 17). Refused, never silently removed, so the officer sees what was
 * wrong:
 * - C0 controls, DEL and the C1 controls (U+0080–U+009F): NUL is refused by PostgreSQL, the others print
 *   as nothing, and C1 ones only come from text decoded with the wrong code page. Tab, LF and CR are
 *   allowed only in multi-line fields (addresses, notes, reasons), where officers paste text.
 * - Lone surrogates: not Unicode text at all; they cannot be encoded as UTF-8.
 * - Every bidi control (Unicode's Bidi_Control set: the embeddings, overrides and isolates U+202A–U+202E
 *   and U+2066–U+2069, and the invisible marks U+200E, U+200F, U+061C): they make a name or an ID number
 *   display reversed or out of order on the receipt and the screen while the stored text says otherwise.
 * Accepted text is NFC-normalised: Vietnamese typed by some input methods arrives decomposed
 * (e + U+0302 + U+0303), which would otherwise make two spellings of the same name.
 */
export const TEXT_INVALID_CHARACTERS = 'TEXT_INVALID_CHARACTERS' as const;

// Code units, not code points (no `u` flag): a surrogate is refused unless its partner is beside it.
/* eslint-disable no-control-regex -- control characters are exactly what is refused */
const SINGLE_LINE_UNSAFE =
  /[\u0000-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const MULTI_LINE_UNSAFE =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/* eslint-enable no-control-regex */

export interface SafeTextOptions {
  /** Tab, LF and CR allowed (addresses, notes, reasons). */
  multiline?: boolean;
}

/** The first refused character's code point as `U+XXXX`, or null when the text is safe. */
export function findUnsafeCharacter(text: string, options: SafeTextOptions = {}): string | null {
  const match = (options.multiline ? MULTI_LINE_UNSAFE : SINGLE_LINE_UNSAFE).exec(text);
  if (!match) return null;
  return codePointLabel(match[0]);
}

const DECEPTIVE = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Only the bidi controls and lone surrogates, as `U+XXXX`: for readers of scanned codes that already
 * treat stray C0 controls as a garbled scan to confirm rather than a refusal.
 */
export function findDeceptiveCharacter(text: string): string | null {
  const match = DECEPTIVE.exec(text);
  return match ? codePointLabel(match[0]) : null;
}

function codePointLabel(character: string): string {
  return `U+${character.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The text in NFC, or null when it holds a refused character. */
export function sanitizeText(text: string, options: SafeTextOptions = {}): string | null {
  if (findUnsafeCharacter(text, options) !== null) return null;
  return text.normalize('NFC');
}

/**
 * Every string inside a JSON-like value (a pushed command's payload), with the path of the first
 * refused one; keys count too. Multi-line characters are allowed: the protocol's payloads carry
 * addresses and notes, and single-line fields are held to the stricter rule by the contract.
 */
export function findUnsafeTextIn(value: unknown, path = ''): string | null {
  if (typeof value === 'string') return findUnsafeCharacter(value, { multiline: true }) ? path || '.' : null;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i += 1) {
      const found = findUnsafeTextIn(value[i], `${path}[${i}]`);
      if (found) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (findUnsafeCharacter(key)) return `${path}.${key}`;
      const found = findUnsafeTextIn(item, `${path}.${key}`);
      if (found) return found;
    }
  }
  return null;
}

/**
 * A zod string refusing unsafe characters with the catalogue's TEXT_INVALID_CHARACTERS message (the
 * dispatcher reports zod issues by their message) and normalising to NFC. `overwrite` keeps the
 * schema a ZodString, so `.min()`, `.max()` and `.trim()` still chain.
 */
export function safeText(options: SafeTextOptions = {}) {
  return z
    .string()
    .superRefine((text, ctx) => {
      const character = findUnsafeCharacter(text, options);
      if (character)
        ctx.addIssue({
          code: 'custom',
          message: errorMessage(TEXT_INVALID_CHARACTERS, { character }),
          params: { code: TEXT_INVALID_CHARACTERS },
        });
    })
    .overwrite((text) => text.normalize('NFC'));
}
