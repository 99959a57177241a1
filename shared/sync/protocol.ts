import { z } from 'zod';
import { procedureSchema } from '../catalog/procedure';
import { dissatisfactionReasons, ratingStages, satisfactionLevels } from '../citizen-screen/satisfaction';
import { lifecycleEventSchema } from '../lifecycle/lifecycle-events';
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
  /** PATCH /v1/blobs/{sha256}: where the chunk starts in the file. */
  uploadOffset: 'upload-offset',
  /** PATCH /v1/blobs/{sha256}: hex sha256 of this chunk alone. */
  chunkSha256: 'x-chunk-sha256',
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

export const SHA256_PATTERN = /^[0-9a-f]{64}$/;

export const commandKinds = [
  'dossier.received',
  'dossier.resultReturned',
  'dossier.filesAttached',
  'account.locked',
  'account.unlocked',
  'dossier.lifecycle',
  'account.signedIn',
  'dossier.rated',
] as const;
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

/**
 * A digitized file of a dossier component. The bytes travel separately as a blob
 * (`/v1/blobs`), uploaded before the command; a command naming a blob the gateway does not have
 * complete is rejected with the retryable reason BLOB_MISSING.
 */
export const fileRefSchema = z.object({
  componentCode: z.string().min(1).max(64),
  sha256: z.string().regex(SHA256_PATTERN),
  size: z.number().int().min(0),
  mediaType: z.string().min(1).max(100),
  pageCount: z.number().int().min(0).max(10_000).default(0),
  /**
   * The file is a PDF the unit signed (PAdES, docs/devices.md §7): only such a copy is reported to
   * DVCQG as digitized. Optional so commands queued before signing existed stay valid.
   */
  signed: z.boolean().optional(),
});
export type FileRef = z.infer<typeof fileRefSchema>;

export const dossierReceivedPayloadSchema = z.object({
  dossier: dossierViewSchema,
  event: commandEventSchema,
  files: z.array(fileRefSchema).max(500).default([]),
  /**
   * The online or postal dossier of the gateway's queue this reception accepts (issue 15 §1): the gateway
   * records the decision with the dossier, in one transaction, so it is recorded exactly once and never
   * apart from the code it names.
   */
  online: z.object({ dossierId: z.string().min(1).max(64), decisionId: z.uuid() }).optional(),
});

/** Files digitized after reception (late scans, result documents). */
export const filesAttachedPayloadSchema = z.object({
  code: z.string(),
  files: z.array(fileRefSchema).min(1).max(500),
});

export const resultReturnedPayloadSchema = z.object({
  code: z.string(),
  event: commandEventSchema.extend({
    payload: z.object({ collector: z.string(), collectorIdNumber: z.string().nullable() }).passthrough(),
  }),
  /** The result documents (`KQn`), each `signed` when it carries the unit's valid signature (issue 16 §3). */
  files: z.array(fileRefSchema).max(500).default([]),
});

/**
 * A recorded lifecycle event of a received dossier (supplement request and receipt, refusal,
 * withdrawal, Form 04's new date, stop-processing notice; docs/domain.md §3.4). The gateway checks the
 * transition against the dossier it holds, stores the event and publishes it as a `dossierLifecycle`
 * change to the agency's counters.
 */
export const dossierLifecyclePayloadSchema = z.object({
  code: z.string(),
  event: lifecycleEventSchema,
});

/**
 * The citizen's satisfaction rating of a received dossier, given on the citizen-facing screen
 * (docs/domain.md §11). The counter is the device that pushes it.
 */
export const dossierRatedPayloadSchema = z.object({
  code: z.string(),
  rating: z.object({
    id: z.string().min(1).max(64),
    stage: z.enum(ratingStages),
    rating: z.enum(satisfactionLevels),
    reasons: z.array(z.enum(dissatisfactionReasons)).max(dissatisfactionReasons.length),
    ratedAt: z.iso.datetime(),
    officerId: z.string().max(64).nullable(),
  }),
});
export type DossierRatedPayload = z.infer<typeof dossierRatedPayloadSchema>;

