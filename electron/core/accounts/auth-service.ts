import type { AccountsRepository } from '../../../db/repositories/accounts-repository';
import type { SessionsRepository } from '../../../db/repositories/sessions-repository';
import type { AccountRow } from '../../../db/schema';
import {
  checkFullName,
  checkNewPassword,
  checkUsername,
  normalizeFullName,
  normalizeUsername,
  type PolicyViolation,
} from '../../../shared/auth/credential-policy';
import { isIdleExpired, isInactiveTooLong, MAX_FAILED_ATTEMPTS, registerFailedAttempt } from '../../../shared/auth/lockout-policy';
import type { LockReason, Role } from '../../../shared/auth/roles';
import type { Account, ScreenLockCause, SessionInfo } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import type { ErrorCode } from '../../../shared/i18n/vi';
import type { Clock } from '../platform/clock';
import type { PasswordHasher } from './password-hasher';
import type { AccountLockCommands } from './account-lock-commands';
import { toAccount } from './account-view';
import { SYSTEM_ACTOR, type AuditActor, type AuditService } from '../audit/audit-service';
import type { LiveSession, SessionRegistry } from './session-registry';
import type { SettingsService } from '../site/settings-service';

export interface AuthDeps {
  accounts: AccountsRepository;
  sessions: SessionsRepository;
  registry: SessionRegistry;
  audit: AuditService;
  settings: SettingsService;
  hasher: PasswordHasher;
  clock: Clock;
  newId: () => string;
  transaction: <T>(work: () => T) => T;
  /** Carries a lock set here to the province, in the lock's own transaction. */
  lockCommands: AccountLockCommands;
  /** Tells a client its session was locked or ended behind its back. */
  notify: (clientId: string, state: 'locked' | 'signedOut', reason: 'idle' | 'accountLocked' | 'signedOut') => void;
}

export interface NewAccountInput {
  username: string;
  fullName: string;
  password: string;
  role: Role;
}

const LOCK_MESSAGES: Record<LockReason, ErrorCode> = {
  failedAttempts: 'AUTH_ACCOUNT_LOCKED_FAILED_ATTEMPTS',
  inactive: 'AUTH_ACCOUNT_LOCKED_INACTIVE',
  admin: 'AUTH_ACCOUNT_LOCKED_BY_ADMIN',
};

function throwViolation(violation: PolicyViolation | null): void {
  if (violation) throw new AppError(violation.code, violation.params);
}

export function actorOf(account: Pick<AccountRow, 'id' | 'username'>): AuditActor {
  return { accountId: account.id, username: account.username };
}

/** Sign-in, screen lock and the lockout rules. Account administration lives in AccountAdminService. */
export class AuthService {
  /** Compared against when the username is unknown, so both paths cost one KDF run. */
  private dummyHash: Promise<string> | undefined;
  /**
   * Wrong attempts at usernames that do not exist, counted like an account's, so an unknown name gets
   * the same answers as a wrong password (remaining tries, then "locked") and reveals nothing about
   * which usernames exist (issue 13 point 10). Kept in memory only: there is no account to store it on.
   */
  private readonly unknownAttempts = new Map<string, number>();

  constructor(private readonly deps: AuthDeps) {}

  private now(): Date {
    return this.deps.clock.now();
  }

  firstRunStatus(): { needsFirstAdmin: boolean } {
    return { needsFirstAdmin: this.deps.accounts.count() === 0 };
  }

  async validateNewAccount(input: NewAccountInput): Promise<{ username: string; fullName: string; passwordHash: string }> {
    throwViolation(checkUsername(input.username));
    throwViolation(checkFullName(input.fullName));
    const username = normalizeUsername(input.username);
    throwViolation(checkNewPassword(input.password, username));
    if (this.deps.accounts.findByUsername(username)) throw new AppError('USERNAME_TAKEN', { username });
    return { username, fullName: normalizeFullName(input.fullName), passwordHash: await this.deps.hasher.hash(input.password) };
  }

