import type { DossierRepository } from '../../../db/repositories/dossier-repository';
import type { OutboxRepository } from '../../../db/repositories/outbox-repository';
import { AppError } from '../../../shared/ipc/result';
import type { DossierView } from '../../../shared/reception/dossier-view';
import type { RemoteDossier, RemoteDossierSummary } from '../../../shared/sync/dossier-access';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../platform/clock';
import type { Officer } from '../reception/reception-service';
import { finalRejections, type RejectionReason } from '../../../shared/sync/protocol';
import type { OutboxRow } from '../../../db/repositories/outbox-repository';
import type { HeldDossierFile } from '../../../db/repositories/dossier-file-list-repository';

/** A command the province has neither acknowledged nor refused for good: the local state is ahead of it. */
function awaitingAnswer(command: OutboxRow): boolean {
  return command.acknowledgedAt === null && !(command.lastError && finalRejections.has(command.lastError as RejectionReason));
}

/** The province's side of the look-up (electron/core/sync/gateway-client.ts), as this room needs it. */
export interface ProvinceDossiers {
  enrolled(): boolean;
  searchDossiers(text: string, limit: number): Promise<RemoteDossierSummary[]>;
  openDossier(code: string): Promise<RemoteDossier>;
  dossierFile(code: string, sha256: string): Promise<Uint8Array>;
}

/** Failures that mean "the province cannot be reached now", not "the province said no". */
const UNREACHABLE = new Set(['SYNC_OFFLINE', 'SYNC_TIMEOUT', 'SYNC_GATEWAY_ERROR', 'SYNC_GATEWAY_GARBAGE']);

export type RemoteSearch =
  | { online: true; results: RemoteDossierSummary[] }
  | { online: false; reason: 'offline' | 'notEnrolled'; message: string | null; results: [] };

export interface HistoryEntry {
  id: string;
  type: string;
  status: number;
  at: string;
  actorName: string;
}

export interface OpenedDossier {
  /** The local id the rest of the app (return, reprint) works with. */
  id: string;
  view: DossierView;
  history: HistoryEntry[];
  files: (RemoteDossier['files'][number] & { cached: boolean })[];
}

export interface RemoteDossiersDeps {
  province: ProvinceDossiers;
  dossiers: DossierRepository;
  outbox: OutboxRepository;
  files: { has(sha256: string): boolean; put(bytes: Uint8Array): { sha256: string }; read(sha256: string): Uint8Array };
  /** The province's file list of each held copy, so the look-up lists its files offline too. */
  heldFiles: { replaceHeld(dossierId: string, files: readonly HeldDossierFile[]): void };
  /**
   * Called once for each file fetched from the province and stored here: its signatures are checked
   * now and the verdict kept with it (electron/core/signing/arrival-verifier.ts).
   */
  arrived: (sha256: string) => Promise<unknown>;
  audit: AuditService;
  clock: Clock;
  transaction: <T>(work: () => T) => T;
}

/**
 * Province-wide look-up (issue 14 §1, docs/architecture.md §8): finds dossiers any counter received,
 * of the agencies this counter may act for (the gateway decides which), and opens one here by keeping
 * a held copy — the province's view and history in this counter's database — so returning, reprinting
 * and reading its history then work as for a dossier received here, offline too. Files are fetched
 * only when asked for and kept in the file store.
 */
export class RemoteDossiers {
  constructor(private readonly deps: RemoteDossiersDeps) {}

  async search(text: string, limit = 20): Promise<RemoteSearch> {
    if (!this.deps.province.enrolled()) return { online: false, reason: 'notEnrolled', message: null, results: [] };
    try {
      return { online: true, results: await this.deps.province.searchDossiers(text.trim(), limit) };
    } catch (error) {
      if (error instanceof AppError && UNREACHABLE.has(error.code))
        return { online: false, reason: 'offline', message: error.message, results: [] };
      throw error;
    }
  }