/**
 * An officer's account was locked at a counter (failed sign-ins, inactivity, an admin). The gateway
 * publishes the lock to the other counters of the agency as a `staff` change. The envelope's
 * `dossierCode` is `staff:<username>`: it only orders the account's commands.
 */
export const accountLockedPayloadSchema = z.object({
  username: z.string().min(1).max(64),
  reason: z.enum(['failedAttempts', 'inactive', 'admin']),
  at: z.iso.datetime(),
});

/**
 * An admin at a counter lifted an account's lock. The gateway clears only a lock some counter
 * published (`lockReason` set); a lock the province imported stays until the province lifts it.
 * Same `dossierCode` as the lock, so the two keep their order.
 */
export const accountUnlockedPayloadSchema = z.object({
  username: z.string().min(1).max(64),
  at: z.iso.datetime(),
});

/**
 * An officer signed in at a counter. The gateway publishes the latest sign-in in the account's
 * `staff` change, so the one-year inactivity lock counts sign-ins anywhere in the province, not only
 * at the counter where the officer tries next (docs/architecture.md §9). Same `dossierCode` as the lock.
 */
export const accountSignedInPayloadSchema = z.object({
  username: z.string().min(1).max(64),
  at: z.iso.datetime(),
});

/** The envelope's `dossierCode` for commands about a staff account: orders them per account. */
export function staffCommandKey(username: string): string {
  return `staff:${username}`;
}

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
  'BLOB_MISSING',
  'TEXT_INVALID_CHARACTERS',
  'DOSSIER_CODE_NOT_CANONICAL',
  'COMMAND_FAILED',
  'DOSSIER_ALREADY_RETURNED',
  'LIFECYCLE_NOT_ALLOWED',
] as const;
export type RejectionReason = (typeof rejectionReasons)[number];

/**
 * Rejections nothing at the counter can cure by sending the command again (a refused character, a
 * code not in canonical form, a value the database refuses): the gateway records them with the
 * command id, so a replay gets the same answer without being applied, and the batch goes on.
 */
export const finalRejections: ReadonlySet<RejectionReason> = new Set([
  'TEXT_INVALID_CHARACTERS',
  'DOSSIER_CODE_NOT_CANONICAL',
  'COMMAND_FAILED',
  // Another counter handed the result over first (issue 14 §1): sending again cannot change that.
  'DOSSIER_ALREADY_RETURNED',
  // Another counter moved the dossier on first (returned, refused, withdrew it): sending again cannot help.
  'LIFECYCLE_NOT_ALLOWED',
]);

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
  'BLOB_UNKNOWN',
  'BLOB_SIZE_CONFLICT',
  'BLOB_TOO_LARGE',
  'OFFSET_MISMATCH',
  'CHUNK_HASH_MISMATCH',
  'BLOB_HASH_MISMATCH',
  'CURSOR_INVALID',
  'SEQUENCE_EXHAUSTED',
  'TOKEN_INVALID',
  // Issue 17 finding 4: request budgets per device and address, sequence days and per-device quotas.
  'RATE_LIMITED',
  'SEQUENCE_DAY_OUT_OF_RANGE',
  'SEQUENCE_QUOTA_EXCEEDED',
  'DOSSIER_NOT_FOUND',
  'DOSSIER_ACCESS_DENIED',
  // Issue 17 finding 4: back-office token scopes, and each agency's share of the gateway's storage.
  'TOKEN_SCOPE_DENIED',
  'AGENCY_STORAGE_QUOTA_EXCEEDED',
  // Issue 15 §1: the online dossiers' queue.
  'ONLINE_DOSSIER_NOT_FOUND',
  'ONLINE_DOSSIER_HELD',
  'ONLINE_DOSSIER_NOT_CLAIMED',
  'ONLINE_DOSSIER_DECIDED',
  // Issue 15 §1: a decision naming a Form 02/03 blob not uploaded, or not this agency's.
  'ONLINE_FORM_UNKNOWN',
  'INTERNAL',
] as const;
export type GatewayErrorCode = (typeof gatewayErrorCodes)[number];

