import { z } from 'zod';

/**
 * Anchoring the audit chain's head at the gateway (issue 17 finding 6). The key kept beside the database stops someone
 * holding only the database file; someone holding the key too could still rewrite and rehash the whole log. So at
 * every sync the counter sends its head, and the gateway keeps every head it accepted, append-only. Before a new head
 * is accepted the counter proves its chain still holds the last accepted one: it sends the hash its log now has at
 * that seq. A log rewritten before that seq — or cut short of it — no longer has that hash there, and the province
 * sees it on the next sync.
 */
const HASH = z.string().regex(/^[0-9a-f]{64}$/);

export const auditHeadSchema = z.object({ seq: z.number().int().min(1), hash: HASH });
export type AuditHead = z.infer<typeof auditHeadSchema>;

export const anchorRequestSchema = z.object({
  head: auditHeadSchema,
  /** The hash this log holds at the seq of the gateway's last anchor; null hash when it holds no entry there. */
  proof: z.object({ seq: z.number().int().min(1), hash: HASH.nullable() }).nullable(),
});
export type AnchorRequest = z.infer<typeof anchorRequestSchema>;

export const storedAnchorSchema = z.object({ seq: z.number().int().min(1), hash: HASH, at: z.string() });
export type StoredAnchor = z.infer<typeof storedAnchorSchema>;

export const anchorVerdicts = ['anchored', 'proofNeeded', 'rewritten'] as const;
export type AnchorVerdict = (typeof anchorVerdicts)[number];

/** `anchor`: the last head the gateway accepted after this call, null when it holds none. */
export const anchorResponseSchema = z.object({ verdict: z.enum(anchorVerdicts), anchor: storedAnchorSchema.nullable() });
export type AnchorResponse = z.infer<typeof anchorResponseSchema>;

/**
 * What the gateway makes of a counter's head, given the last head it accepted from that device: a first head is
 * accepted as it is; later ones only with a proof at the last anchor's seq, which must carry the same hash.
 */
export function judgeAnchor(last: Pick<StoredAnchor, 'seq' | 'hash'> | null, request: AnchorRequest): AnchorVerdict {
  if (!last) return 'anchored';
  if (!request.proof || request.proof.seq !== last.seq) return 'proofNeeded';
  if (request.proof.hash !== last.hash || request.head.seq < last.seq) return 'rewritten';
  return 'anchored';
}
