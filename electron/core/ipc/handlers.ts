import { AppError } from '../../../shared/ipc/result';
import type { AccountAdminService } from '../services/account-admin-service';
import type { AuditService } from '../services/audit-service';
import { actorOf, type AuthService } from '../services/auth-service';
import type { HealthService } from '../services/health-service';
import type { SettingsService } from '../services/settings-service';
import type { CallContext, Handlers } from './dispatcher';

export interface HandlerServices {
  auth: AuthService;
  accounts: AccountAdminService;
  audit: AuditService;
  settings: SettingsService;
  health: HealthService;
}

/** The dispatcher has already checked access; this only guards the type for channels that need an account. */
function signedIn(ctx: CallContext) {
  if (!ctx.account) throw new AppError('NOT_SIGNED_IN');
  return actorOf(ctx.account);
}

/** One line per channel: the handler table is the map from the contract to the services. */
export function createHandlers(s: HandlerServices): Handlers {
  return {
    'app.firstRunStatus': () => s.auth.firstRunStatus(),
    'app.createFirstAdmin': (input) => s.auth.createFirstAdmin(input),
    'auth.session': (_input, ctx) => s.auth.session(ctx.clientId),
    'auth.signIn': (input, ctx) => s.auth.signIn(ctx.clientId, input),
    'auth.signOut': (_input, ctx) => {
      s.auth.signOut(ctx.clientId);
      return {};
    },
    'auth.heartbeat': (_input, ctx) => ({ locked: s.auth.current(ctx.clientId)?.locked ?? false }),
    'auth.lockScreen': (_input, ctx) => {
      s.auth.lockScreen(ctx.clientId);
      return {};
    },
    'auth.unlockScreen': (input, ctx) => s.auth.unlockScreen(ctx.clientId, input.password),
    'auth.changePassword': (input, ctx) => s.auth.changePassword(ctx.clientId, input),
    'admin.listAccounts': () => s.accounts.list(),
    'admin.createAccount': (input, ctx) => s.accounts.create(signedIn(ctx), input),
    'admin.setAccountLocked': (input, ctx) => s.accounts.setLocked(signedIn(ctx), input.accountId, input.locked),
    'admin.resetPassword': (input, ctx) => s.accounts.resetPassword(signedIn(ctx), input.accountId, input.newPassword),
    'admin.changeRole': (input, ctx) => s.accounts.changeRole(signedIn(ctx), input.accountId, input.role),
    'admin.getSettings': () => s.settings.get(),
    'admin.updateSettings': (input, ctx) => s.settings.update(signedIn(ctx), input),
    'audit.list': (input) => s.audit.list(input.limit, input.beforeSeq),
    'audit.verify': () => s.audit.verify(),
    'health.info': () => s.health.info(),
  };
}