/** Loose: an error may carry details beside its code, such as `serverTime` with CLOCK_SKEW. */
export const gatewayErrorSchema = z.object({
  error: z.looseObject({ code: z.string(), message: z.string() }),
});

/* ── Blobs: resumable, content-addressed uploads (tus-style) ─────────────────────────────── */

/** One PATCH carries at most this much; the gateway refuses larger chunks with BODY_TOO_LARGE. */
export const MAX_CHUNK_BYTES = 4 * 1024 * 1024;
/** A scanned component of a few hundred pages stays well below this. */
export const MAX_BLOB_BYTES = 1024 * 1024 * 1024;

export const blobCreateRequestSchema = z.object({
  sha256: z.string().regex(SHA256_PATTERN),
  size: z.number().int().min(0).max(MAX_BLOB_BYTES),
});
export type BlobCreateRequest = z.infer<typeof blobCreateRequestSchema>;

/** `complete: true` means the gateway has every byte and verified the hash: nothing to send. */
export const blobStateSchema = z.object({
  sha256: z.string(),
  size: z.number().int(),
  offset: z.number().int(),
  complete: z.boolean(),
});
export type BlobState = z.infer<typeof blobStateSchema>;

export const blobPatchResponseSchema = z.object({ offset: z.number().int(), complete: z.boolean() });
export type BlobPatchResponse = z.infer<typeof blobPatchResponseSchema>;

/** POST /v1/blobs/missing asks about at most this many blobs at once. */
export const MAX_BLOB_QUERY = 500;

export const blobsMissingRequestSchema = z.object({ sha256s: z.array(z.string().regex(SHA256_PATTERN)).min(1).max(MAX_BLOB_QUERY) });
/** The asked blobs the gateway does not hold complete, in the order asked. */
export const blobsMissingResponseSchema = z.object({ missing: z.array(z.string().regex(SHA256_PATTERN)) });

/**
 * POST /v1/blobs/bundle carries whole small blobs, at most this many, each at most one chunk
 * (MAX_CHUNK_BYTES) and together within MAX_BODY_BYTES: a scanned page costs one share of one
 * request and one commit instead of a create and an append of its own (shared/sync/blob-bundle.ts).
 */
export const MAX_BUNDLE_BLOBS = 256;
export const BLOB_BUNDLE_TYPE = 'application/vnd.quay.blob-bundle';

export const blobBundleManifestSchema = z.object({
  blobs: z
    .array(z.object({ sha256: z.string().regex(SHA256_PATTERN), size: z.number().int().min(0).max(MAX_CHUNK_BYTES) }))
    .min(1)
    .max(MAX_BUNDLE_BLOBS),
});
export type BlobBundleManifest = z.infer<typeof blobBundleManifestSchema>;
export const blobBundleResponseSchema = z.object({ blobs: z.array(blobStateSchema) });

/* ── Pull: what the province owns, as a cursor-ordered change feed ──────────────────────── */

export const MAX_PULL_LIMIT = 500;
export const DEFAULT_PULL_LIMIT = 100;

export const pullQuerySchema = z.object({
  /** Opaque; absent or empty means from the beginning. */
  cursor: z.string().max(64).default(''),
  limit: z.coerce.number().int().min(1).max(MAX_PULL_LIMIT).default(DEFAULT_PULL_LIMIT),
});

export const agencyDataSchema = z.object({
  code: z.string().min(1).max(64),
  name: z.string().min(1).max(500),
  parentCode: z.string().max(64).nullable().default(null),
});
export type AgencyData = z.infer<typeof agencyDataSchema>;

