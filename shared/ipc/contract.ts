import { z } from 'zod';
import { safeText } from '../domain/safe-text';
import { lockReasons, roles, type Role } from '../auth/roles';
import { PASSWORD_MAX_LENGTH, FULL_NAME_MAX_LENGTH } from '../auth/credential-policy';
import { IDLE_LOCK_MINUTES_RANGE } from '../auth/lockout-policy';
import { procedureSchema, durationUnits, agencyLevels } from '../catalog/procedure';
import { dossierComponentViewSchema, dossierViewSchema, partySchema, siteSchema } from '../reception/dossier-view';
import { formSetPeriodSchema } from '../site/form-set-schedule';
import { partyInputSchema, receptionDraftSchema, storedFileSchema } from '../reception/draft';
import { PARTY_NAME_MAX_LENGTH } from '../reception/limits';
import { remoteDossierSummarySchema, remoteFileSchema } from '../sync/dossier-access';
import { onlineClaimResponseSchema, onlineQueueSchema } from '../online/online-queue-protocol';
import { deviceSettingsSchema } from '../devices/device-settings';
import { scanSettingsSchema } from '../digitize/scan-settings';
import { backupConfigSchema, backupOverviewSchema, backupRunSchema } from '../backup/backup-plan';
import { citizenScreenSettingsSchema, displayInfoSchema } from '../citizen-screen/citizen-screen-settings';
import { ratingStages, satisfactionLevels, dissatisfactionReasons } from '../citizen-screen/satisfaction';
import { dossierReportSchema, reportFilterSchema } from '../reports/report-schema';
import { signatureVerdictSchema } from '../signing/verdict';
import { dossierFileSchema } from '../lookup/dossier-files';
import {
  deviceListSchema,
  deviceStatusEventSchema,
  deviceTestInputSchema,
  deviceTestResultSchema,
  routedScanSchema,
  slipResultSchema,
} from '../devices/device-views';
import {
  digitizationStatsRowSchema,
  fieldSuggestionSchema,
  pageViewSchema,
  reusableDocumentSchema,
  scannerRefSchema,
  scanProfileSchema,
  scanSummarySchema,
} from '../digitize/page-view';
import { issuedDecisionFormSchema } from '../online/decision-forms';

/**
 * Every IPC channel and event of the app. Types are inferred from these schemas; nothing else
 * defines IPC shapes. Input limits here are generous upper bounds against garbage — the real
 * rules (password policy, username pattern) live in the services so their messages are precise.
 */

/** Who may call a channel. `public` works signed out; `signedIn` needs an unlocked session. */
export type Access = 'public' | 'signedIn' | readonly Role[];

export interface ChannelSpec<I extends z.ZodType = z.ZodType, O extends z.ZodType = z.ZodType> {
  input: I;
  output: O;
  access: Access;
  /** Channels that must keep working while the idle screen lock is up. */
  allowedWhileLocked?: boolean;
  /** Background polling, not the user doing something: it does not keep a session from locking when idle. */
  passive?: boolean;
  /** Reads a person's data by a key the caller chooses: audited and rate-limited per account (docs/architecture.md §9). */
  readsPersonalData?: boolean;
}

function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

const shortText = (max: number) => z.string().max(max);
const reportRequestSchema = z.object({ period: z.string().max(40), filter: reportFilterSchema.default({}) });
const password = z.string().max(PASSWORD_MAX_LENGTH * 4);
const username = shortText(256);
const isoInstant = z.string();

export const roleSchema = z.enum(roles);
export const lockReasonSchema = z.enum(lockReasons);

export const accountSchema = z.object({
  id: z.string(),
  username: z.string(),
  fullName: z.string(),
  role: roleSchema,
  status: z.enum(['active', 'locked']),
  lockReason: lockReasonSchema.nullable(),
  failedAttempts: z.number().int(),
  mustChangePassword: z.boolean(),
  createdAt: isoInstant,
  lastSignInAt: isoInstant.nullable(),
});
export type Account = z.infer<typeof accountSchema>;

/** Why the screen is locked: the officer's own lock or the idle timeout; the lock screen says which. */
export const screenLockCauseSchema = z.enum(['idle', 'manual']);
export type ScreenLockCause = z.infer<typeof screenLockCauseSchema>;

export const sessionInfoSchema = z.object({
  account: accountSchema,
  locked: z.boolean(),
  /** Null while unlocked. */
  lockCause: screenLockCauseSchema.nullable(),
  idleLockMinutes: z.number().int(),
});
export type SessionInfo = z.infer<typeof sessionInfoSchema>;

export const settingsSchema = z.object({
  idleLockMinutes: z.number().int().min(IDLE_LOCK_MINUTES_RANGE.min).max(IDLE_LOCK_MINUTES_RANGE.max),
});
export type Settings = z.infer<typeof settingsSchema>;

export const auditEntrySchema = z.object({
  seq: z.number().int(),
  at: isoInstant,
  actorUsername: z.string().nullable(),
  action: z.string(),
  subject: z.string().nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type AuditEntry = z.infer<typeof auditEntrySchema>;

export const auditVerificationSchema = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBadSeq: z.number().int().nullable(),
  problem: z.enum(['hashMismatch', 'brokenLink', 'missingTail', 'headMismatch']).nullable(),
});
export type AuditVerification = z.infer<typeof auditVerificationSchema>;

export const healthInfoSchema = z.object({
  appVersion: z.string(),
  dataDir: z.string(),
  databaseBytes: z.number().int(),
  migration: z.object({ applied: z.number().int(), latestTag: z.string().nullable() }),
  integrity: z.object({ ok: z.boolean(), details: z.array(z.string()) }),
  auditChain: auditVerificationSchema,
});
export type HealthInfo = z.infer<typeof healthInfoSchema>;

