import type { OutboxRepository } from '../../../db/repositories/outbox-repository';
import type { LockReason } from '../../../shared/auth/roles';
import type { CommandKind } from '../../../shared/sync/protocol';

/**
 * Writes the outbox commands that carry a lock or an unlock set at this counter, and each sign-in,
 * to the province, which publishes them to the agency's other counters (issue 6 §5). Call inside the transaction of
 * the local change, like every outbox write.
 *
 * A lock for inactivity is not sent: every counter decides it from the latest sign-in anywhere in
 * the province, which the sign-ins sent here keep current.
 */
export class AccountLockCommands {
  constructor(
    private readonly outbox: OutboxRepository,
    private readonly newId: () => string,
  ) {}

  locked(username: string, reason: LockReason, at: string): void {
    if (reason === 'inactive') return;
    this.append('account.locked', { username, reason, at }, at);
  }

  unlocked(username: string, at: string): void {
    this.append('account.unlocked', { username, at }, at);
  }

  /** A sign-in here, so the province's inactivity count sees it (docs/architecture.md §9). */
  signedIn(username: string, at: string): void {
    this.append('account.signedIn', { username, at }, at);
  }

  private append(kind: CommandKind, payload: { username: string; at: string; reason?: LockReason }, at: string): void {
    this.outbox.append({ id: this.newId(), dossierId: null, kind, payload, createdAt: at });
  }
}
