import type { DossierRepository } from '../../../db/repositories/dossier-repository';
import type { OutboxRepository } from '../../../db/repositories/outbox-repository';
import type { PageRepository, ScannedPageRow } from '../../../db/repositories/page-repository';
import { DIGITIZATION_STATE, type DigitizationStatsRow, type ReusableDocument } from '../../../shared/digitize/page-view';
import { AppError } from '../../../shared/ipc/result';
import type { DossierView } from '../../../shared/reception/dossier-view';
import { receptionDraftSchema, type ComponentInput, type StoredFile } from '../../../shared/reception/draft';
import { toVietnamLocal } from '../../../shared/domain/vietnam-time';
import type { FileStore } from '../adapters/file-store';
import { rotateBoxes, rotatedPage } from '../digitize/app/page-images';
import type { ComponentPdfAssembler } from '../digitize/app/ports';
import type { OcrWord, PdfPageInput } from '../digitize/types';
import type { Logger } from '../ipc/dispatcher';
import type { Clock } from '../ports/clock';
import type { AuditService } from './audit-service';
import type { Officer, ReceptionService } from './reception-service';

export interface DossierDigitizationDeps {
  pages: PageRepository;
  files: FileStore;
  pdf: ComponentPdfAssembler;
  reception: ReceptionService;
  dossiers: DossierRepository;
  outbox: OutboxRepository;
  audit: AuditService;
  officerName: (accountId: string | null) => string;
  clock: Clock;
  newId: () => string;
  transaction: <T>(work: () => T) => T;
  appVersion: string;
  log: Logger;
  /** Settles once the OCR queued so far has finished, so the PDFs get their text layer. */
  ocrSettled: () => Promise<void>;
}

function groupBySlot(rows: ScannedPageRow[]): Map<string, ScannedPageRow[]> {
  const slots = new Map<string, ScannedPageRow[]>();
  for (const row of rows) slots.set(row.componentCode, [...(slots.get(row.componentCode) ?? []), row]);
  return slots;
}

function pageFile(row: ScannedPageRow, files: FileStore): StoredFile {
  const sha256 = row.cleanedSha256 ?? row.originalSha256;
  return { sha256, fileName: `${row.componentCode}-trang-${row.position + 1}`, mediaType: row.cleanedMediaType ?? row.originalMediaType, bytes: files.size(sha256) };
}

/**
 * Accepting a dossier with its scanned pages, and what follows from it: the component PDFs
 * (metadata + OCR text layer) attached as the components' files and pushed by the sync, the
 * digitization state of every component (domain.md §6.2), reuse of documents already digitized for
 * the same owner, and the counts supervisors report.
 */
export class DossierDigitizationService {
  constructor(private readonly deps: DossierDigitizationDeps) {}

  async accept(officer: Officer, input: { sessionId: string; draft: unknown }): Promise<{ dossier: DossierView; printJobId: string }> {
    const session = this.deps.pages.findSession(input.sessionId);
    if (!session) throw new AppError('SCAN_SESSION_NOT_FOUND');
    if (session.status !== 'open') throw new AppError('SCAN_SESSION_CLOSED');
    const parsed = receptionDraftSchema.safeParse(input.draft);
    if (!parsed.success) throw new AppError('INVALID_INPUT', { details: parsed.error.issues.map((i) => i.path.join('.')).join(', ') });
    const slots = groupBySlot(this.deps.pages.pages(session.id));
    const components: ComponentInput[] = parsed.data.components.map((component) => {
      const pages = slots.get(component.code);
      if (!pages || component.state === 'reused') return component;
      // The page images stand as the component's files until its PDF replaces them, right after.
      const pageFiles = pages.map((row) => pageFile(row, this.deps.files));
      const attached = component.files.filter((file) => !pageFiles.some((page) => page.sha256 === file.sha256));
      return { ...component, state: 'attached', files: [...attached, ...pageFiles] };
    });
    for (const [code, pages] of slots) {
      if (!components.some((c) => c.code === code)) components.push({ code, state: 'attached', files: pages.map((row) => pageFile(row, this.deps.files)), reuseRef: null, waiveReason: null });
    }
    const accepted = this.deps.transaction(() => {
      const result = this.deps.reception.accept(officer, { ...parsed.data, components });
      this.deps.pages.updateSession(session.id, { status: 'accepted', dossierId: result.dossier.id, updatedAt: result.dossier.receivedAt });
      this.recordUnscanned(result.dossier, officer, new Set(slots.keys()));
      return result;
    });
    await this.assemble(session.id);
    return accepted;
  }

