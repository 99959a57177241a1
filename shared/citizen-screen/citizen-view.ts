import { z } from 'zod';
import { ratingStages } from './satisfaction';

/**
 * What the citizen-facing screen shows, and nothing more: the dossier being received for the
 * citizen to check (docs/architecture.md §3.2), the rating question, a thank-you, or
 * nothing. No ids of dossiers or officers reach the screen; a rating names the question it answers
 * by a one-time token.
 */
export const citizenDraftSchema = z.object({
  procedureCode: z.string(),
  procedureName: z.string(),
  ownerName: z.string(),
  components: z.array(z.object({ name: z.string(), originals: z.number().int(), copies: z.number().int(), pages: z.number().int() })),
  fees: z.array(z.object({ name: z.string(), amount: z.number().int() })),
  /** Integer đồng. */
  totalFee: z.number().int(),
  /** Local date-time `YYYY-MM-DDTHH:mm` (docs/domain.md §8); null when the calendar cannot say yet. */
  dueLocal: z.string().nullable(),
});
export type CitizenDraft = z.infer<typeof citizenDraftSchema>;

export const citizenScreenSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('blank') }),
  z.object({ kind: z.literal('draft'), draft: citizenDraftSchema }),
  z.object({
    kind: z.literal('rating'),
    token: z.string(),
    stage: z.enum(ratingStages),
    dossierCode: z.string(),
    dueLocal: z.string().nullable(),
  }),
  z.object({ kind: z.literal('thanks') }),
]);
export type CitizenScreen = z.infer<typeof citizenScreenSchema>;
