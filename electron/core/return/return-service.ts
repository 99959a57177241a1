import type { Dossier, DossierRepository } from '../../../db/repositories/dossier-repository';
import type { DossierResultRepository } from '../../../db/repositories/dossier-result-repository';
import type { OutboxRepository } from '../../../db/repositories/outbox-repository';
import { toVietnamLocal } from '../../../shared/domain/vietnam-time';
import { uiText } from '../../../shared/i18n/vi';
import { AppError } from '../../../shared/ipc/result';
import { DOSSIER_STATUS } from '../../../shared/reception/dossier-status';
import type { DossierView } from '../../../shared/reception/dossier-view';
import type { StoredFile } from '../../../shared/reception/draft';
import type { AuditService } from '../audit/audit-service';
import type { Clock } from '../platform/clock';
import type { OweSlip } from '../printing/slip-debt';
import type { Officer } from '../reception/reception-service';
import { PARTY_NAME_MAX_LENGTH } from '../../../shared/reception/limits';

const RETURNABLE = new Set<number>([DOSSIER_STATUS.received, DOSSIER_STATUS.processing, DOSSIER_STATUS.done]);

/** A result document digitized at the return counter: its name (TenGiayTo) and its file in the store. */
export interface ResultDocumentInput {
  name: string;
  file: StoredFile;
}

export type CountedResultDocument = ResultDocumentInput & { pageCount: number; signed?: boolean };

export interface ReturnInput {
  dossierId: string;
  collectorName: string;
  collectorIdNumber: string | null;
  note: string;
  /** The officer's confirmation, with the reason, to hand over a dossier the guard holds back. */
  confirmUnsettled?: { reason: string } | null;
}

/**
 * Why a return needs the officer's explicit confirmation: the back office has not marked the dossier
 * settled (status 9), or no result document is attached now or from before (issue 13 point 8). A
 * dossier just received must not be marked returned with a single click.
 */
export function returnDoubts(status: number, resultCount: number): ('notSettled' | 'noResult')[] {
  const doubts: ('notSettled' | 'noResult')[] = [];
  if (status !== DOSSIER_STATUS.done) doubts.push('notSettled');
  if (resultCount === 0) doubts.push('noResult');
  return doubts;
}

export interface ResultDocumentPorts {
  repository: DossierResultRepository;
  files: { has(sha256: string): boolean; read(sha256: string): Uint8Array };
  /** Whether a stored result carries a valid signature (signed with Ký số kết quả), sent to the gateway as `signed`. */
  signedValidly?: (sha256: string) => Promise<boolean>;
  countPages(bytes: Uint8Array, mediaType: string): Promise<number | null>;
}

/** Handing the result back: the collector, the result documents, the event and the outbox command. */
export class ReturnService {
  constructor(
    private readonly deps: {
      dossiers: DossierRepository;
      outbox: OutboxRepository;
      audit: AuditService;
      clock: Clock;
      newId: () => string;
      transaction: <T>(work: () => T) => T;
      oweSlip?: OweSlip;
      results: ResultDocumentPorts;
    },
  ) {}

  private row(id: string): Dossier {
    const row = this.deps.dossiers.findById(id);
    if (!row) throw new AppError('DOSSIER_NOT_FOUND', { code: id.slice(0, 40) });
    return row;
  }