  /** Inserts inside the caller's transaction; re-checks the username there, since hashing yielded. */
  insertAccount(valid: { username: string; fullName: string; passwordHash: string }, role: Role, mustChangePassword: boolean): AccountRow {
    if (this.deps.accounts.findByUsername(valid.username)) throw new AppError('USERNAME_TAKEN', { username: valid.username });
    const at = this.now().toISOString();
    return this.deps.accounts.insert({
      id: this.deps.newId(),
      ...valid,
      role,
      status: 'active',
      lockReason: null,
      failedAttempts: 0,
      mustChangePassword,
      createdAt: at,
      updatedAt: at,
      passwordChangedAt: at,
    });
  }

  async createFirstAdmin(input: Omit<NewAccountInput, 'role'>): Promise<Account> {
    if (!this.firstRunStatus().needsFirstAdmin) throw new AppError('AUTH_FIRST_RUN_DONE');
    const valid = await this.validateNewAccount({ ...input, role: 'admin' });
    const row = this.deps.transaction(() => {
      if (!this.firstRunStatus().needsFirstAdmin) throw new AppError('AUTH_FIRST_RUN_DONE');
      const created = this.insertAccount(valid, 'admin', false);
      this.deps.audit.record(actorOf(created), 'app.firstAdminCreated', created.username, { role: 'admin' });
      return created;
    });
    return toAccount(row);
  }

  private sessionInfo(live: LiveSession): SessionInfo {
    const account = this.deps.accounts.findById(live.accountId);
    if (!account) throw new AppError('NOT_SIGNED_IN');
    return {
      account: toAccount(account),
      locked: live.locked,
      lockCause: live.locked ? (live.lockCause ?? 'idle') : null,
      idleLockMinutes: this.deps.settings.get().idleLockMinutes,
    };
  }

  /** Call inside a transaction: the lock, its audit entry and its outbox command commit together. */
  private lockAccount(account: AccountRow, reason: LockReason, failedAttempts = account.failedAttempts): AccountRow {
    const at = this.now().toISOString();
    const updated = this.deps.accounts.update(account.id, {
      status: 'locked',
      lockReason: reason,
      failedAttempts,
      updatedAt: at,
    });
    this.deps.audit.record(SYSTEM_ACTOR, 'auth.accountLocked', account.username, { reason });
    this.deps.lockCommands.locked(account.username, reason, at);
    return updated;
  }

  /** Ends every live session of an account (locked by an admin or by failed unlock attempts). */
  endSessionsOf(accountId: string, reason: 'accountLocked' | 'signedOut'): void {
    const at = this.now().toISOString();
    for (const live of this.deps.registry.forAccount(accountId)) {
      this.deps.registry.delete(live.clientId);
      this.deps.sessions.end(live.sessionId, at, reason);
      this.deps.notify(live.clientId, 'signedOut', reason);
    }
  }

  /**
   * Counts a wrong password against the account, locking it on the fifth in a row, and returns
   * the error to show. Shared by sign-in, screen unlock and password change.
   */
  private failedPassword(account: AccountRow, context: string): AppError {
    const outcome = registerFailedAttempt(account.failedAttempts);
    this.deps.transaction(() => {
      this.deps.audit.record(actorOf(account), 'auth.signInFailed', account.username, {
        context,
        failedAttempts: outcome.failedAttempts,
      });
      if (outcome.kind === 'locked') {
        this.lockAccount(account, 'failedAttempts', outcome.failedAttempts);
      } else {
        this.deps.accounts.update(account.id, { failedAttempts: outcome.failedAttempts, updatedAt: this.now().toISOString() });
      }
    });
    if (outcome.kind === 'locked') {
      this.endSessionsOf(account.id, 'accountLocked');
      return new AppError('AUTH_ACCOUNT_LOCKED_FAILED_ATTEMPTS');
    }
    return new AppError('AUTH_INVALID_CREDENTIALS_REMAINING', { remaining: outcome.remaining });
  }

