import { parseCccdQrLenient, type CccdLenientValue } from '../domain/cccd';
import { parseDossierCode } from '../domain/dossier-code';
import type { AppErrorData } from '../ipc/result';

/**
 * What a reader sent, as far as the counter cares: a citizen's card (fills the applicant), a
 * returned receipt (opens the return flow), or neither (shown to the officer, never dropped).
 * Keyboard-wedge, HID-POS and serial readers all go through this one classification.
 */
export type ScanKind =
  | { kind: 'cccd'; value: CccdLenientValue }
  | { kind: 'cccdRejected'; error: AppErrorData }
  | { kind: 'dossierCode'; code: string }
  | { kind: 'unknown' };

/** A code on its own, or inside the lookup URL printed as the receipt's QR. */
const CODE_IN_TEXT = /\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}-\d{6}-\d{4}/;

export function findDossierCode(text: string): string | null {
  if (parseDossierCode(text)) return text.trim().toUpperCase();
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    decoded = text;
  }
  const match = CODE_IN_TEXT.exec(decoded);
  return match && parseDossierCode(match[0]) ? match[0].toUpperCase() : null;
}

/** Card payloads are `|`-separated; a `|` in anything else is not worth guessing about. */
export function classifyScan(text: string): ScanKind {
  if (text.includes('|')) {
    const parsed = parseCccdQrLenient(text);
    return parsed.ok ? { kind: 'cccd', value: parsed.value } : { kind: 'cccdRejected', error: parsed.error };
  }
  const code = findDossierCode(text);
  return code ? { kind: 'dossierCode', code } : { kind: 'unknown' };
}

/** NUL bytes some readers pad with (docs/devices.md §3.5), NFC as everywhere, no surrounding line breaks. */
export function cleanScanText(text: string): string {
  return text
    .replace(/\0/g, '')
    .normalize('NFC')
    .replace(/^[\r\n\t ]+|[\r\n\t ]+$/g, '');
}
