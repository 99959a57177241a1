import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';
import { storedReasonsSchema, type DissatisfactionReason, type SatisfactionLevel } from '../../shared/citizen-screen/satisfaction';
import { parseStoredJson } from '../../shared/storage/stored-json';
import type { Db } from '../open';
import { dossierRatings, dossiers } from '../schema';

export type DossierRatingRow = typeof dossierRatings.$inferSelect;

/** A rating as the app uses it: the reasons column read back as criteria keys. */
export type DossierRating = Omit<DossierRatingRow, 'reasons'> & { reasons: DissatisfactionReason[] };

function toRating(row: DossierRatingRow): DossierRating {
  return { ...row, reasons: parseStoredJson(storedReasonsSchema, row.reasons, 'dossier_ratings.reasons', row.id) };
}

/** The citizens' satisfaction ratings of dossiers (db/schema/ratings.ts). */
export class DossierRatingRepository {
  constructor(private readonly db: Db) {}

  /** False when the dossier already has a rating for this stage: the first one stands. */
  insert(row: DossierRatingRow): boolean {
    const inserted = this.db.insert(dossierRatings).values(row).onConflictDoNothing().returning({ id: dossierRatings.id }).all();
    return inserted.length > 0;
  }

  forDossier(dossierId: string): DossierRating[] {
    return this.db
      .select()
      .from(dossierRatings)
      .where(eq(dossierRatings.dossierId, dossierId))
      .orderBy(asc(dossierRatings.ratedAt))
      .all()
      .map(toRating);
  }

  /** Ratings given from `fromIso` (inclusive) to `toIso` (exclusive), UTC instants, with their dossier's code. */
  between(fromIso: string, toIso: string): Array<DossierRating & { dossierCode: string }> {
    return this.db
      .select({ rating: dossierRatings, dossierCode: dossiers.code })
      .from(dossierRatings)
      .innerJoin(dossiers, eq(dossiers.id, dossierRatings.dossierId))
      .where(and(gte(dossierRatings.ratedAt, fromIso), lt(dossierRatings.ratedAt, toIso)))
      .orderBy(asc(dossierRatings.ratedAt))
      .all()
      .map(({ rating, dossierCode }) => ({ ...toRating(rating), dossierCode }));
  }

  /** How many ratings of each level were given in the period, zero for a level nobody chose. */
  countsBetween(fromIso: string, toIso: string): Record<SatisfactionLevel, number> {
    const rows = this.db
      .select({ rating: dossierRatings.rating, n: sql<number>`count(*)` })
      .from(dossierRatings)
      .where(and(gte(dossierRatings.ratedAt, fromIso), lt(dossierRatings.ratedAt, toIso)))
      .groupBy(dossierRatings.rating)
      .all();
    const counts: Record<SatisfactionLevel, number> = { satisfied: 0, neutral: 0, dissatisfied: 0 };
    for (const row of rows) counts[row.rating] = row.n;
    return counts;
  }
}
