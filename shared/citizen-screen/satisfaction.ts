import { z } from 'zod';

/**
 * The citizen's satisfaction rating at the counter (docs/domain.md §11): three levels, and for "not satisfied" the criteria the citizen is unhappy with. The
 * keys are stored (dossier_ratings.reasons) and synced; their Vietnamese labels live in
 * shared/i18n/vi.ts, so wording can change without touching stored data.
 */
export const satisfactionLevels = ['satisfied', 'neutral', 'dissatisfied'] as const;
export type SatisfactionLevel = (typeof satisfactionLevels)[number];

/** The criteria of the official evaluation of a procedure's handling, as the citizen meets them at the counter. */
export const dissatisfactionReasons = [
  'publicInformation',
  'guidance',
  'requirements',
  'contactCount',
  'handlingTime',
  'staffConduct',
  'feesCharged',
  'facilities',
] as const;
export type DissatisfactionReason = (typeof dissatisfactionReasons)[number];

/** The reasons column read back (dossier_ratings.reasons, the gateway's copy). */
export const storedReasonsSchema = z.array(z.enum(dissatisfactionReasons));

/** When in the dossier's life the citizen is asked: when it is accepted, or when its result is handed over. */
export const ratingStages = ['reception', 'return'] as const;
export type RatingStage = (typeof ratingStages)[number];

/**
 * What the citizen chose. Reasons only go with "not satisfied" and at least one is needed there:
 * a bare "not satisfied" tells the office nothing to fix.
 */
export const ratingChoiceSchema = z
  .object({
    rating: z.enum(satisfactionLevels),
    reasons: z
      .array(z.enum(dissatisfactionReasons))
      .max(dissatisfactionReasons.length)
      .default([])
      .transform((reasons) => [...new Set(reasons)]),
  })
  .refine((choice) => (choice.rating === 'dissatisfied' ? choice.reasons.length > 0 : choice.reasons.length === 0), {
    path: ['reasons'],
  });
export type RatingChoice = z.output<typeof ratingChoiceSchema>;
export type RatingChoiceInput = z.input<typeof ratingChoiceSchema>;

/** The reasons column as stored: criteria keys in the catalogue's order, whatever order they were tapped in. */
export function storedReasons(choice: RatingChoice): string {
  return JSON.stringify(dissatisfactionReasons.filter((reason) => choice.reasons.includes(reason)));
}
