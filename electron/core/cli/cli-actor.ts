import os from 'node:os';
import type { AuditActor } from '../audit/audit-service';

/** The audit log names the OS account that ran the command, since no app account signed in. */
export function cliActor(): AuditActor {
  return { accountId: null, username: `cli:${os.userInfo().username}` };
}