  async signIn(clientId: string, input: { username: string; password: string }): Promise<SessionInfo> {
    if (this.firstRunStatus().needsFirstAdmin) throw new AppError('AUTH_FIRST_RUN_REQUIRED');
    const username = normalizeUsername(input.username);
    const account = username.length > 0 ? this.deps.accounts.findByUsername(username) : undefined;
    if (!account) {
      this.dummyHash ??= this.deps.hasher.hash('dummy-password-0');
      await this.deps.hasher.verify(input.password, await this.dummyHash);
      this.deps.audit.record(SYSTEM_ACTOR, 'auth.signInFailed', username.slice(0, 64) || null, { context: 'unknownUser' });
      // No account can have an empty name, so that answer gives nothing away.
      if (!username) throw new AppError('AUTH_INVALID_CREDENTIALS');
      const key = username.slice(0, 64);
      const previous = this.unknownAttempts.get(key) ?? 0;
      if (previous >= MAX_FAILED_ATTEMPTS) throw new AppError(LOCK_MESSAGES.failedAttempts);
      const outcome = registerFailedAttempt(previous);
      // Bounded, so a script trying random names cannot grow it without end.
      if (this.unknownAttempts.size >= 1000) this.unknownAttempts.clear();
      this.unknownAttempts.set(key, outcome.failedAttempts);
      throw outcome.kind === 'locked'
        ? new AppError('AUTH_ACCOUNT_LOCKED_FAILED_ATTEMPTS')
        : new AppError('AUTH_INVALID_CREDENTIALS_REMAINING', { remaining: outcome.remaining });
    }
    if (account.status === 'locked') {
      this.deps.audit.record(actorOf(account), 'auth.signInFailed', account.username, { context: 'locked' });
      throw new AppError(LOCK_MESSAGES[account.lockReason ?? 'admin']);
    }
    if (isInactiveTooLong(account, this.now())) {
      this.deps.transaction(() => this.lockAccount(account, 'inactive'));
      throw new AppError('AUTH_ACCOUNT_LOCKED_INACTIVE');
    }
    if (!(await this.deps.hasher.verify(input.password, account.passwordHash))) {
      // Re-read: another sign-in attempt may have counted a failure while the KDF ran.
      throw this.failedPassword(this.deps.accounts.findById(account.id) ?? account, 'signIn');
    }

    const now = this.now();
    const at = now.toISOString();
    const live: LiveSession = {
      sessionId: this.deps.newId(),
      clientId,
      accountId: account.id,
      locked: false,
      lastActivityAt: now.getTime(),
    };
    this.deps.transaction(() => {
      const current = this.deps.accounts.findById(account.id);
      if (!current || current.status === 'locked') throw new AppError(LOCK_MESSAGES[current?.lockReason ?? 'admin']);
      this.deps.accounts.update(account.id, { failedAttempts: 0, lastSignInAt: at, updatedAt: at });
      // Admins are this counter's own (issue 17 finding 1); an officer's sign-in counts province-wide.
      if (account.role !== 'admin') this.deps.lockCommands.signedIn(account.username, at);
      const previous = this.deps.registry.get(clientId);
      if (previous) this.deps.sessions.end(previous.sessionId, at, 'signedOut');
      this.deps.sessions.start({ id: live.sessionId, accountId: account.id, startedAt: at });
      this.deps.audit.record(actorOf(account), 'auth.signedIn', account.username);
    });
    this.deps.registry.set(live);
    return this.sessionInfo(live);
  }

  /** The live session of a client after applying the idle rule; undefined when signed out. */
  current(clientId: string): LiveSession | undefined {
    const live = this.deps.registry.get(clientId);
    if (live && !live.locked && isIdleExpired(live.lastActivityAt, this.now().getTime(), this.deps.settings.get().idleLockMinutes)) {
      this.lock(live, 'idle');
    }
    return live;
  }

  session(clientId: string): SessionInfo | null {
    const live = this.current(clientId);
    return live ? this.sessionInfo(live) : null;
  }