export const procedureSummarySchema = z.object({
  code: z.string(),
  name: z.string(),
  sectorName: z.string(),
  level: z.enum(agencyLevels),
  duration: z.object({ unit: z.enum(durationUnits), value: z.number() }),
  sample: z.boolean(),
});
export type ProcedureSummary = z.infer<typeof procedureSummarySchema>;

export const catalogImportReportSchema = z.object({
  added: z.number().int(),
  updated: z.number().int(),
  deactivated: z.number().int(),
  rejected: z.array(
    z.object({
      sheet: z.string().nullable(),
      row: z.number().int(),
      code: z.string().nullable(),
      problems: z.array(z.object({ field: z.string(), code: z.string(), message: z.string() })),
    }),
  ),
});
export type CatalogImportReport = z.infer<typeof catalogImportReportSchema>;

const clockTime = z.string().regex(/^\d{2}:\d{2}$/);
export const weeklySessionsSchema = z.object({
  0: z.array(z.object({ start: clockTime, end: clockTime })).max(6),
  1: z.array(z.object({ start: clockTime, end: clockTime })).max(6),
  2: z.array(z.object({ start: clockTime, end: clockTime })).max(6),
  3: z.array(z.object({ start: clockTime, end: clockTime })).max(6),
  4: z.array(z.object({ start: clockTime, end: clockTime })).max(6),
  5: z.array(z.object({ start: clockTime, end: clockTime })).max(6),
  6: z.array(z.object({ start: clockTime, end: clockTime })).max(6),
});

export const calendarDaySchema = z.object({
  date: z.string().max(10),
  kind: z.enum(['dayOff', 'workingDay']),
  name: z.string().max(200),
});
export type CalendarDay = z.infer<typeof calendarDaySchema>;

export const sequenceBlockSchema = z.object({
  id: z.string(),
  date: z.string().nullable(),
  first: z.number().int(),
  last: z.number().int(),
  source: z.enum(['admin', 'gateway', 'emergency']),
});

export const dossierSummarySchema = z.object({
  id: z.string(),
  code: z.string(),
  status: z.number().int(),
  ownerName: z.string(),
  procedureName: z.string(),
  receivedLocal: z.string(),
  dueLocal: z.string().nullable(),
});
export type DossierSummary = z.infer<typeof dossierSummarySchema>;

/** The province-wide look-up's answer (issue 14 §1): `online: false` says the counter searched only what it holds. */
export const remoteSearchSchema = z.object({
  online: z.boolean(),
  reason: z.enum(['offline', 'notEnrolled']).nullable(),
  message: z.string().nullable(),
  results: z.array(remoteDossierSummarySchema),
});

/** A dossier opened from the province and kept here: its local id, view, history and the files it names. */
export const openedDossierSchema = z.object({
  id: z.string(),
  view: dossierViewSchema,
  history: z.array(z.object({ id: z.string(), type: z.string(), status: z.number().int(), at: z.string(), actorName: z.string() })),
  files: z.array(remoteFileSchema.extend({ cached: z.boolean() })),
});
export type OpenedDossier = z.infer<typeof openedDossierSchema>;

export const printResultSchema = z.object({
  jobId: z.string(),
  printed: z.boolean(),
  savedPath: z.string().nullable(),
  pdfBase64: z.string(),
});
export type PrintResult = z.infer<typeof printResultSchema>;

/** One step of a dossier's history (the lifecycle events of issue 14 §2 among them), payload as recorded. */
export const historyEntrySchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.number().int(),
  at: z.string(),
  actorName: z.string(),
  payload: z.record(z.string(), z.unknown()),
});
export type HistoryEntry = z.infer<typeof historyEntrySchema>;

export const overdueDossierSchema = z.object({
  id: z.string(),
  code: z.string(),
  ownerName: z.string(),
  procedureName: z.string(),
  dueLocal: z.string(),
  status: z.number().int(),
});
export type OverdueDossier = z.infer<typeof overdueDossierSchema>;

const lifecycleReasons = z.array(safeText({ multiline: true }).max(2000)).max(50);
const lifecycleRecorded = z.object({ dossier: dossierViewSchema });
const lifecyclePrinted = z.object({ dossier: dossierViewSchema, print: printResultSchema });

const newAccountInput = z.object({
  username,
  fullName: shortText(FULL_NAME_MAX_LENGTH * 4),
  password,
});

const accountIdInput = z.object({ accountId: z.string().max(64) });

const syncErrorSchema = z.object({ code: z.string(), message: z.string() }).nullable();

const backgroundSigningStatusSchema = z.object({
  active: z.boolean(),
  signerName: z.string().nullable(),
  queued: z.array(z.string()),
  lastError: z.object({ code: z.string(), message: z.string() }).nullable(),
});

/** What the status bar and the `sync.progress` event show. */
export const syncProgressSchema = z.object({
  state: z.enum(['stopped', 'idle', 'syncing', 'waiting']),
  pendingCommands: z.number().int(),
  pendingFiles: z.number().int(),
  lastSuccessAt: isoInstant.nullable(),
  lastError: syncErrorSchema,
});
export type SyncProgress = z.infer<typeof syncProgressSchema>;

export const syncOverviewSchema = syncProgressSchema.extend({
  enrolled: z.boolean(),
  gatewayUrl: z.string().nullable(),
  deviceId: z.string().nullable(),
  agencyCode: z.string().nullable(),
  nextAttemptAt: isoInstant.nullable(),
  failures: z.array(
    z.object({
      id: z.string(),
      kind: z.string(),
      dossierCode: z.string().nullable(),
      attempts: z.number().int(),
      lastError: z.string(),
      createdAt: isoInstant,
    }),
  ),
});
export type SyncOverview = z.infer<typeof syncOverviewSchema>;