  /** Finishes dossiers accepted just before a crash, whose component PDFs were never stored. */
  async finishInterrupted(): Promise<number> {
    const sessions = this.deps.pages.acceptedNotAssembled();
    for (const session of sessions) await this.assemble(session.id).catch((error: unknown) => this.deps.log(`assembling the PDFs of ${session.dossierId} failed`, error));
    return sessions.length;
  }

  /** Documents digitized for this owner at this counter, newest first, to attach by reference. */
  reusable(ownerIdNumber: string): ReusableDocument[] {
    return this.deps.pages.reusableFor(ownerIdNumber.trim()).map((row) => ({
      dossierId: row.dossierId,
      dossierCode: row.dossierCode,
      procedureCode: row.procedureCode,
      componentCode: row.componentCode,
      sha256: row.sha256!,
      pageCount: row.pageCount,
      digitizedAt: row.digitizedAt,
    }));
  }

  statistics(fromDate: string, toDate: string): DigitizationStatsRow[] {
    if (fromDate > toDate) throw new AppError('DIGITIZE_STATS_RANGE_INVALID');
    return this.deps.pages.counts(fromDate, toDate).map((row) => ({
      day: row.day,
      officer: this.deps.officerName(row.officerAccountId),
      procedureCode: row.procedureCode,
      dossiers: row.dossiers,
      components: row.components,
      digitizedComponents: row.digitizedComponents,
      pages: row.pages,
      digitizedShare: row.components === 0 ? 0 : row.digitizedComponents / row.components,
    }));
  }

  /** Components without scanned pages: reused from the local store by reference, or not digitized. */
  private recordUnscanned(dossier: DossierView, officer: Officer, scanned: Set<string>): void {
    const at = dossier.receivedAt;
    for (const component of dossier.components.filter((c) => !scanned.has(c.code))) {
      const source = component.state === 'reused' && component.reuseRef ? this.findReused(component.reuseRef) : null;
      if (source?.sha256) {
        this.deps.dossiers.insertFile({ id: this.deps.newId(), dossierId: dossier.id, componentCode: component.code, position: 0, sha256: source.sha256, fileName: `${component.code}.pdf`, mediaType: 'application/pdf', bytes: this.deps.files.size(source.sha256) });
      }
      this.deps.pages.upsertDigitization({
        dossierId: dossier.id,
        componentCode: component.code,
        state: component.state === 'reused' ? DIGITIZATION_STATE.reused : DIGITIZATION_STATE.notDigitized,
        sha256: source?.sha256 ?? null,
        pageCount: source?.pageCount ?? 0,
        reusedFromDossierId: source?.dossierId ?? null,
        officerAccountId: officer.accountId,
        digitizedAt: at,
        digitizedDate: dossier.receivedLocal.slice(0, 10),
      });
    }
  }

  private findReused(reuseRef: string): { sha256: string | null; pageCount: number; dossierId: string } | null {
    const slash = reuseRef.lastIndexOf('/');
    if (slash <= 0) return null;
    const dossier = this.deps.dossiers.findByCode(reuseRef.slice(0, slash));
    const source = dossier && this.deps.pages.digitizationOf(dossier.id).find((row) => row.componentCode === reuseRef.slice(slash + 1));
    return source && source.sha256 ? { sha256: source.sha256, pageCount: source.pageCount, dossierId: source.dossierId } : null;
  }

