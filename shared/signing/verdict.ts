import { z } from 'zod';

/** The signer's chain against the province's CRLs at the signing time, its worst certificate's (docs/devices.md §7.4). */
export const revocationStatuses = ['good', 'revoked', 'revokedAfterSigning', 'unchecked'] as const;

/**
 * What the badge on a PDF that arrived shows: the signers, and per signature the reasons it is not
 * valid and the notes that do not make it invalid (revoked after signing, revocation not checked), in
 * Vietnamese. Kept with the file in the counter's database, so it is made once, not at every render.
 */
export const signatureVerdictSchema = z.object({
  signed: z.boolean(),
  valid: z.boolean(),
  signatures: z.array(
    z.object({
      signerName: z.string(),
      signingTime: z.string().nullable(),
      timestamped: z.boolean(),
      valid: z.boolean(),
      reasons: z.array(z.string()),
      notes: z.array(z.string()).default([]),
      revocation: z.enum(revocationStatuses).default('unchecked'),
    }),
  ),
});
export type SignatureVerdict = z.infer<typeof signatureVerdictSchema>;

/** A PDF with no signature, or not a PDF at all. */
export const UNSIGNED_VERDICT: SignatureVerdict = { signed: false, valid: false, signatures: [] };