  /** Checks the result documents and counts their pages (the paper's count, for reuse and reports). */
  private async resultDocuments(input: ResultDocumentInput[]): Promise<CountedResultDocument[]> {
    const { files, countPages } = this.deps.results;
    const documents: CountedResultDocument[] = [];
    for (const { name: rawName, file } of input) {
      const name = rawName.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 500);
      if (!name) throw new AppError('RETURN_RESULT_NAME_REQUIRED', { name: file.fileName });
      if (!files.has(file.sha256)) throw new AppError('RETURN_RESULT_FILE_MISSING', { name: file.fileName });
      const pageCount = await countPages(files.read(file.sha256), file.mediaType);
      if (pageCount === null) throw new AppError('RETURN_RESULT_UNREADABLE', { name: file.fileName });
      const signed = file.mediaType === 'application/pdf' && (await this.deps.results.signedValidly?.(file.sha256)) === true;
      documents.push({ name, file, pageCount, signed });
    }
    return documents;
  }

  /**
   * Hands the result over with the result documents scanned or attached at the counter: they are
   * kept as the dossier's results in the file store, so a later dossier of the same owner reuses
   * them (state 3), and the sync uploads their files with the return. Their pages are counted first,
   * outside the transaction.
   */
  async returnWithResults(actor: Officer, input: ReturnInput & { results: ResultDocumentInput[] }): Promise<DossierView> {
    return this.markReturned(actor, input, await this.resultDocuments(input.results));
  }

  markReturned(actor: Officer, input: ReturnInput, documents: CountedResultDocument[] = []): DossierView {
    const collector = input.collectorName.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, PARTY_NAME_MAX_LENGTH);
    if (!collector) throw new AppError('RETURN_COLLECTOR_REQUIRED');
    const idNumber = input.collectorIdNumber?.trim() || null;
    if (idNumber !== null && !/^\d{12}$/.test(idNumber))
      throw new AppError('RECEPTION_ID_NUMBER_INVALID', { value: idNumber.slice(0, 20) });
    const now = this.deps.clock.now();
    const at = now.toISOString();
    return this.deps.transaction(() => {
      const row = this.row(input.dossierId);
      const { view } = row;
      if (row.status === DOSSIER_STATUS.returned) {
        throw new AppError('DOSSIER_ALREADY_RETURNED', { code: row.code, at: (view.returnedAt ?? '').replace('T', ' ') });
      }
      if (!RETURNABLE.has(row.status)) {
        throw new AppError('DOSSIER_NOT_RETURNABLE', {
          code: row.code,
          status: uiText.dossierStatus[row.status as keyof typeof uiText.dossierStatus] ?? String(row.status),
        });
      }
      const doubts = returnDoubts(row.status, documents.length + this.deps.results.repository.forDossier(row.id).length);
      const confirmedReason = input.confirmUnsettled?.reason.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 1000) ?? '';
      if (doubts.length > 0 && !confirmedReason) {
        throw new AppError('RETURN_NEEDS_CONFIRMATION', {
          code: row.code,
          doubts: doubts.map((doubt) => uiText.returnResult.doubts[doubt]).join('; '),
        });
      }
      const returnedTo = idNumber ? `${collector} (${idNumber})` : collector;
      const updated: DossierView = { ...view, status: DOSSIER_STATUS.returned, returnedAt: toVietnamLocal(now), returnedTo };
      this.deps.dossiers.updateView(row.id, updated, at);
      const eventPayload = {
        collector,
        collectorIdNumber: idNumber,
        note: input.note.slice(0, 1000),
        ...(doubts.length > 0 && { confirmedDespite: doubts, confirmationReason: confirmedReason }),
        ...(documents.length > 0 && { results: documents.map((d) => ({ name: d.name, sha256: d.file.sha256, pageCount: d.pageCount })) }),
      };
      const event = {
        id: this.deps.newId(),
        dossierId: row.id,
        type: 'resultReturned',
        status: DOSSIER_STATUS.returned,
        at,
        actorAccountId: actor.accountId,
        actorName: actor.fullName,
        payload: JSON.stringify(eventPayload),
      };
      this.deps.dossiers.insertEvent(event);
      const first = this.deps.results.repository.nextPosition(row.id);
      const files = documents.map((document, i) => {
        const { file } = document;
        this.deps.results.repository.insert({
          id: this.deps.newId(),
          dossierId: row.id,
          position: first + i,
          name: document.name,
          sha256: file.sha256,
          fileName: file.fileName,
          mediaType: file.mediaType,
          bytes: file.bytes,
          pageCount: document.pageCount,
          officerAccountId: actor.accountId,
          recordedAt: at,
        });
        // The sync uploads every file a command names before the command (electron/core/sync/command-files.ts).
        return {
          componentCode: `KQ${first + i + 1}`,
          sha256: file.sha256,
          size: file.bytes,
          mediaType: file.mediaType,
          pageCount: document.pageCount,
          signed: document.signed === true,
        };
      });
      this.deps.outbox.append({
        id: this.deps.newId(),
        dossierId: row.id,
        kind: 'dossier.resultReturned',
        payload: { code: row.code, event: { ...event, payload: eventPayload }, ...(files.length > 0 && { files }) },
        createdAt: at,
      });
      this.deps.audit.record(
        { accountId: actor.accountId, username: actor.username },
        'dossier.returned',
        row.code,
        doubts.length > 0 ? { confirmedDespite: doubts, reason: confirmedReason } : {},
      );
      this.deps.oweSlip?.({ dossierId: row.id, kind: 'slip_returned', requestedBy: actor.username, at });
      return updated;
    });
  }
}
