import { z } from 'zod';
import { lockReasons, roles, type Role } from '../auth/roles';
import { PASSWORD_MAX_LENGTH, FULL_NAME_MAX_LENGTH } from '../auth/credential-policy';
import { IDLE_LOCK_MINUTES_RANGE } from '../auth/lockout-policy';

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
}

function channel<I extends z.ZodType, O extends z.ZodType>(spec: ChannelSpec<I, O>): ChannelSpec<I, O> {
  return spec;
}

const shortText = (max: number) => z.string().max(max);
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

export const sessionInfoSchema = z.object({
  account: accountSchema,
  locked: z.boolean(),
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

const newAccountInput = z.object({
  username,
  fullName: shortText(FULL_NAME_MAX_LENGTH * 4),
  password,
});

const accountIdInput = z.object({ accountId: z.string().max(64) });

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
    output: z.object({ locked: z.boolean() }),
    access: 'signedIn',
    allowedWhileLocked: true,
  }),
  'auth.lockScreen': channel({
    input: z.object({}),
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
} as const;

export const events = {
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
