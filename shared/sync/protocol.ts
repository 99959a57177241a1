import { z } from 'zod';
import { dossierViewSchema } from '../reception/dossier-view';

/**
 * The counter ↔ provincial gateway protocol, v1 (central/openapi.yaml). Pure data and schemas:
 * both sides compute hashes and signatures with their own crypto.
 */

export const HEADER = {
  deviceId: 'x-device-id',
  timestamp: 'x-timestamp',
  nonce: 'x-nonce',
  signature: 'x-signature',
} as const;

/** How far a request's timestamp may be from the gateway's clock, either way. */
export const SIGNATURE_WINDOW_MS = 5 * 60_000;

export const MAX_COMMANDS_PER_BATCH = 100;

/** 4 MiB: 100 dossier snapshots of a few kilobytes each fit with room to spare. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;

/**
 * What the device signs with HMAC-SHA256: method, path (with any query), timestamp (Unix
 * milliseconds), nonce and the hex sha256 of the body, one per line so no field can bleed into the next.
 */
export function canonicalRequest(parts: { method: string; path: string; timestamp: string; nonce: string; bodySha256: string }): string {
  return [parts.method.toUpperCase(), parts.path, parts.timestamp, parts.nonce, parts.bodySha256].join('\n');
}

export const NONCE_PATTERN = /^[A-Za-z0-9_-]{16,64}$/;

const UUID_V7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export const commandKinds = ['dossier.received', 'dossier.resultReturned'] as const;
export type CommandKind = (typeof commandKinds)[number];

export const commandEnvelopeSchema = z.object({
  id: z.string().regex(UUID_V7),
  kind: z.enum(commandKinds),
  dossierCode: z.string().min(1).max(64),
  payload: z.unknown(),
});
export type CommandEnvelope = z.infer<typeof commandEnvelopeSchema>;

export const pushRequestSchema = z.object({
  commands: z.array(commandEnvelopeSchema).min(1).max(MAX_COMMANDS_PER_BATCH),
});
export type PushRequest = z.infer<typeof pushRequestSchema>;

/** A history event as the counter's outbox carries it (db dossier_events, payload parsed). */
export const commandEventSchema = z.object({
  id: z.string().min(1).max(64),
  type: z.string().min(1).max(64),
  status: z.number().int().min(1).max(10),
  at: z.iso.datetime(),
  actorName: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

export const dossierReceivedPayloadSchema = z.object({ dossier: dossierViewSchema, event: commandEventSchema });

export const resultReturnedPayloadSchema = z.object({
  code: z.string(),
  event: commandEventSchema.extend({
    payload: z.object({ collector: z.string(), collectorIdNumber: z.string().nullable() }).passthrough(),
  }),
});

/** Why the gateway refused a command; the counter keeps it queued and shows the reason. */
export const rejectionReasons = [
  'PAYLOAD_INVALID',
  'DOSSIER_CODE_MISMATCH',
  'AGENCY_MISMATCH',
  'DOSSIER_EXISTS',
  'DOSSIER_UNKNOWN',
  'EVENT_EXISTS',
  'EARLIER_COMMAND_REJECTED',
  'COMMAND_ID_TAKEN',
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

export const commandResultSchema = z.object({
  id: z.string(),
  status: z.enum(['applied', 'duplicate', 'rejected']),
  reason: z.enum(rejectionReasons).optional(),
  /** What applying the command produced; a duplicate carries the original's. */
  result: z.record(z.string(), z.unknown()).optional(),
});
export type CommandResult = z.infer<typeof commandResultSchema>;

export const pushResponseSchema = z.object({ results: z.array(commandResultSchema) });

export const enrollRequestSchema = z.object({
  code: z.string().min(1).max(64),
  counterName: z.string().trim().min(1).max(200),
});

export const enrollResponseSchema = z.object({
  deviceId: z.string(),
  secret: z.string(),
  agencyCode: z.string(),
});
export type EnrollResponse = z.infer<typeof enrollResponseSchema>;

/** Error codes the gateway answers with, `{ error: { code, message } }`. */
export const gatewayErrorCodes = [
  'BAD_PATH',
  'NOT_FOUND',
  'METHOD_NOT_ALLOWED',
  'BAD_JSON',
  'BAD_REQUEST',
  'BODY_TOO_LARGE',
  'UNSUPPORTED_MEDIA_TYPE',
  'AUTH_MISSING',
  'SIGNATURE_INVALID',
  'CLOCK_SKEW',
  'NONCE_REPLAYED',
  'DEVICE_UNKNOWN',
  'DEVICE_REVOKED',
  'ENROLL_CODE_INVALID',
  'ENROLL_CODE_USED',
  'ENROLL_CODE_EXPIRED',
  'INTERNAL',
] as const;
export type GatewayErrorCode = (typeof gatewayErrorCodes)[number];

/** Loose: an error may carry details beside its code, such as `serverTime` with CLOCK_SKEW. */
export const gatewayErrorSchema = z.object({
  error: z.looseObject({ code: z.string(), message: z.string() }),
});
