import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { accounts } from './accounts';

/** Citizens and organisations known from earlier dossiers, so a known ID pulls their details. */
export const parties = sqliteTable(
  'parties',
  {
    id: text('id').primaryKey(),
    kind: text('kind', { enum: ['citizen', 'organisation'] }).notNull(),
    /** 12-digit ID for citizens, tax code for organisations: the key a reader or officer types. */
    identifier: text('identifier'),
    fullName: text('full_name').notNull(),
    details: text('details').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [uniqueIndex('parties_identifier_idx').on(t.kind, t.identifier)],
);

/**
 * The current state of a dossier. `view` is the JSON snapshot printed on forms (DossierView);
 * the columns beside it exist for look-up and reports.
 */
export const dossiers = sqliteTable(
  'dossiers',
  {
    id: text('id').primaryKey(),
    code: text('code').notNull().unique(),
    procedureCode: text('procedure_code').notNull(),
    status: integer('status').notNull(),
    ownerIdentifier: text('owner_identifier'),
    ownerName: text('owner_name').notNull(),
    ownerPhone: text('owner_phone').notNull(),
    /** Folded (no tones, đ→d) owner and submitter names, procedure name and code, for search. */
    searchText: text('search_text').notNull(),
    receivedAt: text('received_at').notNull(),
    receivedDate: text('received_date').notNull(),
    dueLocal: text('due_local'),
    officerAccountId: text('officer_account_id').references(() => accounts.id),
    registerBook: text('register_book').notNull(),
    registerNumber: integer('register_number').notNull(),
    view: text('view').notNull(),
    updatedAt: text('updated_at').notNull(),
  },
  (t) => [
    index('dossiers_owner_identifier_idx').on(t.ownerIdentifier),
    index('dossiers_owner_phone_idx').on(t.ownerPhone),
    // Date-range look-ups and the register read newest first along this index, no sort needed.
    index('dossiers_received_idx').on(t.receivedDate, t.receivedAt),
    index('dossiers_status_idx').on(t.status, t.dueLocal),
    uniqueIndex('dossiers_register_idx').on(t.registerBook, t.registerNumber),
  ],
);

/** Files attached to a dossier component, by content hash in the file store. */
export const componentFiles = sqliteTable(
  'component_files',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id, { onDelete: 'cascade' }),
    componentCode: text('component_code').notNull(),
    position: integer('position').notNull(),
    sha256: text('sha256').notNull(),
    fileName: text('file_name').notNull(),
    mediaType: text('media_type').notNull(),
    bytes: integer('bytes').notNull(),
    /** When the unit signed this PDF (UTC ISO); null for a copy not yet signed (docs/devices.md §7). */
    signedAt: text('signed_at'),
  },
  (t) => [index('component_files_dossier_idx').on(t.dossierId, t.componentCode)],
);

/**
 * The append-only history of a dossier ("tiến trình, lịch sử xử lý hồ sơ"). Triggers refuse
 * UPDATE and DELETE; this is what the sync pushes.
 */
export const dossierEvents = sqliteTable(
  'dossier_events',
  {
    id: text('id').primaryKey(),
    dossierId: text('dossier_id')
      .notNull()
      .references(() => dossiers.id),
    type: text('type').notNull(),
    /** DVCQG status after the event. */
    status: integer('status').notNull(),
    at: text('at').notNull(),
    actorAccountId: text('actor_account_id'),
    actorName: text('actor_name').notNull(),
    payload: text('payload').notNull(),
  },
  (t) => [index('dossier_events_dossier_idx').on(t.dossierId, t.at)],
);
