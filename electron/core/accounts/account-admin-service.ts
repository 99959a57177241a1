import type { AccountsRepository } from '../../../db/repositories/accounts-repository';
import type { AccountRow } from '../../../db/schema';
import { checkNewPassword } from '../../../shared/auth/credential-policy';
import type { Role } from '../../../shared/auth/roles';
import type { Account } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import type { Clock } from '../platform/clock';
import type { PasswordHasher } from './password-hasher';
import type { AccountLockCommands } from './account-lock-commands';
import { toAccount } from './account-view';
import type { AuditActor, AuditService } from '../audit/audit-service';
import type { AuthService, NewAccountInput } from './auth-service';

export interface AccountAdminDeps {
  accounts: AccountsRepository;
  auth: AuthService;
  audit: AuditService;
  hasher: PasswordHasher;
  clock: Clock;
  transaction: <T>(work: () => T) => T;
  /** Carries a lock or unlock set here to the province, in the change's own transaction. */
  lockCommands: AccountLockCommands;
}

/** What an admin does to accounts; every change is audited in the same transaction. */
export class AccountAdminService {
  constructor(private readonly deps: AccountAdminDeps) {}

  list(): Account[] {
    return this.deps.accounts.list().map(toAccount);
  }

  private find(accountId: string): AccountRow {
    const row = this.deps.accounts.findById(accountId);
    if (!row) throw new AppError('ACCOUNT_NOT_FOUND');
    return row;
  }

  /** The site must always keep one active admin, or nobody could unlock anyone again. */
  private guardLastAdmin(row: AccountRow): void {
    if (row.role === 'admin' && row.status === 'active' && this.deps.accounts.countActiveAdmins() <= 1) {
      throw new AppError('ACCOUNT_LAST_ADMIN');
    }
  }

  async create(actor: AuditActor, input: NewAccountInput): Promise<Account> {
    const valid = await this.deps.auth.validateNewAccount(input);
    const row = this.deps.transaction(() => {
      // New accounts choose their own password at first sign-in; the admin only knows a temporary one.
      const created = this.deps.auth.insertAccount(valid, input.role, true);
      this.deps.audit.record(actor, 'admin.accountCreated', created.username, { role: input.role });
      return created;
    });
    return toAccount(row);
  }

  setLocked(actor: AuditActor, accountId: string, locked: boolean): Account {
    const at = this.deps.clock.now().toISOString();
    const row = this.deps.transaction(() => {
      const current = this.find(accountId);
      if (locked) {
        if (current.id === actor.accountId) throw new AppError('ACCOUNT_SELF_LOCK');
        if (current.status === 'locked') return current;
        this.guardLastAdmin(current);
        const updated = this.deps.accounts.update(accountId, { status: 'locked', lockReason: 'admin', updatedAt: at });
        this.deps.audit.record(actor, 'admin.accountLocked', current.username);
        this.deps.lockCommands.locked(current.username, 'admin', at);
        return updated;
      }
      if (current.status === 'active') return current;
      const updated = this.deps.accounts.update(accountId, {
        status: 'active',
        lockReason: null,
        failedAttempts: 0,
        reactivatedAt: at,
        updatedAt: at,
      });
      this.deps.audit.record(actor, 'admin.accountUnlocked', current.username, { previousReason: current.lockReason });
      this.deps.lockCommands.unlocked(current.username, at);
      return updated;
    });
    if (locked) this.deps.auth.endSessionsOf(accountId, 'accountLocked');
    return toAccount(row);
  }

  async resetPassword(actor: AuditActor, accountId: string, newPassword: string): Promise<Account> {
    const current = this.find(accountId);
    const violation = checkNewPassword(newPassword, current.username);
    if (violation) throw new AppError(violation.code, violation.params);
    const passwordHash = await this.deps.hasher.hash(newPassword);
    const at = this.deps.clock.now().toISOString();
    const row = this.deps.transaction(() => {
      this.find(accountId);
      const updated = this.deps.accounts.update(accountId, {
        passwordHash,
        mustChangePassword: true,
        failedAttempts: 0,
        passwordChangedAt: at,
        updatedAt: at,
      });
      this.deps.audit.record(actor, 'admin.passwordReset', current.username);
      return updated;
    });
    return toAccount(row);
  }

  changeRole(actor: AuditActor, accountId: string, role: Role): Account {
    const row = this.deps.transaction(() => {
      const current = this.find(accountId);
      if (current.role === role) return current;
      if (current.role === 'admin') this.guardLastAdmin(current);
      const updated = this.deps.accounts.update(accountId, { role, updatedAt: this.deps.clock.now().toISOString() });
      this.deps.audit.record(actor, 'admin.roleChanged', current.username, { from: current.role, to: role });
      return updated;
    });
    return toAccount(row);
  }
}
