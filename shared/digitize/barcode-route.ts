import { parseCccdQrLenient, type CccdLenientValue } from '../domain/cccd';
import { parseDossierCode, type DossierCodeParts } from '../domain/dossier-code';
import { parseSeparator } from './separator-code';

/**
 * What a code read off a scanned page is for (issue 3 §5, §8): a CCCD QR prefills the applicant, a
 * dossier code on a returned receipt opens the dossier, a separator sheet starts a component's
 * pages; anything else is only recorded.
 */
export type BarcodeRoute =
  | { kind: 'cccd'; card: CccdLenientValue }
  | { kind: 'dossier-code'; code: string; parts: DossierCodeParts }
  | { kind: 'separator'; componentCode: string }
  | { kind: 'other'; text: string };

/** A dossier code inside a longer text: the receipt QR carries the site's lookup address around it. */
const EMBEDDED_DOSSIER_CODE = /(?<![\dA-Za-z.])\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}-\d{6}-\d{4}(?!\d)/;

/** A CCCD payload starts with 12 digits and `|` (docs/domain.md §7.4). */
const CCCD_START = /\d{12}\|/;

function decodedUri(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

function dossierCodeIn(text: string): { code: string; parts: DossierCodeParts } | null {
  const whole = parseDossierCode(text);
  if (whole) return { code: text.trim().toUpperCase(), parts: whole };
  const embedded = EMBEDDED_DOSSIER_CODE.exec(decodedUri(text));
  const parts = embedded && parseDossierCode(embedded[0]);
  return parts ? { code: embedded[0].toUpperCase(), parts } : null;
}

export function routeDecodedText(text: string): BarcodeRoute {
  const componentCode = parseSeparator(text);
  if (componentCode !== null) return { kind: 'separator', componentCode };
  if (CCCD_START.test(text)) {
    const card = parseCccdQrLenient(text);
    if (card.ok) return { kind: 'cccd', card: card.value };
  }
  const dossier = dossierCodeIn(text);
  if (dossier) return { kind: 'dossier-code', ...dossier };
  return { kind: 'other', text };
}
