import type { DossierRepository, DossierRow } from '../../../db/repositories/dossier-repository';
import type { DossierResultRepository } from '../../../db/repositories/dossier-result-repository';
import type { OweSlip } from '../printing/slip-debt';
import type { OutboxRepository } from '../../../db/repositories/outbox-repository';
import { parseDossierCode } from '../../../shared/domain/dossier-code';
import { foldVietnamese } from '../../../shared/domain/text';
import { toVietnamLocal } from '../../../shared/domain/vietnam-time';
import { uiText } from '../../../shared/i18n/vi';
import { AppError } from '../../../shared/ipc/result';
import type { DossierView } from '../../../shared/reception/dossier-view';
import type { StoredFile } from '../../../shared/reception/draft';
import type { Clock } from '../platform/clock';
import type { AuditService } from '../audit/audit-service';
import { dossierRowFrom, STATUS, type Officer } from '../reception/reception-service';

export interface DossierSummary {
  id: string;
  code: string;
  status: number;
  ownerName: string;
  procedureName: string;
  receivedLocal: string;
  dueLocal: string | null;
}

export interface DossierSearch {
  text?: string;
  fromDate?: string;
  toDate?: string;
  status?: number;
  limit?: number;
}

/** A dossier code anywhere in what a reader sent: a bare code, or inside a lookup URL. */
const CODE_IN_TEXT = /\d{3}\.\d{2}\.\d{2}\.[A-Za-z]\d{2}-\d{6}-\d{4}/;

export function extractDossierCode(scanned: string): string | null {
  const direct = parseDossierCode(scanned);
  if (direct) return scanned.trim().toUpperCase();
  let decoded = scanned;
  try {
    decoded = decodeURIComponent(scanned);
  } catch {
    decoded = scanned;
  }
  const match = CODE_IN_TEXT.exec(decoded);
  return match && parseDossierCode(match[0]) ? match[0].toUpperCase() : null;
}

function summaryOf(row: DossierRow): DossierSummary {
  const view = JSON.parse(row.view) as DossierView;
  return { id: row.id, code: row.code, status: row.status, ownerName: row.ownerName, procedureName: view.procedure.name, receivedLocal: view.receivedLocal, dueLocal: row.dueLocal };
}

const RETURNABLE = new Set<number>([STATUS.received, STATUS.processing, STATUS.done]);

/** A result document digitized at the return counter: its name (TenGiayTo) and its file in the store. */
export interface ResultDocumentInput {
  name: string;
  file: StoredFile;
}

export type CountedResultDocument = ResultDocumentInput & { pageCount: number };

export interface ReturnInput {
  dossierId: string;
  collectorName: string;
  collectorIdNumber: string | null;
  note: string;
}

export interface ResultDocumentPorts {
  repository: DossierResultRepository;
  files: { has(sha256: string): boolean; read(sha256: string): Uint8Array };
  countPages(bytes: Uint8Array, mediaType: string): Promise<number | null>;
}

/** Looking dossiers up, opening one (audited: it is personal data) and handing the result back. */
export class DossierService {
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

  search(query: DossierSearch): DossierSummary[] {
    const limit = Math.min(Math.max(query.limit ?? 50, 1), 500);
    const base = { fromDate: query.fromDate, toDate: query.toDate, status: query.status, limit };
    const text = (query.text ?? '').trim();
    if (!text) return this.deps.dossiers.search(base).map(summaryOf);
    const code = extractDossierCode(text);
    if (code) return this.deps.dossiers.search({ ...base, code }).map(summaryOf);
    const digits = text.replace(/[\s.()]/g, '');
    if (/^\+?\d[\d-]{7,15}$/.test(digits)) {
      // A 10-digit number may be a phone number or a tax code (both can start with 0): try both.
      const plain = digits.startsWith('+84') ? `0${digits.slice(3)}` : digits;
      const byIdentifier = this.deps.dossiers.search({ ...base, ownerIdentifier: plain });
      const byPhone = this.deps.dossiers.search({ ...base, phone: plain.replace(/-/g, '') });
      const seen = new Set<string>();
      return [...byIdentifier, ...byPhone].filter((r) => !seen.has(r.id) && seen.add(r.id)).slice(0, limit).map(summaryOf);
    }
    const words = foldVietnamese(text).split(/[^a-z0-9]+/).filter(Boolean).slice(0, 8);
    return words.length === 0 ? [] : this.deps.dossiers.search({ ...base, words }).map(summaryOf);
  }

