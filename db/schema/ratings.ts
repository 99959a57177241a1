import { index, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';
import { dossiers } from './dossiers';

/**
 * The citizen's satisfaction rating of a dossier, given on the citizen-facing screen after the
 * officer accepts or returns it (docs/domain.md §11). One rating per dossier and stage; reports
 * count them.
 */
export const dossierRatings = sqliteTable(
  'dossier_ratings',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    /** When in the dossier's life the citizen rated: at reception (accept) or at hand-over of the result. */
    stage: text('stage', { enum: ['reception', 'return'] }).notNull(),
    rating: text('rating', { enum: ['satisfied', 'neutral', 'dissatisfied'] }).notNull(),
    /** JSON array of reason keys (shared/ratings/satisfaction.ts); empty unless dissatisfied. */
    reasons: text('reasons').notNull(),
    /** UTC ISO instant. */
    ratedAt: text('rated_at').notNull(),
    /** The enrolled device id of the counter the rating was given at; null before enrolment. */
    counterId: text('counter_id'),
    /** The officer whose service was rated: the one who accepted or returned the dossier. */
    officerId: text('officer_id').references(() => accounts.id),
  },
  (t) => [uniqueIndex('dossier_ratings_dossier_stage_idx').on(t.dossierId, t.stage), index('dossier_ratings_rated_idx').on(t.ratedAt)],
);