  /** One PDF per scanned component, stored and attached in place of the page images, then queued for the sync. */
  private async assemble(sessionId: string): Promise<void> {
    const session = this.deps.pages.findSession(sessionId);
    const dossierRow = session?.dossierId ? this.deps.dossiers.findById(session.dossierId) : undefined;
    if (!session || !dossierRow) return;
    await this.deps.ocrSettled();
    const dossier = JSON.parse(dossierRow.view) as DossierView;
    const officer = this.deps.officerName(dossierRow.officerAccountId);
    const digitizedAt = this.deps.clock.now();
    const pdfs: Array<{ componentCode: string; sha256: string; bytes: number; pageCount: number; pageSha256s: string[] }> = [];
    for (const [componentCode, pages] of groupBySlot(this.deps.pages.pages(sessionId))) {
      const component = dossier.components.find((c) => c.code === componentCode);
      const inputs = await Promise.all(pages.map((row) => this.pdfPage(row)));
      const pdf = await this.deps.pdf.assemble(inputs, {
        dossierCode: dossier.code,
        componentCode,
        componentName: component?.name ?? componentCode,
        ownerIdNumber: dossier.owner.idNumber ?? dossier.owner.taxCode,
        officer,
        digitizedAt,
        appVersion: this.deps.appVersion,
      });
      const stored = this.deps.files.put(pdf);
      pdfs.push({ componentCode, sha256: stored.sha256, bytes: stored.bytes, pageCount: pages.length, pageSha256s: pages.map((row) => row.cleanedSha256 ?? row.originalSha256) });
    }
    const at = digitizedAt.toISOString();
    this.deps.transaction(() => {
      for (const pdf of pdfs) {
        this.deps.pages.replacePageFiles(dossier.id, pdf.componentCode, pdf.pageSha256s, { id: this.deps.newId(), dossierId: dossier.id, componentCode: pdf.componentCode, sha256: pdf.sha256, fileName: `${dossier.code}_${pdf.componentCode}.pdf`, mediaType: 'application/pdf', bytes: pdf.bytes });
        this.deps.pages.upsertDigitization({ dossierId: dossier.id, componentCode: pdf.componentCode, state: DIGITIZATION_STATE.digitizedHere, sha256: pdf.sha256, pageCount: pdf.pageCount, reusedFromDossierId: null, officerAccountId: dossierRow.officerAccountId, digitizedAt: at, digitizedDate: toVietnamLocal(digitizedAt).slice(0, 10) });
      }
      const reused = this.deps.pages.digitizationOf(dossier.id).filter((row) => row.state === DIGITIZATION_STATE.reused && row.sha256);
      const files = [
        ...pdfs.map((pdf) => ({ componentCode: pdf.componentCode, sha256: pdf.sha256, size: pdf.bytes, mediaType: 'application/pdf', pageCount: pdf.pageCount })),
        ...reused.map((row) => ({ componentCode: row.componentCode, sha256: row.sha256!, size: this.deps.files.size(row.sha256!), mediaType: 'application/pdf', pageCount: row.pageCount })),
      ];
      if (files.length > 0) this.deps.outbox.append({ id: this.deps.newId(), dossierId: dossier.id, kind: 'dossier.filesAttached', payload: { code: dossier.code, files }, createdAt: at });
      this.deps.pages.updateSession(sessionId, { status: 'assembled', updatedAt: at });
      this.deps.audit.record({ accountId: dossierRow.officerAccountId, username: null }, 'dossier.digitized', dossier.code, { components: pdfs.map((p) => p.componentCode), pages: pdfs.reduce((n, p) => n + p.pageCount, 0) });
    });
  }

  private async pdfPage(row: ScannedPageRow): Promise<PdfPageInput> {
    const source = this.deps.files.read(row.cleanedSha256 ?? row.originalSha256);
    const { default: sharp } = await import('sharp');
    const image = row.cleanedSha256 ? source : await sharp(source).png().toBuffer();
    const turned = await rotatedPage(image, row.cleanedMediaType ?? 'image/png', row.rotation);
    const words = row.ocrWords ? (JSON.parse(row.ocrWords) as OcrWord[]) : null;
    const unturned = row.rotation % 2 === 0 ? turned : { widthPx: turned.heightPx, heightPx: turned.widthPx };
    const ocr = words ? { text: row.ocrText ?? '', meanConfidence: row.ocrConfidence ?? 0, words: rotateBoxes(words, unturned.widthPx, unturned.heightPx, row.rotation) } : undefined;
    return { image: turned.bytes, mediaType: turned.mediaType, widthPx: turned.widthPx, heightPx: turned.heightPx, resolutionDpi: row.resolutionDpi ?? 300, ocr };
  }
}
