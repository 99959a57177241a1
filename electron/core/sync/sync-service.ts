import type { FailedCommand, OutboxSyncRepository } from '../../../db/repositories/outbox-sync-repository';
import type { SettingsRepository } from '../../../db/repositories/settings-repository';
import type { AppErrorData } from '../../../shared/ipc/result';
import { AppError } from '../../../shared/ipc/result';
import type { GatewayClient } from './gateway-client';
import type { SyncEngine, SyncStatus } from './sync-engine';
import type { AuditActor, AuditService } from '../audit/audit-service';

const LAST_SUCCESS_KEY = 'sync.lastSuccessAt';
const FAILURES_SHOWN = 100;

export interface SyncOverview {
  enrolled: boolean;
  gatewayUrl: string | null;
  deviceId: string | null;
  agencyCode: string | null;
  state: SyncStatus['state'];
  pendingCommands: number;
  pendingFiles: number;
  lastSuccessAt: string | null;
  lastError: AppErrorData | null;
  nextAttemptAt: string | null;
  failures: FailedCommand[];
}

export interface SyncServiceDeps {
  client: GatewayClient;
  engine: SyncEngine;
  outbox: OutboxSyncRepository;
  settings: SettingsRepository;
  audit: AuditService;
  /** The site's agency code, empty until the site is configured. */
  siteAgencyCode: () => string;
  /** False for one-shot hosts (the CLI), which run passes themselves and must not leave a loop behind. */
  background?: boolean;
  /** Leases today's numbers from the gateway when none is left (SequenceLeaser.leaseTodayIfEmpty). */
  leaseTodayIfEmpty?: () => Promise<unknown>;
}

/**
 * The counter's view of the sync (issue 6 §7): enrolment, status for the panel and the status bar,
 * "sync now" and retrying a refused command. The engine runs only while the counter is enrolled,
 * so an unenrolled counter makes no network calls at all.
 */
export class SyncService {
  constructor(private readonly deps: SyncServiceDeps) {}

  /** Starts the background loop if the counter is enrolled; never waits for the network. */
  start(): void {
    if (this.deps.background !== false && this.deps.client.credential()) this.deps.engine.start();
  }

  stop(): Promise<void> {
    return this.deps.engine.stop();
  }

  /**
   * Before a reception: an enrolled counter with no number left for today asks the gateway for
   * some, whatever the calendar says (docs/domain.md §4). Offline or refused, reception goes on and
   * finds no number, so the officer gets SEQUENCE_EXHAUSTED and the emergency block path.
   */
  async numbersForToday(): Promise<void> {
    if (!this.deps.client.credential() || !this.deps.leaseTodayIfEmpty) return;
    await this.deps.leaseTodayIfEmpty().catch(() => undefined);
  }

  /** The gateway client, for calls beside the outbox: the province-wide look-up (issue 14 §1). */
  province(): GatewayClient {
    return this.deps.client;
  }

  /** Pushes the outbox now and waits for the answer; rejects when the push fails as a whole (offline). */
  pushNow(): Promise<unknown> {
    return this.deps.engine.pushOnce();
  }

  /** Push soon: a dossier was just accepted or returned. */
  nudge(): void {
    this.deps.engine.nudge();
  }

  /** The engine reports a success; the time outlives a restart so the panel is honest after one. */
  recordStatus(status: SyncStatus): void {
    if (status.lastSuccessAt && status.lastSuccessAt !== this.deps.settings.get(LAST_SUCCESS_KEY)) {
      this.deps.settings.set(LAST_SUCCESS_KEY, status.lastSuccessAt, status.lastSuccessAt);
    }
  }

  async enroll(actor: AuditActor, input: { gatewayUrl: string; code: string; counterName: string }): Promise<SyncOverview> {
    await this.deps.engine.stop();
    const previous = this.deps.client.credential();
    try {
      const { deviceId, agencyCode } = await this.deps.client.enroll(input.gatewayUrl, input.code, input.counterName);
      const siteAgency = this.deps.siteAgencyCode();
      if (siteAgency && siteAgency !== agencyCode) {
        // Codes of this counter carry the site's agency; a device of another agency could push none of them.
        this.restore(previous);
        throw new AppError('SYNC_AGENCY_MISMATCH', { enrolled: agencyCode, site: siteAgency });
      }
      this.deps.audit.record(actor, 'sync.enrolled', deviceId, { agencyCode, gatewayUrl: this.deps.client.credential()?.gatewayUrl ?? '' });
    } finally {
      this.start();
    }
    return this.overview();
  }

  overview(): SyncOverview {
    const credential = this.deps.client.credential();
    const status = this.deps.engine.status();
    const stored = this.deps.settings.get(LAST_SUCCESS_KEY);
    return {
      enrolled: credential !== null,
      gatewayUrl: credential?.gatewayUrl ?? null,
      deviceId: credential?.deviceId ?? null,
      agencyCode: credential?.agencyCode ?? null,
      state: status.state,
      pendingCommands: this.deps.outbox.pendingCount(),
      pendingFiles: this.deps.outbox.pendingFileCount(),
      lastSuccessAt: status.lastSuccessAt ?? (typeof stored === 'string' ? stored : null),
      lastError: status.lastError,
      nextAttemptAt: status.nextAttemptAt,
      failures: this.deps.outbox.failures(FAILURES_SHOWN),
    };
  }

  /** Runs a whole pass now; a failure is reported in the overview, never thrown at the officer twice. */
  async syncNow(): Promise<SyncOverview> {
    if (!this.deps.client.credential()) throw new AppError('SYNC_NOT_ENROLLED');
    await this.deps.engine.runNow();
    return this.overview();
  }

  async retryItem(actor: AuditActor, commandId: string): Promise<SyncOverview> {
    if (!this.deps.outbox.clearFailure(commandId)) throw new AppError('SYNC_ITEM_NOT_FOUND');
    this.deps.audit.record(actor, 'sync.itemRetried', commandId);
    return this.syncNow();
  }

  private restore(previous: ReturnType<GatewayClient['credential']>): void {
    if (previous) this.deps.client.saveCredential(previous);
    else this.deps.client.forgetCredential();
  }
}
