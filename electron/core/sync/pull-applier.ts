import type { AccountsRepository } from '../../../db/repositories/accounts-repository';
import type { CalendarRepository } from '../../../db/repositories/calendar-repository';
import type { CatalogRepository } from '../../../db/repositories/catalog-repository';
import type { DossierRepository } from '../../../db/repositories/dossier-repository';
import type { SettingsRepository } from '../../../db/repositories/settings-repository';
import type { AgencyData, Change, DossierLifecycleData, DossierStatusData, StaffData } from '../../../shared/sync/protocol';
import { DOSSIER_STATUS } from '../../../shared/reception/dossier-status';

/** Settings keys the pull keeps its state under; written in the transaction of the changes. */
export const PULL_CURSOR_KEY = 'sync.pullCursor';
export const AGENCIES_KEY = 'sync.agencies';

/** Who the history names for a status the province posted. */
export const PROVINCE_ACTOR = 'Hệ thống một cửa của tỉnh';

export interface PullApplierDeps {
  catalog: CatalogRepository;
  calendar: CalendarRepository;
  accounts: AccountsRepository;
  dossiers: DossierRepository;
  settings: SettingsRepository;
  newId: () => string;
  transaction: <T>(work: () => T) => T;
}

export interface AppliedPage {
  applied: number;
  /** Accounts the province locked: their open sessions here must end now. */
  lockedAccountIds: string[];
  catalogChanged: boolean;
}

/**
 * Writes one page of the province's change feed into the counter's database, together with the
 * cursor that follows it, in one transaction: a crash leaves either the page and its cursor or
 * neither. Every change is an upsert keyed by what the province keys it by, so a page applied
 * twice (the cursor write was lost, the gateway repeated itself) changes nothing the second time.
 */
export class PullApplier {
  constructor(private readonly deps: PullApplierDeps) {}

  cursor(): string {
    const stored = this.deps.settings.get(PULL_CURSOR_KEY);
    return typeof stored === 'string' ? stored : '';
  }

  agencies(): Record<string, AgencyData> {
    return (this.deps.settings.get(AGENCIES_KEY) as Record<string, AgencyData> | undefined) ?? {};
  }

  applyPage(changes: Change[], nextCursor: string, at: string): AppliedPage {
    return this.deps.transaction(() => {
      const page: AppliedPage = { applied: 0, lockedAccountIds: [], catalogChanged: false };
      for (const change of changes) {
        if (this.applyOne(change, at, page)) page.applied += 1;
      }
      this.deps.settings.set(PULL_CURSOR_KEY, nextCursor, at);
      return page;
    });
  }

  /** True when the change altered something. */
  private applyOne(change: Change, at: string, page: AppliedPage): boolean {
    switch (change.kind) {
      case 'procedure':
        this.deps.catalog.upsert(change.data, at);
        page.catalogChanged = true;
        return true;
      case 'agency':
        this.deps.settings.set(AGENCIES_KEY, { ...this.agencies(), [change.data.code]: change.data }, at);
        return true;
      case 'calendarDay':
        this.deps.calendar.upsert({ ...change.data, updatedAt: at });
        return true;
      case 'staff':
        return this.applyStaff(change.data, at, page);
      case 'dossierStatus':
        return this.applyDossierStatus(change.data, at);
      case 'dossierLifecycle':
        return this.applyDossierLifecycle(change.data, at);
    }
  }

