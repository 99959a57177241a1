import { z } from 'zod';

/**
 * The recorded lifecycle events of a received dossier (issue 14 §2, docs/domain.md §3.4): each is one
 * history event, pushed as one `dossier.lifecycle` command and mapped to DVCQG progress entries.
 * The payloads carry everything the other counters, the forms and the DVCQG export need, so none of
 * them has to recompute a due date.
 */
export const lifecycleEventTypes = [
  'supplementRequested',
  'supplementReceived',
  'refused',
  'withdrawn',
  'apologyIssued',
  'processingStopped',
] as const;
export type LifecycleEventType = (typeof lifecycleEventTypes)[number];

const LOCAL_MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/;
const localMoment = z.string().regex(LOCAL_MOMENT);
const text = (max: number) => z.string().max(max);

export const supplementItemSchema = z.object({ name: text(1000).min(1), reason: text(2000) });

export const lifecyclePayloadSchemas = {
  /** Form 02 after reception: round n of the dossier, the clock paused with `remainingMinutes` left. */
  supplementRequested: z.object({
    round: z.number().int().min(1),
    items: z.array(supplementItemSchema).min(1).max(100),
    contactPhone: text(40),
    dueBefore: localMoment.nullable(),
    /** Working minutes left of the time limit when the clock stopped; null for a procedure without a due date. */
    remainingMinutes: z.number().int().min(0).nullable(),
  }),
  /** The papers of round n arrived: the clock runs again and the due date is recomputed. */
  supplementReceived: z.object({
    round: z.number().int().min(1),
    note: text(1000),
    dueBefore: localMoment.nullable(),
    dueAfter: localMoment.nullable(),
  }),
  /** Form 03 for a dossier already received. */
  refused: z.object({ reasons: z.array(text(2000).min(1)).min(1).max(50) }),
  withdrawn: z.object({ reason: text(2000).min(1) }),
  /** Form 04: the apology and the new appointment date, which replaces the due date. */
  apologyIssued: z.object({ reason: text(2000).min(1), dueBefore: localMoment.nullable(), newDueLocal: localMoment }),
  /** The stop-processing notice. */
  processingStopped: z.object({ reasons: z.array(text(2000).min(1)).min(1).max(50) }),
} as const satisfies Record<LifecycleEventType, z.ZodType>;

export type LifecyclePayloads = { [K in LifecycleEventType]: z.infer<(typeof lifecyclePayloadSchemas)[K]> };

const base = {
  id: z.string().min(1).max(64),
  status: z.number().int().min(1).max(10),
  at: z.iso.datetime(),
  actorName: z.string().max(300),
};

/** A lifecycle event as the outbox carries it and the gateway stores it (the history row, payload parsed). */
export const lifecycleEventSchema = z.discriminatedUnion('type', [
  z.object({ ...base, type: z.literal('supplementRequested'), payload: lifecyclePayloadSchemas.supplementRequested }),
  z.object({ ...base, type: z.literal('supplementReceived'), payload: lifecyclePayloadSchemas.supplementReceived }),
  z.object({ ...base, type: z.literal('refused'), payload: lifecyclePayloadSchemas.refused }),
  z.object({ ...base, type: z.literal('withdrawn'), payload: lifecyclePayloadSchemas.withdrawn }),
  z.object({ ...base, type: z.literal('apologyIssued'), payload: lifecyclePayloadSchemas.apologyIssued }),
  z.object({ ...base, type: z.literal('processingStopped'), payload: lifecyclePayloadSchemas.processingStopped }),
]);
export type LifecycleEvent = z.infer<typeof lifecycleEventSchema>;

export function isLifecycleEventType(type: string): type is LifecycleEventType {
  return (lifecycleEventTypes as readonly string[]).includes(type);
}

/** The history events a counter and the gateway hold, whatever their kind. */
export interface HistoryEvent {
  id: string;
  type: string;
  status: number;
  at: string;
  actorName: string;
  payload: Record<string, unknown>;
}

/** The event as a lifecycle event, or null when it is another kind or its payload is not one. */
export function asLifecycleEvent(event: HistoryEvent): LifecycleEvent | null {
  if (!isLifecycleEventType(event.type)) return null;
  const parsed = lifecycleEventSchema.safeParse(event);
  return parsed.success ? parsed.data : null;
}
