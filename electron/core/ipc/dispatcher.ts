import { z } from 'zod';
import { channels, isChannelName, type ChannelName, type ChannelOutput, type ChannelParsedInput } from '../../../shared/ipc/contract';
import { AppError, fail, ok, type Result } from '../../../shared/ipc/result';
import type { Account } from '../../../shared/ipc/contract';
import type { Logger } from '../platform/logger';

export interface CallContext {
  clientId: string;
  /** The signed-in account, for channels that need one. */
  account: Account | null;
}

export type Handler<C extends ChannelName> = (
  input: ChannelParsedInput<C>,
  ctx: CallContext,
) => ChannelOutput<C> | Promise<ChannelOutput<C>>;

export type Handlers = { [C in ChannelName]: Handler<C> };

/** What the dispatcher needs to know about a client's session to enforce access. */
export interface SessionGate {
  resolve(clientId: string): { account: Account; locked: boolean } | null;
  /** Called for each accepted call that is not passive; such a call is user activity for the idle lock. */
  activity(clientId: string, channel: ChannelName): void;
  /** Audits a read of personal data and enforces the account's budget; throws an AppError to refuse it. */
  personalDataRead(account: Account, channel: ChannelName, input: Record<string, unknown>): void;
}

/** Channels a user with a temporary password may still call: sign-in plumbing and the change itself. */
const ALLOWED_BEFORE_PASSWORD_CHANGE = new Set<ChannelName>([
  'auth.session',
  'auth.signOut',
  'auth.heartbeat',
  'auth.lockScreen',
  'auth.unlockScreen',
  'auth.changePassword',
]);

export type { Logger };

function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(dữ liệu)'}: ${issue.message}`).join('; ');
}

/**
 * The core's single entry for every call from every transport: validates the channel and input
 * against the contract, enforces access (signed in, role, idle lock, forced password change),
 * runs the handler and returns errors as data. Nothing thrown escapes.
 */
export function createDispatcher(handlers: Handlers, gate: SessionGate, log: Logger) {
  return async function dispatch(clientId: string, channel: string, rawInput: unknown): Promise<Result<unknown>> {
    if (!isChannelName(channel)) return fail('UNKNOWN_CHANNEL');
    const spec = channels[channel];
    const parsed = spec.input.safeParse(rawInput ?? {});
    if (!parsed.success) return fail('INVALID_INPUT', { details: describeIssues(parsed.error) });

    try {
      const session = gate.resolve(clientId);
      if (spec.access !== 'public') {
        if (!session) return fail('NOT_SIGNED_IN');
        if (session.locked && !spec.allowedWhileLocked) return fail('SESSION_LOCKED');
        if (Array.isArray(spec.access) && !spec.access.includes(session.account.role)) return fail('FORBIDDEN_ROLE');
        if (session.account.mustChangePassword && !ALLOWED_BEFORE_PASSWORD_CHANGE.has(channel)) {
          return fail('AUTH_MUST_CHANGE_PASSWORD');
        }
      }
      if (!spec.passive) gate.activity(clientId, channel);
      if (spec.readsPersonalData && session) gate.personalDataRead(session.account, channel, parsed.data as Record<string, unknown>);
      const handler = handlers[channel] as Handler<ChannelName>;
      const value = await handler(parsed.data as never, { clientId, account: session?.account ?? null });
      return ok(value);
    } catch (error) {
      if (error instanceof AppError) return { ok: false, error: error.toData() };
      log(`channel ${channel} failed`, error);
      return fail('INTERNAL');
    }
  };
}
