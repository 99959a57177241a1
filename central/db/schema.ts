import { sql } from 'drizzle-orm';
import { bigint, bigserial, boolean, index, integer, jsonb, pgTable, primaryKey, text, timestamp, unique } from 'drizzle-orm/pg-core';

/** Counters enrolled with the gateway. Each signs its requests with a key derived from the gateway's master key. */
export const devices = pgTable('devices', {
  id: text('id').primaryKey(),
  agencyCode: text('agency_code').notNull(),
  counterName: text('counter_name').notNull(),
  /**
   * sha256 of the device secret. The secret itself is re-derived from the master key on each
   * request, so a copy of the database alone cannot sign; the hash catches a master key that
   * no longer matches the one the device was enrolled under.
   */
  credentialHash: text('credential_hash').notNull(),
  revoked: boolean('revoked').notNull().default(false),
  /**
   * Dossiers a day the province expects at this counter; each day's leases to it add up to at least
   * this many, so a new counter's first lease already lasts a busy day offline. Null: the counter's
   * own history sizes its leases.
   */
  expectedDailyDossiers: integer('expected_daily_dossiers'),
  enrolledAt: timestamp('enrolled_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/** One-time codes an administrator hands to a counter's IT person; only their hash is kept. */
export const enrolmentCodes = pgTable('enrolment_codes', {
  codeHash: text('code_hash').primaryKey(),
  agencyCode: text('agency_code').notNull(),
  counterName: text('counter_name').notNull(),
  /** Copied to the device it enrols (devices.expectedDailyDossiers). */
  expectedDailyDossiers: integer('expected_daily_dossiers'),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  usedAt: timestamp('used_at', { withTimezone: true }),
  deviceId: text('device_id').references(() => devices.id),
});

/**
 * Request nonces seen within the signature window, so a captured request cannot be replayed
 * against this or any other gateway instance.
 */
export const requestNonces = pgTable(
  'request_nonces',
  {
    deviceId: text('device_id').notNull(),
    nonce: text('nonce').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.deviceId, t.nonce] }), index('request_nonces_expiry_idx').on(t.expiresAt)],
);

/**
 * Every command id applied, written in the same transaction as the command's effect: a replayed
 * id finds its row and gets the original result instead of a second effect.
 */
