import { describe, expect, it } from 'vitest';
import type { DigitizationStatsRow } from '../../../../shared/digitize/page-view';
import { componentReuseRef, parseReuseRef, resultReuseRef, resultSourceLabel, statsTotals } from '../../../../shared/digitize/reuse';

const CODE = '000.00.06.H56-251103-0012';

describe('reuse references', () => {
  it('round-trips a component and a result reference', () => {
    expect(parseReuseRef(componentReuseRef(CODE, 'TP02'), false)).toEqual({ kind: 'component', dossierCode: CODE, componentCode: 'TP02' });
    expect(resultReuseRef(CODE, 2)).toBe(`${CODE}/KQ2`);
    expect(parseReuseRef(` ${resultReuseRef(CODE, 2)} `, true)).toEqual({ kind: 'result', dossierCode: CODE, number: 2 });
  });

  it('keeps anything not rooted in a dossier code as typed text', () => {
    expect(parseReuseRef('KHO-001', false)).toEqual({ kind: 'text', text: 'KHO-001' });
    expect(parseReuseRef('số 12/2025/QĐ-UBND', false)).toEqual({ kind: 'text', text: 'số 12/2025/QĐ-UBND' });
    expect(parseReuseRef(`${CODE}/`, false)).toEqual({ kind: 'text', text: `${CODE}/` });
    expect(parseReuseRef(`12/KQ1`, true)).toEqual({ kind: 'text', text: '12/KQ1' });
    expect(parseReuseRef(`${CODE}/KQ0`, true)).toEqual({ kind: 'text', text: `${CODE}/KQ0` });
  });

  it('reads a result reference only where the slot says it reuses a result', () => {
    expect(parseReuseRef(`${CODE}/KQ1`, false)).toEqual({ kind: 'component', dossierCode: CODE, componentCode: 'KQ1' });
    expect(parseReuseRef(`${CODE}/TP01`, true)).toEqual({ kind: 'text', text: `${CODE}/TP01` });
  });
});

describe('the label of a reused result', () => {
  it('names the earlier dossier, or shows typed text as it is', () => {
    expect(resultSourceLabel(resultReuseRef(CODE, 1))).toBe(CODE);
    expect(resultSourceLabel('KQ-2025-0042')).toBe('KQ-2025-0042');
  });
});

describe('statistics totals', () => {
  const row = (components: number, digitized: number, reused: number, fromResult: number, pages: number): DigitizationStatsRow => ({
    day: '2026-11-20',
    officer: 'Lê Văn Cán Bộ',
    procedureCode: '1.001',
    procedureName: 'Đăng ký khai sinh',
    dossiers: 1,
    components,
    digitizedComponents: digitized,
    signedComponents: digitized,
    reusedComponents: reused,
    reusedFromResultComponents: fromResult,
    pages,
    digitizedShare: components === 0 ? 0 : digitized / components,
  });

  it('sums the counts and takes the share over all components, not the mean of the rows’ shares', () => {
    expect(statsTotals([row(5, 5, 1, 1, 9), row(1, 0, 0, 0, 0)])).toEqual({
      dossiers: 2,
      components: 6,
      digitizedComponents: 5,
      signedComponents: 5,
      reusedComponents: 1,
      reusedFromResultComponents: 1,
      pages: 9,
      digitizedShare: 5 / 6,
    });
  });

  it('gives a zero share, not NaN, for an empty period', () => {
    expect(statsTotals([]).digitizedShare).toBe(0);
  });
});
