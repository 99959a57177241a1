import type { WorkingCalendar } from '../../../shared/domain/working-time';
import { AppError } from '../../../shared/ipc/result';
import { byDeadline, slaClock, type SlaState } from '../../../shared/online/online-deadline';
import type { OnlineClaim, RemoteOnlineDossier } from '../../../shared/online/online-queue-protocol';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../platform/clock';

/** The province's side of the queue (electron/core/sync/gateway-client.ts), as this room needs it. */
export interface ProvinceOnlineDossiers {
  enrolled(): boolean;
  listOnlineDossiers(): Promise<RemoteOnlineDossier[]>;
  claimOnlineDossier(id: string, officer: { username: string; fullName: string }): Promise<OnlineClaim>;
  onlineDossierFile(id: string, sha256: string): Promise<Uint8Array>;
}

/** Where a viewed file is kept (platform/file-store.ts): accepting the dossier then references it like a counter upload. */
export interface OnlineFileStore {
  has(sha256: string): boolean;
  put(bytes: Uint8Array): { sha256: string; bytes: number };
  read(sha256: string): Uint8Array;
}

export type QueuedDossier = RemoteOnlineDossier & { sla: SlaState };

export type OnlineQueue =
  | { online: true; count: number; dossiers: QueuedDossier[] }
  | { online: false; reason: 'offline' | 'notEnrolled'; message: string | null; count: 0; dossiers: [] };

/** Failures that mean "the province cannot be reached now", not "the province said no". */
const UNREACHABLE = new Set(['SYNC_OFFLINE', 'SYNC_TIMEOUT', 'SYNC_GATEWAY_ERROR', 'SYNC_GATEWAY_GARBAGE']);

export interface OnlineQueueDeps {
  province: ProvinceOnlineDossiers;
  clock: Clock;
  /** The agency's working calendar (calendar room), read at each listing so an edit shows at once. */
  calendar: () => WorkingCalendar;
  files: OnlineFileStore;
  /** Viewing a citizen's file is audited like any dossier file (audit room). */
  audit: Pick<AuditService, 'record'>;
  /** Called once for each file fetched and stored here: a signed PDF's signatures are checked as it arrives. */
  arrived?: (sha256: string) => Promise<unknown>;
}

/**
 * The "Hồ sơ trực tuyến" queue (issue 15 §1): the agency's online and postal dossiers waiting on the
 * gateway, each with its SLA clock (time left in working hours and colour, shared/online/online-deadline.ts),
 * earliest deadline first. The deadline is the gateway's; only the time left is reckoned here, at the
 * counter's clock, so the colour moves without asking the province again.
 */
export class OnlineQueueService {
  constructor(private readonly deps: OnlineQueueDeps) {}

  async list(): Promise<OnlineQueue> {
    if (!this.deps.province.enrolled()) return { online: false, reason: 'notEnrolled', message: null, count: 0, dossiers: [] };
    let remote: RemoteOnlineDossier[];
    try {
      remote = await this.deps.province.listOnlineDossiers();
    } catch (error) {
      if (error instanceof AppError && UNREACHABLE.has(error.code)) {
        return { online: false, reason: 'offline', message: error.message, count: 0, dossiers: [] };
      }
      throw error;
    }
    const sla = slaClock(this.deps.clock.now(), this.deps.calendar());
    const dossiers = remote.map((d) => ({ ...d, sla: sla(d.deadline) })).sort(byDeadline);
    return { online: true, count: dossiers.length, dossiers };
  }

  /**
   * Claims a dossier for the officer so no one else checks it meanwhile (a lease on the gateway); when
   * another officer holds it, ONLINE_DOSSIER_HELD says who and until when. The claim brings what the
   * citizen filed (applicant, contacts, file links) to check against the procedure's checklist.
   */
  claim(officer: { username: string; fullName: string }, id: string): Promise<OnlineClaim> {
    if (!this.deps.province.enrolled()) throw new AppError('SYNC_NOT_ENROLLED');
    return this.deps.province.claimOnlineDossier(id, { username: officer.username, fullName: officer.fullName });
  }

  /** The files filed online that an acceptance names, fetched now where this counter has not viewed them. */
  async keepFiles(id: string, sha256s: string[]): Promise<void> {
    for (const sha256 of new Set(sha256s)) {
      if (this.deps.files.has(sha256)) continue;
      if (!this.deps.province.enrolled()) throw new AppError('SYNC_NOT_ENROLLED');
      this.deps.files.put(await this.deps.province.onlineDossierFile(id, sha256));
      // A file whose signatures cannot be checked is still the citizen's file: shown, its badge says why.
      await this.deps.arrived?.(sha256).catch(() => undefined);
    }
  }

  /**
   * A file the citizen filed, fetched from the gateway once (checked against its sha256) and kept in the file
   * store, so the officer's view is shown from here and accepting the dossier names a file this counter holds.
   */
  async file(officer: { accountId: string; username: string }, id: string, sha256: string): Promise<Uint8Array> {
    await this.keepFiles(id, [sha256]);
    this.deps.audit.record({ accountId: officer.accountId, username: officer.username }, 'dossier.fileViewed', `online:${id}`, { sha256 });
    return this.deps.files.read(sha256);
  }
}