export const appliedCommands = pgTable('applied_commands', {
  commandId: text('command_id').primaryKey(),
  deviceId: text('device_id')
    .notNull()
    .references(() => devices.id),
  kind: text('kind').notNull(),
  dossierCode: text('dossier_code').notNull(),
  result: jsonb('result').notNull(),
  appliedAt: timestamp('applied_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The province's current state of each dossier, as the counter's DossierView. */
export const dossiers = pgTable('dossiers', {
  code: text('code').primaryKey(),
  agencyCode: text('agency_code').notNull(),
  deviceId: text('device_id')
    .notNull()
    .references(() => devices.id),
  status: bigint('status', { mode: 'number' }).notNull(),
  view: jsonb('view').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/** The dossier's history as the counters recorded it; ids are the counters' event ids. */
export const dossierEvents = pgTable(
  'dossier_events',
  {
    id: text('id').primaryKey(),
    dossierCode: text('dossier_code')
      .notNull()
      .references(() => dossiers.code),
    type: text('type').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull(),
    payload: jsonb('payload').notNull(),
  },
  (t) => [index('dossier_events_dossier_idx').on(t.dossierCode, t.at)],
);

/** Content-addressed files; uploads are resumable, so a blob exists before it is complete. */
export const blobs = pgTable('blobs', {
  sha256: text('sha256').primaryKey(),
  size: bigint('size', { mode: 'number' }).notNull(),
  complete: boolean('complete').notNull().default(false),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  completedAt: timestamp('completed_at', { withTimezone: true }),
});

/**
 * The agencies that hold a blob: the agency of a counter that announced it before it was complete, or sent its bytes
 * (issue 17 finding 4). A counter sees only blobs its agencies hold or their dossiers name, and each holding agency's
 * storage quota counts the blob.
 */
export const blobHolders = pgTable(
  'blob_holders',
  {
    agencyCode: text('agency_code').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    since: timestamp('since', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.sha256] })],
);

/**
 * Heads of each counter's audit chain as sent at sync (issue 17 finding 6), append-only (a trigger refuses updates and
 * deletes): 'anchored' heads came from a chain that still held the anchor before, 'rewritten' rows record a chain
 * that no longer did, with what it held at that anchor's seq (`proofHash`, null when the entry was gone).
 */
export const auditAnchors = pgTable(
  'audit_anchors',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    seq: bigint('seq', { mode: 'number' }).notNull(),
    hash: text('hash').notNull(),
    verdict: text('verdict').notNull(),
    proofSeq: bigint('proof_seq', { mode: 'number' }),
    proofHash: text('proof_hash'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('audit_anchors_device_idx').on(t.deviceId, t.id)],
);

/** Which blobs make up a dossier's components; a file is referenced only once its blob is complete. */
export const dossierFiles = pgTable(
  'dossier_files',
  {
    dossierCode: text('dossier_code')
      .notNull()
      .references(() => dossiers.code),
    componentCode: text('component_code').notNull(),
    sha256: text('sha256')
      .notNull()
      .references(() => blobs.sha256),
    size: bigint('size', { mode: 'number' }).notNull(),
    mediaType: text('media_type').notNull(),
    pageCount: integer('page_count').notNull(),
    commandId: text('command_id').notNull(),
    /** A PDF the unit signed (docs/devices.md §7): only these are reported to DVCQG as digitized. */
    signed: boolean('signed').notNull().default(false),
  },
  (t) => [primaryKey({ columns: [t.dossierCode, t.componentCode, t.sha256] })],
);

/**
 * The pull feed: every change the province makes to what counters copy, in commit order. Rows are
 * written in the transaction of the change itself, under a transaction-level advisory lock, so a
 * sequence number is never visible before a smaller one: a counter's cursor can never skip a row.
 * A null agency means every counter pulls it.
 */
export const centralChanges = pgTable(
  'central_changes',
  {
    seq: bigserial('seq', { mode: 'number' }).primaryKey(),
    kind: text('kind').notNull(),
    key: text('key').notNull(),
    agencyCode: text('agency_code'),
    data: jsonb('data').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('central_changes_key_idx').on(t.kind, t.key)],
);

/** The next free daily sequence number per agency and day; bumped atomically by every lease. */
export const sequenceCounters = pgTable(
  'sequence_counters',
  {
    agencyCode: text('agency_code').notNull(),
    day: text('day').notNull(),
    nextFirst: integer('next_first').notNull(),
  },
  (t) => [primaryKey({ columns: [t.agencyCode, t.day] })],
);

/** Every block handed out, for audit; the unique key is a second guard against overlap. */
export const sequenceLeases = pgTable(
  'sequence_leases',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    agencyCode: text('agency_code').notNull(),
    day: text('day').notNull(),
    first: integer('first').notNull(),
    last: integer('last').notNull(),
    deviceId: text('device_id')
      .notNull()
      .references(() => devices.id),
    leasedAt: timestamp('leased_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [unique('sequence_leases_first_key').on(t.agencyCode, t.day, t.first)],
);

/** Provincial systems (not counters) that may post dossier status changes; only token hashes are kept. */
export const backofficeTokens = pgTable('backoffice_tokens', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  tokenHash: text('token_hash').notNull().unique(),
  /**
   * What the token may do (central/backoffice.ts BACKOFFICE_SCOPES, issue 17 finding 4). Tokens made before scopes
   * existed keep every scope they had; new ones get only those named when they are made.
   */
  scopes: text('scopes')
    .array()
    .notNull()
    .default(sql`ARRAY['dossier-status', 'dvcqg', 'files', 'online']::text[]`),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  revokedAt: timestamp('revoked_at', { withTimezone: true }),
});

/**
 * What the gateway still owes the national portal (DVCQG), one row per operation: a dossier's
 * `DongBoHoSoMC` at reception, one `CapNhatTienDoHoSoMC` per history event. Rows are written by a
 * trigger on dossier_events in the transaction that records the event (migration 0003), so every
 * path that records an event fills the outbox. `generation` grows with each replay of a dossier; a
 * row is sent only when every earlier row of its dossier is sent (docs/architecture.md §8).
 */
export const dvcqgOutbox = pgTable(
  'dvcqg_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierCode: text('dossier_code')
      .notNull()
      .references(() => dossiers.code),
    eventId: text('event_id').notNull(),
    operation: text('operation').notNull(),
    generation: integer('generation').notNull().default(0),
    /** pending, sent, skipped (nothing to send for this event kind) or dead (the portal refused it). */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** A sender's claim; another instance takes the row over once it has passed. */
    leasedUntil: timestamp('leased_until', { withTimezone: true }),
    /** Send it in a batch of its own: its batch was refused and the culprit is not known yet. */
    alone: boolean('alone').notNull().default(false),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    unique('dvcqg_outbox_once').on(t.dossierCode, t.eventId, t.operation, t.generation),
    index('dvcqg_outbox_due_idx').on(t.state, t.nextAttemptAt),
    index('dvcqg_outbox_dossier_idx').on(t.dossierCode, t.id),
  ],
);

/**
 * Notices to the applicant by SMS and e-mail, one row per history event and channel, written by the
 * same trigger; the sender decides from the event and the applicant's consent whether anything goes
 * (state skipped otherwise). `providerId` is the provider's message id, `detail` what it said.
 */
export const notificationOutbox = pgTable(
  'notification_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    dossierCode: text('dossier_code')
      .notNull()
      .references(() => dossiers.code),
    eventId: text('event_id').notNull(),
    channel: text('channel').notNull(),
    /** pending, sent, skipped or dead. */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leasedUntil: timestamp('leased_until', { withTimezone: true }),
    template: text('template'),
    providerId: text('provider_id'),
    detail: text('detail'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [unique('notification_outbox_once').on(t.eventId, t.channel), index('notification_outbox_due_idx').on(t.state, t.nextAttemptAt)],
);

/**
 * Which agencies the counters of an agency may act for besides their own (shared/access/authority.ts):
 * on behalf of (a province service centre for departments) or as successor from a date (merged
 * communes). Managed with `quay-central authority …`; read on every dossier command and look-up.
 */
export const agencyAuthorities = pgTable(
  'agency_authorities',
  {
    actorAgencyCode: text('actor_agency_code').notNull(),
    forAgencyCode: text('for_agency_code').notNull(),
    kind: text('kind', { enum: ['onBehalf', 'successor'] }).notNull(),
    /** Local date `YYYY-MM-DD` (Vietnam) from which the grant holds; null: always. */
    effectiveFrom: text('effective_from'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.actorAgencyCode, t.forAgencyCode] })],
);

/**
 * Dossiers submitted online (KenhThucHien 2) or by public postal service (3) and taken in from the portal
 * adapter (issue 15 §1), offered to the counters of their agency until one decides. `deadline` is the
 * local `YYYY-MM-DDTHH:mm` of the 4-working-hour check (shared/online/online-deadline.ts). A claim is a
 * lease: `claimedUntil` passed, another officer may take it. The decision is written once, under its id.
 */
export const onlineDossiers = pgTable(
  'online_dossiers',
  {
    id: text('id').primaryKey(),
    /** 'portal' (provincial portal or DVCQG) or 'post'; with `externalId`, what makes a resend the same dossier. */
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    channel: integer('channel').notNull(),
    agencyCode: text('agency_code').notNull(),
    procedureCode: text('procedure_code').notNull(),
    submittedAt: timestamp('submitted_at', { withTimezone: true }).notNull(),
    deadline: text('deadline').notNull(),
    submission: jsonb('submission').notNull(),
    claimedBy: text('claimed_by'),
    claimedByName: text('claimed_by_name'),
    claimDeviceId: text('claim_device_id'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    /** accepted, supplement or refused; null while waiting. */
    decision: text('decision'),
    decisionId: text('decision_id'),
    decidedBy: text('decided_by'),
    decidedAt: timestamp('decided_at', { withTimezone: true }),
    /** The code the counter issued on accepting it. */
    dossierCode: text('dossier_code'),
    reason: text('reason'),
    /** The Form 02 or 03 PDF sent with a supplement request or refusal (a blob), and whether the unit signed it (issue 16 §3). */
    formSha256: text('form_sha256'),
    formSigned: boolean('form_signed'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('online_dossiers_external').on(t.source, t.externalId),
    unique('online_dossiers_decision').on(t.decisionId),
    index('online_dossiers_queue_idx').on(t.agencyCode, t.decision, t.deadline),
  ],
);

/**
 * The citizens' satisfaction ratings the counters push (`dossier.rated`, docs/domain.md §11): one per
 * dossier and stage, the first to arrive stands; the counter
 * is the device that pushed it. Province-wide reports count satisfaction from here.
 */
export const dossierRatings = pgTable(
  'dossier_ratings',
  {
    /** The counter's rating id. */
    id: text('id').primaryKey(),
    dossierCode: text('dossier_code')
      .notNull()
      .references(() => dossiers.code),
    /** 'reception' or 'return'. */
    stage: text('stage').notNull(),
    /** 'satisfied', 'neutral' or 'dissatisfied'. */
    rating: text('rating').notNull(),
    /** Criteria keys (shared/citizen-screen/satisfaction.ts), empty unless dissatisfied. */
    reasons: jsonb('reasons').notNull(),
    ratedAt: timestamp('rated_at', { withTimezone: true }).notNull(),
    counterId: text('counter_id')
      .notNull()
      .references(() => devices.id),
    officerId: text('officer_id'),
    commandId: text('command_id').notNull(),
  },
  (t) => [unique('dossier_ratings_dossier_stage').on(t.dossierCode, t.stage), index('dossier_ratings_rated_idx').on(t.ratedAt)],
);

/**
 * What an officer's supplement request or refusal of an online dossier owes outside (issue 15 §1, docs/architecture.md
 * §8.1): there is no dossier code yet, so no `dossier_events` row and neither of the outboxes above. One row per
 * decision and target — `dvcqg` (the portal's status of its own submission) and `email` (the applicant) — written
 * in the transaction that records the decision, sent under a lease like the other outboxes.
 */
export const onlineDecisionOutbox = pgTable(
  'online_decision_outbox',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    onlineDossierId: text('online_dossier_id')
      .notNull()
      .references(() => onlineDossiers.id),
    decisionId: text('decision_id').notNull(),
    target: text('target').notNull(),
    /** pending, sent, skipped or dead. */
    state: text('state').notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leasedUntil: timestamp('leased_until', { withTimezone: true }),
    detail: text('detail'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    unique('online_decision_outbox_once').on(t.decisionId, t.target),
    index('online_decision_outbox_due_idx').on(t.state, t.nextAttemptAt),
  ],
);

/**
 * The files an online submission links to (TaiLieuNop, issue 15 §1), fetched by the intake into the blob
 * store (central/online/submitted-files.ts). One row per filed file, in the order filed: `pending` until
 * fetched (retried with backoff), `stored` with its blob, or `refused` (not a PDF/JPEG/PNG, too large,
 * a link the gateway may not follow) with a stable code the counter shows.
 */
export const onlineDossierFiles = pgTable(
  'online_dossier_files',
  {
    onlineDossierId: text('online_dossier_id')
      .notNull()
      .references(() => onlineDossiers.id),
    position: integer('position').notNull(),
    componentCode: text('component_code').notNull(),
    name: text('name').notNull(),
    url: text('url').notNull(),
    /** pending, stored or refused. */
    state: text('state').notNull().default('pending'),
    sha256: text('sha256'),
    size: bigint('size', { mode: 'number' }),
    mediaType: text('media_type'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    /** The stable code of the last failure (ONLINE_FILE_…); null once stored. */
    errorCode: text('error_code'),
  },
  (t) => [primaryKey({ columns: [t.onlineDossierId, t.position] }), index('online_dossier_files_due_idx').on(t.state, t.nextAttemptAt)],
);