  private row(id: string): DossierRow {
    const row = this.deps.dossiers.findById(id);
    if (!row) throw new AppError('DOSSIER_NOT_FOUND', { code: id.slice(0, 40) });
    return row;
  }

  open(actor: Officer, id: string): DossierView {
    const row = this.row(id);
    this.deps.audit.record({ accountId: actor.accountId, username: actor.username }, 'dossier.viewed', row.code);
    return JSON.parse(row.view) as DossierView;
  }

  /** The return flow's first step: whatever the reader sent, find the dossier in one go. */
  openByScan(actor: Officer, scanned: string): DossierView {
    const code = extractDossierCode(scanned);
    if (!code) throw new AppError('DOSSIER_CODE_UNREADABLE', { value: scanned.slice(0, 60) });
    const row = this.deps.dossiers.findByCode(code);
    if (!row) throw new AppError('DOSSIER_NOT_FOUND', { code });
    return this.open(actor, row.id);
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
      documents.push({ name, file, pageCount });
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
    const collector = input.collectorName.normalize('NFC').replace(/\s+/g, ' ').trim().slice(0, 200);
    if (!collector) throw new AppError('RETURN_COLLECTOR_REQUIRED');
    const idNumber = input.collectorIdNumber?.trim() || null;
    if (idNumber !== null && !/^\d{12}$/.test(idNumber)) throw new AppError('RECEPTION_ID_NUMBER_INVALID', { value: idNumber.slice(0, 20) });
    const now = this.deps.clock.now();
    const at = now.toISOString();
    return this.deps.transaction(() => {
      const row = this.row(input.dossierId);
      const view = JSON.parse(row.view) as DossierView;
      if (row.status === STATUS.returned) {
        throw new AppError('DOSSIER_ALREADY_RETURNED', { code: row.code, at: (view.returnedAt ?? '').replace('T', ' ') });
      }
      if (!RETURNABLE.has(row.status)) {
        throw new AppError('DOSSIER_NOT_RETURNABLE', { code: row.code, status: uiText.dossierStatus[row.status as keyof typeof uiText.dossierStatus] ?? String(row.status) });
      }
      const returnedTo = idNumber ? `${collector} (${idNumber})` : collector;
      const updated: DossierView = { ...view, status: STATUS.returned, returnedAt: toVietnamLocal(now), returnedTo };
      const next = dossierRowFrom(updated, row.officerAccountId, at);
      this.deps.dossiers.update(row.id, { status: next.status, view: next.view, updatedAt: at });
      const event = {
        id: this.deps.newId(),
        dossierId: row.id,
        type: 'resultReturned',
        status: STATUS.returned,
        at,
        actorAccountId: actor.accountId,
        actorName: actor.fullName,
        payload: JSON.stringify({
          collector,
          collectorIdNumber: idNumber,
          note: input.note.slice(0, 1000),
          ...(documents.length > 0 && { results: documents.map((d) => ({ name: d.name, sha256: d.file.sha256, pageCount: d.pageCount })) }),
        }),
      };
      this.deps.dossiers.insertEvent(event);
      const first = this.deps.results.repository.nextPosition(row.id);
      const files = documents.map((document, i) => {
        const { file } = document;
        this.deps.results.repository.insert({ id: this.deps.newId(), dossierId: row.id, position: first + i, name: document.name, sha256: file.sha256, fileName: file.fileName, mediaType: file.mediaType, bytes: file.bytes, pageCount: document.pageCount, officerAccountId: actor.accountId, recordedAt: at });
        // The sync uploads every file a command names before the command (electron/core/sync/command-files.ts).
        return { componentCode: `KQ${first + i + 1}`, sha256: file.sha256, size: file.bytes, mediaType: file.mediaType, pageCount: document.pageCount };
      });
      this.deps.outbox.append({ id: this.deps.newId(), dossierId: row.id, kind: 'dossier.resultReturned', payload: { code: row.code, event: { ...event, payload: JSON.parse(event.payload) }, ...(files.length > 0 && { files }) }, createdAt: at });
      this.deps.audit.record({ accountId: actor.accountId, username: actor.username }, 'dossier.returned', row.code);
      this.deps.oweSlip?.({ dossierId: row.id, kind: 'slip_returned', requestedBy: actor.username, at });
      return updated;
    });
  }
}
