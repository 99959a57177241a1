import { describe, expect, it } from 'vitest';
import { agenciesActedFor, grantProblem, mayActFor, type AuthorityGrant } from '../../../../shared/access/authority';

const CENTRE = '000.00.01.H56';
const DEPARTMENT = '000.00.21.H56';
const OLD_COMMUNE_A = '001.02.06.H56';
const OLD_COMMUNE_B = '002.02.06.H56';
const MERGED = '003.02.06.H56';
const MERGED_AGAIN = '004.02.06.H56';
const STRANGER = '000.00.07.H56';

const grants: AuthorityGrant[] = [
  { actorAgency: CENTRE, forAgency: DEPARTMENT, kind: 'onBehalf', effectiveFrom: null },
  { actorAgency: MERGED, forAgency: OLD_COMMUNE_A, kind: 'successor', effectiveFrom: '2025-07-01' },
  { actorAgency: MERGED, forAgency: OLD_COMMUNE_B, kind: 'successor', effectiveFrom: '2025-07-01' },
  { actorAgency: MERGED_AGAIN, forAgency: MERGED, kind: 'successor', effectiveFrom: '2026-03-01' },
  { actorAgency: OLD_COMMUNE_A, forAgency: DEPARTMENT, kind: 'onBehalf', effectiveFrom: null },
];

describe('which agencies a counter may act for', () => {
  it('always acts for its own agency, even with no grant at all', () => {
    expect(mayActFor(STRANGER, STRANGER, [], '2026-01-01')).toBe(true);
    expect([...agenciesActedFor(STRANGER, grants, '2026-01-01')]).toEqual([STRANGER]);
  });

  it('lets a service centre act for the department it receives for, but not the other way round', () => {
    expect(mayActFor(CENTRE, DEPARTMENT, grants, '2026-01-01')).toBe(true);
    expect(mayActFor(DEPARTMENT, CENTRE, grants, '2026-01-01')).toBe(false);
  });

  it('lets a merged commune act for its predecessors from the effective date on, not the day before', () => {
    expect(mayActFor(MERGED, OLD_COMMUNE_A, grants, '2025-06-30')).toBe(false);
    expect(mayActFor(MERGED, OLD_COMMUNE_A, grants, '2025-07-01')).toBe(true);
    expect(mayActFor(MERGED, OLD_COMMUNE_B, grants, '2025-07-02')).toBe(true);
    // A predecessor does not act for its successor, nor for its sibling.
    expect(mayActFor(OLD_COMMUNE_A, MERGED, grants, '2026-01-01')).toBe(false);
    expect(mayActFor(OLD_COMMUNE_A, OLD_COMMUNE_B, grants, '2026-01-01')).toBe(false);
  });

  it('passes a succession on through a second merger, with what the predecessors acted for on behalf of', () => {
    expect(mayActFor(MERGED_AGAIN, OLD_COMMUNE_A, grants, '2026-02-28')).toBe(false);
    const acted = agenciesActedFor(MERGED_AGAIN, grants, '2026-03-01');
    expect([...acted].sort()).toEqual([OLD_COMMUNE_A, OLD_COMMUNE_B, DEPARTMENT, MERGED, MERGED_AGAIN].sort());
  });

  it('does not pass on-behalf grants along: a centre does not gain what its department acts for', () => {
    const chained: AuthorityGrant[] = [...grants, { actorAgency: DEPARTMENT, forAgency: STRANGER, kind: 'onBehalf', effectiveFrom: null }];
    expect(mayActFor(CENTRE, STRANGER, chained, '2026-01-01')).toBe(false);
  });

  it('terminates on a circle of successors', () => {
    const circle: AuthorityGrant[] = [
      { actorAgency: OLD_COMMUNE_A, forAgency: OLD_COMMUNE_B, kind: 'successor', effectiveFrom: '2025-01-01' },
      { actorAgency: OLD_COMMUNE_B, forAgency: OLD_COMMUNE_A, kind: 'successor', effectiveFrom: '2025-01-01' },
    ];
    expect([...agenciesActedFor(OLD_COMMUNE_A, circle, '2026-01-01')].sort()).toEqual([OLD_COMMUNE_A, OLD_COMMUNE_B]);
  });
});

describe('a grant the gateway refuses to store', () => {
  const good: AuthorityGrant = { actorAgency: MERGED, forAgency: OLD_COMMUNE_A, kind: 'successor', effectiveFrom: '2025-07-01' };
  it('names the problem', () => {
    expect(grantProblem(good)).toBeNull();
    expect(grantProblem({ ...good, forAgency: '000.00.06.h56' })).toBe('AGENCY_CODE_INVALID');
    expect(grantProblem({ ...good, forAgency: MERGED })).toBe('SAME_AGENCY');
    expect(grantProblem({ ...good, effectiveFrom: '2025-02-30' })).toBe('DATE_INVALID');
    expect(grantProblem({ ...good, effectiveFrom: null })).toBe('SUCCESSOR_NEEDS_DATE');
    expect(grantProblem({ ...good, kind: 'onBehalf', effectiveFrom: null })).toBeNull();
  });
});
