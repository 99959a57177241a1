import { and, asc, eq } from 'drizzle-orm';
import { agenciesActedFor, grantProblem, type AuthorityGrant, type GrantProblem } from '../../shared/access/authority';
import { toVietnamLocal } from '../../shared/domain/vietnam-time';
import type { CentralDb, CentralTx } from '../db/open';
import { agencyAuthorities } from '../db/schema';

/** The grants of agency_authorities (shared/access/authority.ts applies them). */
export async function listGrants(db: CentralDb | CentralTx): Promise<AuthorityGrant[]> {
  const rows = await db
    .select()
    .from(agencyAuthorities)
    .orderBy(asc(agencyAuthorities.actorAgencyCode), asc(agencyAuthorities.forAgencyCode));
  return rows.map((row) => ({
    actorAgency: row.actorAgencyCode,
    forAgency: row.forAgencyCode,
    kind: row.kind,
    effectiveFrom: row.effectiveFrom,
  }));
}

/**
 * The agencies whose dossiers a counter of `agencyCode` may act on now. The table is small (one row
 * per merger or hosted department), so it is read whole: successions chain through it.
 */
export async function agenciesFor(db: CentralDb | CentralTx, agencyCode: string, now: Date = new Date()): Promise<Set<string>> {
  return agenciesActedFor(agencyCode, await listGrants(db), toVietnamLocal(now).slice(0, 10));
}

/** Adds or replaces the grant of one actor for one agency; a grant the rule refuses is not stored. */
export async function putGrant(db: CentralDb, grant: AuthorityGrant): Promise<GrantProblem | null> {
  const problem = grantProblem(grant);
  if (problem) return problem;
  await db
    .insert(agencyAuthorities)
    .values({ actorAgencyCode: grant.actorAgency, forAgencyCode: grant.forAgency, kind: grant.kind, effectiveFrom: grant.effectiveFrom })
    .onConflictDoUpdate({
      target: [agencyAuthorities.actorAgencyCode, agencyAuthorities.forAgencyCode],
      set: { kind: grant.kind, effectiveFrom: grant.effectiveFrom },
    });
  return null;
}

export async function removeGrant(db: CentralDb, actorAgency: string, forAgency: string): Promise<boolean> {
  const removed = await db
    .delete(agencyAuthorities)
    .where(and(eq(agencyAuthorities.actorAgencyCode, actorAgency), eq(agencyAuthorities.forAgencyCode, forAgency)))
    .returning({ actor: agencyAuthorities.actorAgencyCode });
  return removed.length > 0;
}