export const calendarDayDataSchema = z.object({
  date: z.iso.date(),
  kind: z.enum(['dayOff', 'workingDay']),
  name: z.string().max(200),
});
export type CalendarDayData = z.infer<typeof calendarDayDataSchema>;

export const staffRoles = ['officer', 'supervisor', 'admin'] as const;

/** A staff account as the province keeps it; the counter signs officers in offline with the hash. */
export const staffDataSchema = z.object({
  username: z.string().min(1).max(64),
  fullName: z.string().min(1).max(200),
  role: z.enum(staffRoles),
  passwordHash: z.string().min(1).max(500),
  locked: z.boolean(),
  /** Set when a counter's lock was published (failed sign-ins, an admin), so every counter gives the same reason. */
  lockReason: z.enum(['failedAttempts', 'inactive', 'admin']).optional(),
  agencyCode: z.string().min(1).max(64),
  mustChangePassword: z.boolean().default(false),
  /** When the province created the account (the import file's, or the gateway's first import of it). */
  createdAt: z.iso.datetime().optional(),
  /** The latest sign-in at any counter of the province, as counters published it. */
  lastSignInAt: z.iso.datetime().optional(),
});
export type StaffData = z.infer<typeof staffDataSchema>;

/** A status change the provincial back office posted for a dossier received at this agency. */
export const dossierStatusDataSchema = z.object({
  code: z.string(),
  status: z.number().int().min(1).max(10),
  note: z.string(),
  at: z.iso.datetime(),
  eventId: z.string(),
});
export type DossierStatusData = z.infer<typeof dossierStatusDataSchema>;

/** A lifecycle event recorded at a counter of the agency, with the dossier's status and due date after it. */
export const dossierLifecycleDataSchema = z.object({
  code: z.string(),
  event: lifecycleEventSchema,
  status: z.number().int().min(1).max(10),
  dueLocal: z.string().nullable(),
});
export type DossierLifecycleData = z.infer<typeof dossierLifecycleDataSchema>;

export const changeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('procedure'), key: z.string(), data: procedureSchema }),
  z.object({ kind: z.literal('agency'), key: z.string(), data: agencyDataSchema }),
  z.object({ kind: z.literal('calendarDay'), key: z.string(), data: calendarDayDataSchema }),
  z.object({ kind: z.literal('staff'), key: z.string(), data: staffDataSchema }),
  z.object({ kind: z.literal('dossierStatus'), key: z.string(), data: dossierStatusDataSchema }),
  z.object({ kind: z.literal('dossierLifecycle'), key: z.string(), data: dossierLifecycleDataSchema }),
]);
export type Change = z.infer<typeof changeSchema>;
export type ChangeKind = Change['kind'];

/** `more: true` means call again with `cursor` straight away; otherwise keep the cursor for later. */
export const pullResponseSchema = z.object({
  changes: z.array(changeSchema),
  cursor: z.string(),
  more: z.boolean(),
});
export type PullResponse = z.infer<typeof pullResponseSchema>;

/* ── Sequence blocks: daily dossier numbers leased ahead, disjoint per agency and day ───── */

export const MAX_SEQUENCE_BLOCK = 1000;

export const sequenceBlockRequestSchema = z.object({
  day: z.iso.date(),
  count: z.number().int().min(1).max(MAX_SEQUENCE_BLOCK),
});

export const sequenceBlockSchema = z.object({
  agencyCode: z.string(),
  day: z.string(),
  first: z.number().int(),
  last: z.number().int(),
});
export type SequenceBlock = z.infer<typeof sequenceBlockSchema>;

/* ── Back office: provincial systems post dossier status changes ─────────────────────────── */

/** Answered with the `dossierStatus` change the counters will pull (dossierStatusDataSchema). */
export const backofficeStatusRequestSchema = z.object({
  status: z.number().int().min(1).max(10),
  note: z.string().max(2000).default(''),
  at: z.iso.datetime().optional(),
});
