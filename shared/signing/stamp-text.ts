import { toVietnamLocal } from '../domain/vietnam-time';
import { formatMessage, uiText } from '../i18n/vi';

export interface StampFacts {
  /** The certificate's subject common name. */
  signerName: string;
  /** The one-stop unit, as declared for the site. */
  unitName?: string;
  signingTime: Date;
}

/**
 * The lines of a visible signature stamp in the style of Vietnamese e-signed documents: who signed,
 * for which unit, and when, in Vietnam time (docs/devices.md §7).
 */
export function stampLines(facts: StampFacts): string[] {
  const local = toVietnamLocal(facts.signingTime);
  const time = `${local.slice(11, 16)} ${local.slice(8, 10)}/${local.slice(5, 7)}/${local.slice(0, 4)}`;
  const lines = [formatMessage(uiText.signing.stampSignedBy, { name: facts.signerName })];
  if (facts.unitName) lines.push(formatMessage(uiText.signing.stampUnit, { unit: facts.unitName }));
  lines.push(formatMessage(uiText.signing.stampTime, { time }));
  return lines;
}