  touch(clientId: string): void {
    const live = this.deps.registry.get(clientId);
    if (live && !live.locked) live.lastActivityAt = this.now().getTime();
  }

  /** `byClient`: the client asked for it (its lock button or its own idle timer), so it knows already. */
  private lock(live: LiveSession, reason: ScreenLockCause, byClient = false): void {
    live.locked = true;
    live.lockCause = reason;
    const account = this.deps.accounts.findById(live.accountId);
    this.deps.audit.record(account ? actorOf(account) : SYSTEM_ACTOR, 'auth.screenLocked', account?.username ?? null, { reason });
    if (!byClient) this.deps.notify(live.clientId, 'locked', 'idle');
  }

  lockScreen(clientId: string, cause: ScreenLockCause = 'manual'): void {
    const live = this.current(clientId);
    if (live && !live.locked) this.lock(live, cause, true);
  }

  /** Locks every session idle longer than the setting; run on a timer so an unattended screen locks on time. */
  sweepIdle(): void {
    for (const live of this.deps.registry.all()) this.current(live.clientId);
  }

  async unlockScreen(clientId: string, password: string): Promise<SessionInfo> {
    const live = this.deps.registry.get(clientId);
    if (!live) throw new AppError('NOT_SIGNED_IN');
    const account = this.deps.accounts.findById(live.accountId);
    if (!account || account.status === 'locked') {
      this.endSessionsOf(live.accountId, 'accountLocked');
      throw new AppError(LOCK_MESSAGES[account?.lockReason ?? 'admin']);
    }
    if (!(await this.deps.hasher.verify(password, account.passwordHash))) {
      throw this.failedPassword(this.deps.accounts.findById(account.id) ?? account, 'unlockScreen');
    }
    const at = this.now();
    this.deps.transaction(() => {
      this.deps.accounts.update(account.id, { failedAttempts: 0, updatedAt: at.toISOString() });
      this.deps.audit.record(actorOf(account), 'auth.screenUnlocked', account.username);
    });
    live.locked = false;
    live.lastActivityAt = at.getTime();
    return this.sessionInfo(live);
  }

  async changePassword(clientId: string, input: { currentPassword: string; newPassword: string }): Promise<SessionInfo> {
    const live = this.deps.registry.get(clientId);
    if (!live) throw new AppError('NOT_SIGNED_IN');
    const account = this.deps.accounts.findById(live.accountId);
    if (!account) throw new AppError('NOT_SIGNED_IN');
    if (!(await this.deps.hasher.verify(input.currentPassword, account.passwordHash))) {
      const error = this.failedPassword(this.deps.accounts.findById(account.id) ?? account, 'changePassword');
      throw error.code === 'AUTH_INVALID_CREDENTIALS_REMAINING' ? new AppError('AUTH_WRONG_CURRENT_PASSWORD') : error;
    }
    throwViolation(checkNewPassword(input.newPassword, account.username));
    const passwordHash = await this.deps.hasher.hash(input.newPassword);
    const at = this.now().toISOString();
    this.deps.transaction(() => {
      this.deps.accounts.update(account.id, {
        passwordHash,
        mustChangePassword: false,
        failedAttempts: 0,
        passwordChangedAt: at,
        updatedAt: at,
      });
      this.deps.audit.record(actorOf(account), 'auth.passwordChanged', account.username);
    });
    return this.sessionInfo(live);
  }

  signOut(clientId: string, reason: 'signedOut' | 'appClosed' = 'signedOut'): void {
    const live = this.deps.registry.delete(clientId);
    if (!live) return;
    const account = this.deps.accounts.findById(live.accountId);
    this.deps.transaction(() => {
      this.deps.sessions.end(live.sessionId, this.now().toISOString(), reason);
      this.deps.audit.record(account ? actorOf(account) : SYSTEM_ACTOR, 'auth.signedOut', account?.username ?? null, { reason });
    });
  }
}