export const channels = {
  'app.firstRunStatus': channel({
    input: z.object({}),
    output: z.object({ needsFirstAdmin: z.boolean() }),
    access: 'public',
  }),
  'app.createFirstAdmin': channel({
    input: newAccountInput,
    output: accountSchema,
    access: 'public',
  }),
  'auth.session': channel({
    input: z.object({}),
    output: sessionInfoSchema.nullable(),
    access: 'public',
    allowedWhileLocked: true,
    passive: true,
  }),
  'auth.signIn': channel({
    input: z.object({ username, password }),
    output: sessionInfoSchema,
    access: 'public',
  }),
  'auth.signOut': channel({
    input: z.object({}),
    output: z.object({}),
    access: 'public',
    allowedWhileLocked: true,
  }),
  'auth.heartbeat': channel({
    input: z.object({}),
    output: z.object({ locked: z.boolean(), lockCause: screenLockCauseSchema.nullable() }),
    access: 'signedIn',
    allowedWhileLocked: true,
  }),
  'auth.lockScreen': channel({
    /** The renderer's idle timer locks through this channel too, and says so. */
    input: z.object({ cause: screenLockCauseSchema.default('manual') }),
    output: z.object({}),
    access: 'signedIn',
    allowedWhileLocked: true,
  }),
  'auth.unlockScreen': channel({
    input: z.object({ password }),
    output: sessionInfoSchema,
    access: 'signedIn',
    allowedWhileLocked: true,
  }),
  'auth.changePassword': channel({
    input: z.object({ currentPassword: password, newPassword: password }),
    output: sessionInfoSchema,
    access: 'signedIn',
  }),
  'admin.listAccounts': channel({
    input: z.object({}),
    output: z.array(accountSchema),
    access: ['admin'],
  }),
  'admin.createAccount': channel({
    input: newAccountInput.extend({ role: roleSchema }),
    output: accountSchema,
    access: ['admin'],
  }),
  'admin.setAccountLocked': channel({
    input: accountIdInput.extend({ locked: z.boolean() }),
    output: accountSchema,
    access: ['admin'],
  }),
  'admin.resetPassword': channel({
    input: accountIdInput.extend({ newPassword: password }),
    output: accountSchema,
    access: ['admin'],
  }),
  'admin.changeRole': channel({
    input: accountIdInput.extend({ role: roleSchema }),
    output: accountSchema,
    access: ['admin'],
  }),
  'admin.getSettings': channel({
    input: z.object({}),
    output: settingsSchema,
    access: ['admin'],
  }),
  'admin.updateSettings': channel({
    input: settingsSchema.partial(),
    output: settingsSchema,
    access: ['admin'],
  }),
  'audit.list': channel({
    input: z.object({
      limit: z.number().int().min(1).max(500).default(100),
      beforeSeq: z.number().int().positive().optional(),
    }),
    output: z.array(auditEntrySchema),
    access: ['admin', 'supervisor'],
  }),
  'audit.verify': channel({
    input: z.object({}),
    output: auditVerificationSchema,
    access: ['admin', 'supervisor'],
  }),
  'health.info': channel({
    input: z.object({}),
    output: healthInfoSchema,
    access: 'signedIn',
  }),
  /** The rotating diagnostic log (no personal data) as one text, for the Health screen to save. */
  'health.diagnosticLog': channel({
    input: z.object({}),
    output: z.object({ fileName: z.string(), text: z.string() }),
    access: 'signedIn',
  }),
  /** Backup 1+1 (issue 18 §3): the last run per destination and the Health screen's warning. */
  'backup.overview': channel({
    input: z.object({}),
    output: backupOverviewSchema,
    access: 'signedIn',
  }),
  'backup.configure': channel({
    input: backupConfigSchema,
    output: backupConfigSchema,
    access: ['admin'],
  }),
  /** A run to every destination now (the admin's button, the close of the day); answers when it has finished. */
  'backup.run': channel({
    input: z.object({ trigger: z.enum(['closeDay', 'manual']) }),
    output: z.array(backupRunSchema),
    access: 'signedIn',
  }),
  'catalog.search': channel({
    input: z.object({ query: z.string().max(200), limit: z.number().int().min(1).max(100).default(20) }),
    output: z.array(procedureSummarySchema),
    access: 'signedIn',
  }),
  'catalog.get': channel({
    input: z.object({ code: z.string().max(64) }),
    output: procedureSchema,
    access: 'signedIn',
  }),
  'catalog.importJson': channel({
    input: z.object({ text: z.string().max(50_000_000), source: z.string().max(255).default('json') }),
    output: catalogImportReportSchema,
    access: ['admin'],
  }),
  'catalog.importXlsx': channel({
    input: z.object({ dataBase64: z.string().max(40_000_000), source: z.string().max(255).default('xlsx') }),
    output: catalogImportReportSchema,
    access: ['admin'],
  }),
  /** The procedures loaded now, by name, for the admin's catalogue tab (issue 13 point 11). */
  'catalog.overview': channel({
    input: z.object({}),
    output: z.object({ count: z.number().int(), procedures: z.array(procedureSummarySchema) }),
    access: ['admin'],
  }),
  /** The catalogue loaded now as the import workbook: the template site IT edit and import back. */
  'catalog.exportXlsx': channel({
    input: z.object({}),
    output: z.object({ fileName: z.string(), dataBase64: z.string() }),
    access: ['admin'],
  }),
  /** The site today (`formSet` = the set in force today) and the schedule of form sets it comes from. */
  'site.get': channel({
    input: z.object({}),
    output: siteSchema.extend({ configured: z.boolean(), formSets: z.array(formSetPeriodSchema) }),
    access: 'signedIn',
  }),
  /** `formSets` dates each set (docs/domain.md §5.4); `formSet` alone means that one set on every date. */
  'site.update': channel({
    input: siteSchema.partial().extend({ formSets: z.array(formSetPeriodSchema).max(20).optional() }),
    output: siteSchema.extend({ configured: z.boolean(), formSets: z.array(formSetPeriodSchema) }),
    access: ['admin'],
  }),
  'calendar.year': channel({
    input: z.object({ year: z.number().int() }),
    output: z.object({ days: z.array(calendarDaySchema), sessions: weeklySessionsSchema, receptionSessions: weeklySessionsSchema }),
    access: 'signedIn',
  }),
  'calendar.setDay': channel({
    input: calendarDaySchema,
    output: z.object({}),
    access: ['admin'],
  }),
  'calendar.removeDay': channel({
    input: z.object({ date: z.string().max(10) }),
    output: z.object({}),
    access: ['admin'],
  }),
  'calendar.setSessions': channel({
    input: z.object({ sessions: weeklySessionsSchema }),
    output: z.object({}),
    access: ['admin'],
  }),
  /** When the counter is open; due dates are counted on calendar.setSessions' hours only (docs/domain.md §8.3). */
  'calendar.setReceptionSessions': channel({
    input: z.object({ sessions: weeklySessionsSchema }),
    output: z.object({}),
    access: ['admin'],
  }),
  'calendar.suggestHolidays': channel({
    input: z.object({ year: z.number().int() }),
    output: z.array(calendarDaySchema.extend({ basis: z.enum(['solar', 'lunar', 'compensatory']) })),
    access: ['admin'],
  }),
  'sequence.status': channel({
    input: z.object({}),
    output: z.object({
      today: z.object({ date: z.string(), total: z.number().int(), remaining: z.number().int(), low: z.boolean() }),
      blocks: z.array(sequenceBlockSchema),
    }),
    access: 'signedIn',
  }),
  'sequence.addBlock': channel({
    input: z.object({
      date: z.string().max(10).nullable().default(null),
      first: z.number().int(),
      last: z.number().int(),
      source: z.enum(['admin', 'emergency']).default('admin'),
    }),
    output: sequenceBlockSchema,
    access: ['admin'],
  }),
  'reception.storeFile': channel({
    input: z.object({ fileName: z.string().max(1000), dataBase64: z.string().max(70_000_000) }),
    output: storedFileSchema,
    access: 'signedIn',
  }),
  'reception.knownParty': channel({
    input: z.object({ kind: z.enum(['citizen', 'organisation']), identifier: z.string().max(32) }),
    output: partySchema.nullable(),
    access: 'signedIn',
    readsPersonalData: true,
  }),
  'reception.dueDate': channel({
    input: z.object({ procedureCode: z.string().max(64) }),
    output: z.object({
      receivedLocal: z.string(),
      dueLocal: z.string().nullable(),
      /** Years the due date is counted through with no day off entered (docs/domain.md §8.1). */
      calendarWarning: z.object({ years: z.array(z.number().int()), message: z.string() }).optional(),
    }),
    access: 'signedIn',
  }),
  'reception.check': channel({
    input: z.object({ draft: receptionDraftSchema }),
    output: z.object({ checklist: z.array(dossierComponentViewSchema), missing: z.array(dossierComponentViewSchema) }),
    access: 'signedIn',
  }),
  'reception.accept': channel({
    input: z.object({ draft: receptionDraftSchema }),
    output: z.object({ dossier: dossierViewSchema, printJobId: z.string() }),
    access: 'signedIn',
  }),
  'dossier.search': channel({
    input: z.object({
      text: z.string().max(200).optional(),
      fromDate: z.string().max(10).optional(),
      toDate: z.string().max(10).optional(),
      status: z.number().int().min(1).max(10).optional(),
      limit: z.number().int().min(1).max(500).optional(),
    }),
    output: z.array(dossierSummarySchema),
    access: 'signedIn',
    readsPersonalData: true,
  }),
  'dossier.open': channel({
    input: z.object({ id: z.string().max(64) }),
    output: dossierViewSchema,
    access: 'signedIn',
  }),
  'dossier.openByScan': channel({
    input: z.object({ scanned: z.string().max(4096) }),
    output: dossierViewSchema,
    access: 'signedIn',
  }),
  /** Dossiers of the agencies this counter may act for, received at any counter (the gateway decides which). */
  'dossier.searchRemote': channel({
    input: z.object({ text: z.string().trim().min(1).max(200) }),
    output: remoteSearchSchema,
    access: 'signedIn',
  }),
  /** The agency's online and postal dossiers waiting on the gateway, with their SLA clocks (issue 15 §1). */
  'online.queue': channel({
    input: z.object({}),
    output: onlineQueueSchema,
    access: 'signedIn',
  }),
  /** Takes an online dossier for the signed-in officer; refused with who holds it when another officer does. */
  'online.claim': channel({
    input: z.object({ id: z.string().max(64) }),
    // The claim's end and what the citizen filed, for the officer to check against the checklist.
    output: onlineClaimResponseSchema,
    access: 'signedIn',
  }),
  /** A file the citizen filed with an online dossier, fetched from the gateway on first view and kept for accepting. */
  'online.file': channel({
    input: z.object({ id: z.string().max(64), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    output: z.object({ dataBase64: z.string() }),
    access: 'signedIn',
  }),
  /** Accepts a claimed online or postal dossier through the normal reception path: a code on channel 2 or 3. */
  'online.accept': channel({
    // sessionId: pages scanned at the counter (a paper supplement), assembled as in direct reception.
    input: z.object({ id: z.string().max(64), draft: receptionDraftSchema, sessionId: z.string().max(64).nullable().default(null) }),
    // `form`: the receipt sent electronically (signed or "chưa ký"); null when it could not be made.
    output: z.object({ dossier: dossierViewSchema, printJobId: z.string(), form: issuedDecisionFormSchema.nullable().default(null) }),
    access: 'signedIn',
  }),
  /** Asks the applicant of a claimed online dossier for a supplement (Form 02), with the reason. */
  'online.requestSupplement': channel({
    input: z.object({ id: z.string().max(64), reason: z.string().max(2000) }),
    output: z.object({ decision: z.literal('supplement'), form: issuedDecisionFormSchema.nullable().default(null) }),
    access: 'signedIn',
  }),
  /** Refuses a claimed online dossier (Form 03), with the reason. */
  'online.refuse': channel({
    input: z.object({ id: z.string().max(64), reason: z.string().max(2000) }),
    output: z.object({ decision: z.literal('refused'), form: issuedDecisionFormSchema.nullable().default(null) }),
    access: 'signedIn',
  }),
  'dossier.openRemote': channel({
    input: z.object({ code: z.string().max(64) }),
    output: openedDossierSchema,
    access: 'signedIn',
  }),
  /**
   * The dossier's files — components and results, from this counter and the province's list — each
   * with the signature verdict kept since it arrived, or not downloaded yet (issue 16 §4).
   */
  'dossier.files': channel({
    input: z.object({ dossierId: z.string().max(64) }),
    output: z.array(dossierFileSchema),
    access: 'signedIn',
  }),
  /** A file of a dossier: from the file store, or fetched from the province on first use and kept (checked as it arrives). */
  'dossier.remoteFile': channel({
    input: z.object({ dossierId: z.string().max(64), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    output: z.object({ dataBase64: z.string() }),
    access: 'signedIn',
  }),
  'dossier.markReturned': channel({
    input: z.object({
      dossierId: z.string().max(64),
      // Pushed to the gateway with the return (issue 17): refused characters stop here, not there.
      collectorName: safeText().max(PARTY_NAME_MAX_LENGTH),
      collectorIdNumber: safeText().max(32).nullable().default(null),
      note: safeText({ multiline: true }).max(1000).default(''),
      /** The result documents digitized at the counter, kept for reuse by the owner's later dossiers. */
      results: z
        .array(z.object({ name: safeText().max(500), file: storedFileSchema }))
        .max(20)
        .default([]),
      /** Needed, with a reason, when the back office has not settled the dossier or no result is attached. */
      confirmUnsettled: z
        .object({ reason: safeText({ multiline: true }).max(1000) })
        .nullable()
        .default(null),
    }),
    output: dossierViewSchema,
    access: 'signedIn',
  }),
  'sync.status': channel({
    input: z.object({}),
    output: syncOverviewSchema,
    access: 'signedIn',
    passive: true,
  }),
  'sync.enroll': channel({
    input: z.object({ gatewayUrl: z.string().max(500), code: z.string().max(64), counterName: z.string().max(200) }),
    output: syncOverviewSchema,
    access: ['admin'],
  }),
  'sync.now': channel({
    input: z.object({}),
    output: syncOverviewSchema,
    access: 'signedIn',
  }),
  'sync.retryItem': channel({
    input: z.object({ commandId: z.string().max(64) }),
    output: syncOverviewSchema,
    access: ['admin', 'supervisor'],
  }),
  'print.receipt': channel({
    input: z.object({ dossierId: z.string().max(64) }),
    output: printResultSchema,
    access: 'signedIn',
  }),
  'print.reprintReceipt': channel({
    input: z.object({ dossierId: z.string().max(64), reason: z.string().max(500) }),
    output: printResultSchema,
    access: ['supervisor', 'admin'],
  }),
  'print.supplementRequest': channel({
    input: z.object({
      procedureCode: z.string().max(64),
      applicant: partyInputSchema,
      items: z.array(z.object({ name: safeText({ multiline: true }).max(1000), reason: safeText({ multiline: true }).max(2000) })).max(100),
      contactPhone: safeText().max(40).default(''),
    }),
    output: printResultSchema,
    access: 'signedIn',
  }),
  'print.refusal': channel({
    input: z.object({
      procedureCode: z.string().max(64),
      applicant: partyInputSchema,
      reasons: z.array(safeText({ multiline: true }).max(2000)).max(50),
    }),
    output: printResultSchema,
    access: 'signedIn',
  }),
  'dossier.history': channel({
    input: z.object({ id: z.string().max(64) }),
    output: z.array(historyEntrySchema),
    access: 'signedIn',
  }),
  'dossier.overdue': channel({
    input: z.object({}),
    output: z.array(overdueDossierSchema),
    access: 'signedIn',
  }),
  'lifecycle.requestSupplement': channel({
    input: z.object({
      dossierId: z.string().max(64),
      items: z.array(z.object({ name: safeText({ multiline: true }).max(1000), reason: safeText({ multiline: true }).max(2000) })).max(100),
      contactPhone: safeText().max(40).default(''),
    }),
    output: lifecyclePrinted,
    access: 'signedIn',
  }),
  'lifecycle.receiveSupplement': channel({
    input: z.object({ dossierId: z.string().max(64), note: safeText({ multiline: true }).max(1000).default('') }),
    output: lifecycleRecorded,
    access: 'signedIn',
  }),
  'lifecycle.refuse': channel({
    input: z.object({ dossierId: z.string().max(64), reasons: lifecycleReasons }),
    output: lifecyclePrinted,
    access: 'signedIn',
  }),
  'lifecycle.withdraw': channel({
    input: z.object({ dossierId: z.string().max(64), reason: safeText({ multiline: true }).max(2000) }),
    output: lifecycleRecorded,
    access: 'signedIn',
  }),
  'lifecycle.apologize': channel({
    input: z.object({
      dossierId: z.string().max(64),
      reason: safeText({ multiline: true }).max(2000),
      newDueLocal: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
    }),
    output: lifecyclePrinted,
    access: ['supervisor', 'admin'],
  }),
  'lifecycle.stopProcessing': channel({
    input: z.object({ dossierId: z.string().max(64), reasons: lifecycleReasons }),
    /** `print` is null when the site's form set has no stop notice (the 2018 set). */
    output: z.object({ dossier: dossierViewSchema, print: printResultSchema.nullable() }),
    access: ['supervisor', 'admin'],
  }),
  'print.apology': channel({
    input: z.object({
      dossierId: z.string().max(64),
      reason: z.string().max(2000),
      newDueLocal: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/),
    }),
    output: printResultSchema,
    access: ['supervisor', 'admin'],
  }),
  /** The control slip alone (Mẫu 05 of 2018, 06 of 2025); the first one prints with the receipt. */
  'print.controlSlip': channel({
    input: z.object({ dossierId: z.string().max(64) }),
    output: printResultSchema,
    access: 'signedIn',
  }),
  /** The 2025 set's stop-processing notice (Mẫu 05 of 2025); refused with FORM_NOT_IN_SET under the 2018 set. */
  'print.stopNotice': channel({
    input: z.object({ dossierId: z.string().max(64), reasons: z.array(safeText({ multiline: true }).max(2000)).max(50) }),
    output: printResultSchema,
    access: ['supervisor', 'admin'],
  }),
  'print.register': channel({
    input: z.object({ fromDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), toDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    output: printResultSchema,
    access: ['supervisor', 'admin'],
  }),
  'scan.scanners': channel({
    input: z.object({}),
    output: z.array(scannerRefSchema.extend({ name: z.string() })),
    access: 'signedIn',
  }),
  'scan.openSession': channel({
    input: z.object({ sessionId: z.string().max(64).nullable().default(null), procedureCode: z.string().max(64) }),
    output: z.object({ sessionId: z.string(), pages: z.array(pageViewSchema) }),
    access: 'signedIn',
  }),
  'scan.start': channel({
    input: z.object({
      sessionId: z.string().max(64),
      componentCode: z.string().max(64),
      scanner: scannerRefSchema,
      profile: scanProfileSchema.default({ resolutionDpi: 300, colorMode: 'color', source: 'adf' }),
      insertAt: z.number().int().min(0).nullable().default(null),
    }),
    output: scanSummarySchema,
    access: 'signedIn',
  }),
  'scan.cancel': channel({
    input: z.object({ sessionId: z.string().max(64) }),
    output: z.object({}),
    access: 'signedIn',
  }),
  /** Signed / not yet signed, per component PDF of a dossier (issue 16 §3). */
  'signing.status': channel({
    input: z.object({ dossierId: z.string().max(64) }),
    output: z.array(z.object({ componentCode: z.string(), signedAt: z.string().nullable() })),
    access: 'signedIn',
  }),
  /**
   * Signs the dossier's component PDFs in one session (docs/devices.md §7). The password or PIN
   * travels only in this call: never stored, never logged.
   */
  'signing.signDossier': channel({
    input: z.object({
      dossierId: z.string().max(64),
      key: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('p12'), path: z.string().min(1).max(4096), password: z.string().max(1024) }),
        z.object({
          kind: z.literal('pkcs11'),
          modulePath: z.string().min(1).max(4096),
          tokenLabel: z.string().max(32).optional(),
          certificateId: z.string().max(256).optional(),
          pin: z.string().min(1).max(256),
        }),
      ]),
    }),
    output: z.object({
      signed: z.array(z.string()),
      failed: z.array(z.object({ componentCode: z.string(), error: z.object({ code: z.string(), message: z.string() }) })),
    }),
    access: 'signedIn',
  }),
  /**
   * The signatures of a stored PDF that arrived (a result from the back office, a reused document, a
   * file attached at reception), checked against the province's trust anchors (docs/devices.md §7.4).
   */
  'signing.verifyStored': channel({
    input: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
    output: signatureVerdictSchema,
    access: 'signedIn',
  }),
  /**
   * Signs stored PDFs outside a dossier's components (results digitized at the return desk, receipts
   * and notices sent electronically) in one session; answers the signed copies to put where the
   * unsigned files were. The PIN or password travels only in this call.
   */
  'signing.signFiles': channel({
    input: z.object({
      files: z
        .array(z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/), fileName: z.string().max(255) }))
        .min(1)
        .max(100),
      purpose: z.enum(['result', 'notice']),
      key: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('p12'), path: z.string().min(1).max(4096), password: z.string().max(1024) }),
        z.object({
          kind: z.literal('pkcs11'),
          modulePath: z.string().min(1).max(4096),
          tokenLabel: z.string().max(32).optional(),
          certificateId: z.string().max(256).optional(),
          pin: z.string().min(1).max(256),
        }),
      ]),
    }),
    output: z.object({
      signed: z.array(
        z.object({
          from: z.string(),
          file: z.object({ sha256: z.string(), fileName: z.string(), mediaType: z.string(), bytes: z.number() }),
        }),
      ),
      failed: z.array(z.object({ fileName: z.string(), error: z.object({ code: z.string(), message: z.string() }) })),
    }),
    access: 'signedIn',
  }),
  /**
   * Background signing (docs/devices.md §7.6): one session opened with the PIN when the token allows it
   * signs the queued dossiers after the citizen has left; it ends with the officer's choice or sign-out.
   */
  'signing.backgroundStart': channel({
    input: z.object({
      key: z.discriminatedUnion('kind', [
        z.object({ kind: z.literal('p12'), path: z.string().min(1).max(4096), password: z.string().max(1024) }),
        z.object({
          kind: z.literal('pkcs11'),
          modulePath: z.string().min(1).max(4096),
          tokenLabel: z.string().max(32).optional(),
          certificateId: z.string().max(256).optional(),
          pin: z.string().min(1).max(256),
        }),
      ]),
    }),
    output: backgroundSigningStatusSchema,
    access: 'signedIn',
  }),
  'signing.backgroundEnqueue': channel({
    input: z.object({ dossierId: z.string().max(64) }),
    output: backgroundSigningStatusSchema,
    access: 'signedIn',
  }),
  'signing.backgroundStatus': channel({ input: z.object({}), output: backgroundSigningStatusSchema, access: 'signedIn', passive: true }),
  'signing.backgroundStop': channel({ input: z.object({}), output: backgroundSigningStatusSchema, access: 'signedIn' }),
  /** Token libraries to suggest in the signing dialog, those installed here first (docs/devices.md §7.3). */
  'signing.moduleSuggestions': channel({
    input: z.object({}),
    output: z.array(z.object({ vendor: z.string(), path: z.string(), present: z.boolean() })),
    access: 'signedIn',
  }),
  /** One folder of the signing dialog's file picker: sub-folders and the files usable as `purpose`. */
  'signing.browse': channel({
    input: z.object({ dir: z.string().max(4096).nullable(), purpose: z.enum(['module', 'p12']) }),
    output: z.object({
      dir: z.string(),
      parent: z.string().nullable(),
      entries: z.array(z.object({ name: z.string(), path: z.string(), kind: z.enum(['dir', 'file']) })),
    }),
    access: 'signedIn',
  }),
  /** The initialised tokens a PKCS#11 library sees. */
  'signing.tokens': channel({
    input: z.object({ modulePath: z.string().min(1).max(4096) }),
    output: z.array(z.object({ label: z.string(), manufacturer: z.string(), model: z.string(), serialNumber: z.string() })),
    access: 'signedIn',
  }),
  /** The certificates on a token, read without the PIN. */
  'signing.certificates': channel({
    input: z.object({ modulePath: z.string().min(1).max(4096), tokenLabel: z.string().max(32).optional() }),
    output: z.array(z.object({ id: z.string(), subject: z.string(), issuer: z.string(), notAfter: z.string() })),
    access: 'signedIn',
  }),
  'scan.separatorSheets': channel({
    input: z.object({ procedureCode: z.string().max(64) }),
    output: z.object({ pdfBase64: z.string() }),
    access: 'signedIn',
  }),
  'pages.list': channel({
    input: z.object({ sessionId: z.string().max(64) }),
    output: z.array(pageViewSchema),
    access: 'signedIn',
  }),
  'pages.image': channel({
    input: z.object({ pageId: z.string().max(64) }),
    output: z.object({ base64: z.string(), mediaType: z.enum(['image/png', 'image/jpeg']) }),
    access: 'signedIn',
    readsPersonalData: true,
  }),
  'pages.rotate': channel({
    input: z.object({ pageId: z.string().max(64), quarterTurns: z.number().int().min(-3).max(3) }),
    output: pageViewSchema,
    access: 'signedIn',
  }),
  'pages.reorder': channel({
    input: z.object({ sessionId: z.string().max(64), componentCode: z.string().max(64), pageIds: z.array(z.string().max(64)).max(2000) }),
    output: z.array(pageViewSchema),
    access: 'signedIn',
  }),
  'pages.move': channel({
    input: z.object({
      sessionId: z.string().max(64),
      pageIds: z.array(z.string().max(64)).min(1).max(2000),
      toComponent: z.string().max(64),
    }),
    output: z.array(pageViewSchema),
    access: 'signedIn',
  }),
  'pages.remove': channel({
    input: z.object({ pageId: z.string().max(64) }),
    output: z.object({}),
    access: 'signedIn',
  }),
  'pages.suggestions': channel({
    input: z.object({ sessionId: z.string().max(64) }),
    output: z.array(fieldSuggestionSchema),
    access: 'signedIn',
  }),
  'pages.reusable': channel({
    input: z.object({ ownerIdNumber: z.string().max(32) }),
    output: z.array(reusableDocumentSchema),
    access: 'signedIn',
    readsPersonalData: true,
  }),
  'pages.accept': channel({
    input: z.object({ sessionId: z.string().max(64), draft: receptionDraftSchema }),
    output: z.object({ dossier: dossierViewSchema, printJobId: z.string() }),
    access: 'signedIn',
  }),
  /** The periodic report of dossier handling from this counter's data (issue 18 §1, Biểu II.06a). */
  'reports.dossiers': channel({
    input: reportRequestSchema,
    output: dossierReportSchema,
    access: ['supervisor', 'admin'],
  }),
  'reports.exportXlsx': channel({
    input: reportRequestSchema,
    output: z.object({ fileName: z.string(), dataBase64: z.string() }),
    access: ['supervisor', 'admin'],
  }),
  /** The report on A4 through the form printer; the PDF comes back for the screen whatever the printer did. */
  'reports.print': channel({
    input: reportRequestSchema,
    output: z.object({ printed: z.boolean(), savedPath: z.string().nullable(), pdfBase64: z.string() }),
    access: ['supervisor', 'admin'],
  }),
  'digitization.stats': channel({
    input: z.object({ fromDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), toDate: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
    output: z.array(digitizationStatsRowSchema),
    access: ['supervisor', 'admin'],
  }),
  'print.slip': channel({
    input: z.object({ dossierId: z.string().max(64), kind: z.enum(['slip_received', 'slip_returned']) }),
    output: slipResultSchema,
    access: 'signedIn',
  }),
  'devices.list': channel({
    input: z.object({}),
    output: deviceListSchema,
    access: 'signedIn',
  }),
  'devices.settings': channel({
    input: z.object({}),
    output: deviceSettingsSchema,
    access: 'signedIn',
  }),
  'devices.updateSettings': channel({
    input: deviceSettingsSchema,
    output: deviceSettingsSchema,
    access: ['admin'],
  }),
  'devices.test': channel({
    input: deviceTestInputSchema,
    output: deviceTestResultSchema,
    access: ['admin'],
  }),
  /** The admin's scan profiles and the counter's default profile and scanner; the reception scan bar preselects them. */
  'devices.scanSettings': channel({
    input: z.object({}),
    output: scanSettingsSchema,
    access: 'signedIn',
  }),
  'devices.updateScanSettings': channel({
    input: scanSettingsSchema,
    output: scanSettingsSchema,
    access: ['admin'],
  }),
  /** eSCL scanners that answered a DNS-SD query on the local network, for the admin to add. */
  'devices.discoverScanners': channel({
    input: z.object({}),
    output: z.array(z.object({ url: z.string(), name: z.string() })),
    access: ['admin'],
  }),
  /**
   * The reception draft shown on the citizen-facing screen for the citizen to check (issue 18 §2).
   * Sent as the officer edits, so it is passive: it never keeps an abandoned counter from locking.
   */
  'screen.showDraft': channel({
    input: z.object({ draft: receptionDraftSchema }),
    output: z.object({}),
    access: 'signedIn',
    passive: true,
  }),
  /** A new citizen, or the reception form reset: the citizen's screen goes blank at once. */
  'screen.clear': channel({
    input: z.object({}),
    output: z.object({}),
    access: 'signedIn',
    passive: true,
  }),
  /** The citizen's ratings of a dossier, oldest first. */
  'screen.ratings': channel({
    input: z.object({ dossierId: z.string().max(64) }),
    output: z.array(
      z.object({
        stage: z.enum(ratingStages),
        rating: z.enum(satisfactionLevels),
        reasons: z.array(z.enum(dissatisfactionReasons)),
        ratedAt: z.string(),
      }),
    ),
    access: 'signedIn',
  }),
  /** The admin's settings and the monitors Electron sees (none in the browser harness). */
  'screen.settings': channel({
    input: z.object({}),
    output: z.object({ settings: citizenScreenSettingsSchema, displays: z.array(displayInfoSchema) }),
    access: ['admin'],
  }),
  'screen.updateSettings': channel({
    input: citizenScreenSettingsSchema,
    output: citizenScreenSettingsSchema,
    access: ['admin'],
  }),
  'print.outstanding': channel({
    input: z.object({}),
    output: z.array(
      z.object({
        id: z.string(),
        dossierId: z.string().nullable(),
        dossierCode: z.string().nullable(),
        formKey: z.string(),
        status: z.string(),
        createdAt: z.string(),
        lastError: z.string().nullable(),
      }),
    ),
    access: 'signedIn',
  }),
} as const;

