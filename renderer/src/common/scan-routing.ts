export { classifyScan, findDossierCode, type ScanKind } from '../../../shared/devices/reader-route';

/** Messages quote what was scanned; a burst of garbage can be long. */
export function excerpt(text: string, max = 40): string {
  const clean = text.replace(/\s+/g, ' ').trim();
  return clean.length > max ? `${clean.slice(0, max)}…` : clean;
}
