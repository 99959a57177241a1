/**
 * Which agencies a counter may act for (docs/architecture.md §8, "Who may act on a dossier"). The
 * gateway holds the grants as data; this module is the rule applied to them, the same everywhere.
 *
 * - A counter always acts for its own agency.
 * - `onBehalf`: the actor receives and hands over dossiers of another agency (a province service
 *   centre for the departments whose desks it hosts). Not passed on: the department's own grants
 *   do not become the centre's.
 * - `successor`: the actor took over another agency (communes merged in 2025) from `effectiveFrom`
 *   on, and with it whatever that agency could act for, so a commune merged twice finishes the
 *   dossiers of both predecessors.
 */
export const authorityKinds = ['onBehalf', 'successor'] as const;
export type AuthorityKind = (typeof authorityKinds)[number];

export interface AuthorityGrant {
  /** The agency whose counters gain the right. */
  actorAgency: string;
  /** The agency whose dossiers they may then act on. */
  forAgency: string;
  kind: AuthorityKind;
  /** Local date `YYYY-MM-DD` (Vietnam) from which the grant holds; null: always. */
  effectiveFrom: string | null;
}

/** `LLL.LL.LL.Xnn` (docs/domain.md §4). */
const AGENCY_CODE = /^\d{3}\.\d{2}\.\d{2}\.[A-Z]\d{2}$/;
const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

export type GrantProblem = 'AGENCY_CODE_INVALID' | 'SAME_AGENCY' | 'DATE_INVALID' | 'SUCCESSOR_NEEDS_DATE';

/** Why a grant cannot be stored, or null when it can. */
export function grantProblem(grant: AuthorityGrant): GrantProblem | null {
  if (!AGENCY_CODE.test(grant.actorAgency) || !AGENCY_CODE.test(grant.forAgency)) return 'AGENCY_CODE_INVALID';
  if (grant.actorAgency === grant.forAgency) return 'SAME_AGENCY';
  if (grant.effectiveFrom !== null && !isRealLocalDate(grant.effectiveFrom)) return 'DATE_INVALID';
  // A merger always has a day it takes effect; an open-ended successor would reach back forever.
  if (grant.kind === 'successor' && grant.effectiveFrom === null) return 'SUCCESSOR_NEEDS_DATE';
  return null;
}

function isRealLocalDate(value: string): boolean {
  if (!LOCAL_DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

function inForce(grant: AuthorityGrant, today: string): boolean {
  return grant.effectiveFrom === null || grant.effectiveFrom <= today;
}

/**
 * Every agency `own` may act for on the local date `today`: itself, the agencies it succeeded (and
 * theirs, transitively), and the agencies any of those act for on behalf of.
 */
export function agenciesActedFor(own: string, grants: readonly AuthorityGrant[], today: string): Set<string> {
  const current = grants.filter((grant) => inForce(grant, today));
  const identities = new Set([own]);
  const queue = [own];
  while (queue.length > 0) {
    const agency = queue.shift()!;
    for (const grant of current) {
      if (grant.kind === 'successor' && grant.actorAgency === agency && !identities.has(grant.forAgency)) {
        identities.add(grant.forAgency);
        queue.push(grant.forAgency);
      }
    }
  }
  const agencies = new Set(identities);
  for (const grant of current) {
    if (grant.kind === 'onBehalf' && identities.has(grant.actorAgency)) agencies.add(grant.forAgency);
  }
  return agencies;
}

export function mayActFor(own: string, target: string, grants: readonly AuthorityGrant[], today: string): boolean {
  return own === target || agenciesActedFor(own, grants, today).has(target);
}