export const events = {
  /** A HID-POS or serial reader read a code; the windows route it as they route a keyboard-wedge scan. */
  'reader.scanned': routedScanSchema,
  /** A device's state changed (receipt printer result, reader plugged or unplugged). */
  'devices.status': deviceStatusEventSchema,
  /** A page was captured, cleaned, or taken out as a separator sheet. */
  'scan.page': z.object({ page: pageViewSchema, removed: z.boolean() }),
  'scan.progress': z.object({ sessionId: z.string(), captured: z.number().int(), done: z.boolean() }),
  'ocr.progress': z.object({ sessionId: z.string(), pageId: z.string(), pending: z.number().int() }),
  /** The sync's state changed: a pass started or ended, the queue moved, an error came or went. */
  'sync.progress': syncProgressSchema,
  /** The core ended or locked this client's session (idle timeout, account locked by an admin). */
  'session.changed': z.object({
    state: z.enum(['locked', 'signedOut']),
    reason: z.enum(['idle', 'accountLocked', 'signedOut']),
  }),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type ChannelInput<C extends ChannelName> = z.input<Channels[C]['input']>;
export type ChannelParsedInput<C extends ChannelName> = z.output<Channels[C]['input']>;
export type ChannelOutput<C extends ChannelName> = z.output<Channels[C]['output']>;
export type Events = typeof events;
export type EventName = keyof Events;
export type EventPayload<E extends EventName> = z.output<Events[E]>;

export const channelNames = Object.keys(channels) as ChannelName[];
export const eventNames = Object.keys(events) as EventName[];

export function isChannelName(name: unknown): name is ChannelName {
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(channels, name);
}

/** Prefix of the Electron IPC channel names, so app channels never collide with Electron's own. */
export const IPC_PREFIX = 'api:';
export const IPC_EVENT_CHANNEL = 'api-event';