  /** Fetches the dossier from the province and keeps (or refreshes) its copy here; audited as a view. */
  async open(actor: Officer, code: string): Promise<OpenedDossier> {
    if (!this.deps.province.enrolled()) throw new AppError('SYNC_NOT_ENROLLED');
    const remote = await this.deps.province.openDossier(code);
    const at = this.deps.clock.now().toISOString();
    const id = this.deps.transaction(() => {
      const local = this.keep(remote, at);
      this.deps.audit.record({ accountId: actor.accountId, username: actor.username }, 'dossier.viewed', code, {
        fromProvince: true,
        agency: remote.agencyCode,
      });
      return local;
    });
    return this.opened(id, remote);
  }

  /**
   * The return desk scanned a code this counter does not hold: open it from the province instead.
   * Offline or not enrolled, the officer hears `notHere` (not found on this counter) as before.
   */
  async openInstead(actor: Officer, code: string, notHere: AppError): Promise<DossierView> {
    if (!this.deps.province.enrolled()) throw notHere;
    try {
      return (await this.open(actor, code)).view;
    } catch (error) {
      if (error instanceof AppError && UNREACHABLE.has(error.code)) throw notHere;
      throw error;
    }
  }

  /** Brings this counter's copy to the province's state, without an officer's view to audit (a sync correction). */
  async refresh(code: string): Promise<{ id: string; view: DossierView }> {
    const remote = await this.deps.province.openDossier(code);
    const at = this.deps.clock.now().toISOString();
    const id = this.deps.transaction(() => this.keep(remote, at));
    return { id, view: this.deps.dossiers.findById(id)!.view };
  }

  /**
   * A file of a dossier: from the file store, or fetched once from the province and kept there, its
   * signatures checked as it arrives — a file that cannot be checked is still shown (its badge says why).
   */
  async file(actor: Officer, dossierId: string, sha256: string): Promise<Uint8Array> {
    const row = this.deps.dossiers.findById(dossierId);
    if (!row) throw new AppError('DOSSIER_NOT_FOUND', { code: dossierId.slice(0, 40) });
    if (!this.deps.files.has(sha256)) {
      this.deps.files.put(await this.deps.province.dossierFile(row.code, sha256));
      await this.deps.arrived(sha256).catch(() => undefined);
    }
    this.deps.audit.record({ accountId: actor.accountId, username: actor.username }, 'dossier.fileViewed', row.code, { sha256 });
    return this.deps.files.read(sha256);
  }

  /**
   * The province's state wins, except while this counter still has commands of the dossier the
   * province has not acknowledged: then the local state is ahead and is kept until they are answered.
   * History entries are added once each, by id; the history itself is append-only.
   */
  private keep(remote: RemoteDossier, at: string): string {
    const { view } = remote;
    let row = this.deps.dossiers.findByCode(view.code);
    if (!row) {
      this.deps.dossiers.insertHeldCopy(view, at);
      row = this.deps.dossiers.findByCode(view.code)!;
    } else if (!this.deps.outbox.forDossier(row.id).some(awaitingAnswer)) {
      this.deps.dossiers.updateView(row.id, { ...view, id: row.id }, at);
    }
    this.deps.heldFiles.replaceHeld(
      row.id,
      remote.files.map(({ sha256, componentCode, size, mediaType, pageCount }) => ({ sha256, componentCode, size, mediaType, pageCount })),
    );
    const known = new Set(this.deps.dossiers.events(row.id).map((event) => event.id));
    for (const event of remote.events) {
      if (known.has(event.id)) continue;
      this.deps.dossiers.insertEvent({
        id: event.id,
        dossierId: row.id,
        type: event.type,
        status: event.status ?? view.status,
        at: event.at,
        actorAccountId: null,
        actorName: event.actorName,
        payload: JSON.stringify(event.payload ?? {}),
      });
    }
    return row.id;
  }

  private opened(id: string, remote: RemoteDossier): OpenedDossier {
    const row = this.deps.dossiers.findById(id)!;
    return {
      id,
      view: row.view,
      history: this.deps.dossiers.events(id).map((event) => ({
        id: event.id,
        type: event.type,
        status: event.status,
        at: event.at,
        actorName: event.actorName,
      })),
      files: remote.files.map((file) => ({ ...file, cached: this.deps.files.has(file.sha256) })),
    };
  }
}
