import { parseDossierCode } from '../domain/dossier-code';
import type { DigitizationStatsRow } from './page-view';

/**
 * How a checklist slot names what it reuses instead of a scan (docs/domain.md §6.5). A component digitized
 * for an earlier dossier is "<dossier code>/<component code>"; the n-th result document handed back
 * with an earlier dossier is "<dossier code>/KQ<n>" — the code sent as MaKetQuaThayThe. Anything not
 * rooted in a dossier code is what the officer typed (a national-store code, a paper's number) and is
 * kept as text.
 */
export type ReuseRef =
  | { kind: 'component'; dossierCode: string; componentCode: string }
  | { kind: 'result'; dossierCode: string; number: number }
  | { kind: 'text'; text: string };

const RESULT_REF = /^(.+)\/KQ([1-9]\d{0,2})$/;

export function componentReuseRef(dossierCode: string, componentCode: string): string {
  return `${dossierCode}/${componentCode}`;
}

/** `number` counts from 1, as the officer reads it. */
export function resultReuseRef(dossierCode: string, number: number): string {
  return `${dossierCode}/KQ${number}`;
}

/** `asResult`: the slot says it reuses a result, so only the result form is read. */
export function parseReuseRef(ref: string, asResult: boolean): ReuseRef {
  const text = ref.trim();
  if (asResult) {
    const match = RESULT_REF.exec(text);
    return match && parseDossierCode(match[1]!)
      ? { kind: 'result', dossierCode: match[1]!, number: Number(match[2]) }
      : { kind: 'text', text };
  }
  const slash = text.lastIndexOf('/');
  if (slash <= 0 || slash === text.length - 1 || !parseDossierCode(text.slice(0, slash))) return { kind: 'text', text };
  return { kind: 'component', dossierCode: text.slice(0, slash), componentCode: text.slice(slash + 1) };
}

/** "Tái sử dụng kết quả của hồ sơ …": the earlier dossier a result reference names; the typed text otherwise. */
export function resultSourceLabel(ref: string): string {
  const parsed = parseReuseRef(ref, true);
  return parsed.kind === 'result' ? parsed.dossierCode : ref.trim();
}

/** The period's totals, the last line of the province's report; the share is over all components. */
export function statsTotals(
  rows: DigitizationStatsRow[],
): Omit<DigitizationStatsRow, 'day' | 'officer' | 'procedureCode' | 'procedureName'> {
  const sum = (pick: (row: DigitizationStatsRow) => number) => rows.reduce((total, row) => total + pick(row), 0);
  const components = sum((r) => r.components);
  const digitizedComponents = sum((r) => r.digitizedComponents);
  return {
    dossiers: sum((r) => r.dossiers),
    components,
    digitizedComponents,
    signedComponents: sum((r) => r.signedComponents),
    reusedComponents: sum((r) => r.reusedComponents),
    reusedFromResultComponents: sum((r) => r.reusedFromResultComponents),
    pages: sum((r) => r.pages),
    digitizedShare: components === 0 ? 0 : digitizedComponents / components,
  };
}