  /**
   * The province's record wins for identity, role and password hash, so any officer signs in at
   * any counter offline. Its lock flag wins too: a lock set at one counter reaches every other
   * one, and an unlock by the province clears a lock here whatever its cause.
   */
  private applyStaff(staff: StaffData, at: string, page: AppliedPage): boolean {
    const current = this.deps.accounts.findByUsername(staff.username);
    // Administration stays with the counter (issue 17 finding 1): the feed never makes an admin and
    // never touches a local admin's account, whatever the network or the province's data says.
    if (staff.role === 'admin' || current?.role === 'admin') return false;
    // A counter's published lock says why, so the officer sees the same reason everywhere.
    const lock = staff.locked
      ? { status: 'locked' as const, lockReason: staff.lockReason ?? current?.lockReason ?? ('admin' as const) }
      : { status: 'active' as const, lockReason: null };
    if (!current) {
      this.deps.accounts.insert({
        id: this.deps.newId(),
        username: staff.username,
        fullName: staff.fullName,
        role: staff.role,
        passwordHash: staff.passwordHash,
        ...lock,
        mustChangePassword: staff.mustChangePassword,
        // Not the day it reached this counter: an account pulled today is as old, and as recently used,
        // as the province knows it, so the one-year inactivity lock counts from there (docs/architecture.md §9).
        createdAt: staff.createdAt ?? staff.lastSignInAt ?? at,
        lastSignInAt: staff.lastSignInAt ?? null,
        updatedAt: at,
        passwordChangedAt: at,
      });
      return true;
    }
    const lastSignInAt =
      [current.lastSignInAt, staff.lastSignInAt]
        .filter((t): t is string => Boolean(t))
        .sort()
        .at(-1) ?? null;
    const passwordChanged = current.passwordHash !== staff.passwordHash;
    const lockChanged = (current.status === 'locked') !== staff.locked;
    const same =
      !passwordChanged &&
      !lockChanged &&
      current.fullName === staff.fullName &&
      current.role === staff.role &&
      current.mustChangePassword === staff.mustChangePassword &&
      current.lastSignInAt === lastSignInAt;
    if (same) return false;
    this.deps.accounts.update(current.id, {
      lastSignInAt,
      fullName: staff.fullName,
      role: staff.role,
      passwordHash: staff.passwordHash,
      mustChangePassword: staff.mustChangePassword,
      updatedAt: at,
      ...(passwordChanged ? { passwordChangedAt: at } : {}),
      ...(lockChanged ? { ...lock, ...(staff.locked ? {} : { failedAttempts: 0, reactivatedAt: at }) } : {}),
    });
    if (lockChanged && staff.locked) page.lockedAccountIds.push(current.id);
    return true;
  }

  /**
   * A lifecycle event recorded at another counter of the agency (or this one: its own event comes
   * back through the feed and is already in the history) joins the history once, by its id, and the
   * dossier takes the status and due date the gateway computed (docs/domain.md §3.4).
   */
  private applyDossierLifecycle(change: DossierLifecycleData, at: string): boolean {
    const row = this.deps.dossiers.findByCode(change.code);
    if (!row) return false;
    if (this.deps.dossiers.events(row.id).some((event) => event.id === change.event.id)) return false;
    const { payload, ...event } = change.event;
    this.deps.dossiers.insertEvent({ ...event, dossierId: row.id, actorAccountId: null, payload: JSON.stringify(payload) });
    if (row.status === DOSSIER_STATUS.returned) return true;
    this.deps.dossiers.updateView(row.id, { ...row.view, status: change.status, dueLocal: change.dueLocal }, at);
    return true;
  }

  /**
   * The history gets the province's event once (by its id); the current status follows it unless
   * the result was already handed back here, which no later processing step can undo.
   */
  private applyDossierStatus(change: DossierStatusData, at: string): boolean {
    const row = this.deps.dossiers.findByCode(change.code);
    if (!row) return false;
    if (this.deps.dossiers.events(row.id).some((event) => event.id === change.eventId)) return false;
    this.deps.dossiers.insertEvent({
      id: change.eventId,
      dossierId: row.id,
      type: 'statusFromProvince',
      status: change.status,
      at: change.at,
      actorAccountId: null,
      actorName: PROVINCE_ACTOR,
      payload: JSON.stringify({ note: change.note }),
    });
    if (row.status === DOSSIER_STATUS.returned) return true;
    this.deps.dossiers.updateView(row.id, { ...row.view, status: change.status }, at);
    return true;
  }
}
