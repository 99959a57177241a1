import type { AccountRow } from '../../../db/schema';
import type { Account } from '../../../shared/ipc/contract';

/** The account as other processes see it: never the password hash. */
export function toAccount(row: AccountRow): Account {
  return {
    id: row.id,
    username: row.username,
    fullName: row.fullName,
    role: row.role,
    status: row.status,
    lockReason: row.lockReason ?? null,
    failedAttempts: row.failedAttempts,
    mustChangePassword: row.mustChangePassword,
    createdAt: row.createdAt,
    lastSignInAt: row.lastSignInAt,
  };
}
