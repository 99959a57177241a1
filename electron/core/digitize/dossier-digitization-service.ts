import type { DossierRepository } from '../../../db/repositories/dossier-repository';
import type { DossierResultRepository } from '../../../db/repositories/dossier-result-repository';
import type { OutboxRepository } from '../../../db/repositories/outbox-repository';
import type { PageRepository, ScannedPageRow } from '../../../db/repositories/page-repository';
import { DIGITIZATION_STATE, type DigitizationStatsRow, type ReusableDocument } from '../../../shared/digitize/page-view';
import { componentReuseRef, parseReuseRef, resultReuseRef } from '../../../shared/digitize/reuse';
import { storedOcrWordsSchema } from '../../../shared/digitize/stored-page';
import { AppError } from '../../../shared/ipc/result';
import { parseStoredJson } from '../../../shared/storage/stored-json';
import type { DossierView } from '../../../shared/reception/dossier-view';
import type { FileRef } from '../../../shared/sync/protocol';
import type { ComponentInput, ReceptionDraft, StoredFile } from '../../../shared/reception/draft';
import { toVietnamLocal } from '../../../shared/domain/vietnam-time';
import type { FileStore } from '../platform/file-store';
import { rotateBoxes, rotatedPage } from './app/page-images';
import type { ComponentPdfAssembler } from './app/ports';
import type { PdfPageInput } from './types';
import type { Logger } from '../platform/logger';
import type { Clock } from '../platform/clock';
import type { AuditService } from '../audit/audit-service';
import type { Officer, ReceptionService } from '../reception/reception-service';

/** The gateway's online or postal dossier a reception accepts (electron/core/online/online-decision.ts). */
type OnlineAcceptance = Parameters<ReceptionService['accept']>[2];

export interface DossierDigitizationDeps {
  pages: PageRepository;
  results: DossierResultRepository;
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
  /** Paper pages of an attached file (PDF pages, TIFF frames); null when it cannot be read. */
  countPages: (bytes: Uint8Array, mediaType: string) => Promise<number | null>;
}

interface AttachedPages {
  sha256: string | null;
  pageCount: number;
}

interface ReusedSource {
  sha256: string;
  pageCount: number;
  dossierId: string;
  fileName: string;
  mediaType: string;
}

/**
 * One offer per document: a file reused by later dossiers is offered once, from the dossier that
 * digitized it (so a new reuse points at its origin), and never again as a component when it is an
 * earlier result, which is offered for any slot already.
 */
function originals<T extends { sha256: string; componentCode: string | null; reusedFrom: boolean }>(
  components: T[],
  resultFiles: Set<string>,
): Array<Omit<T, 'reusedFrom'>> {
  const chosen = new Map<string, T>();
  for (const component of components) {
    if (resultFiles.has(component.sha256)) continue;
    const key = `${component.componentCode}|${component.sha256}`;
    const current = chosen.get(key);
    if (!current || (current.reusedFrom && !component.reusedFrom)) chosen.set(key, component);
  }
  return [...chosen.values()].map(({ reusedFrom: _, ...offer }) => offer);
}

function groupBySlot(rows: ScannedPageRow[]): Map<string, ScannedPageRow[]> {
  const slots = new Map<string, ScannedPageRow[]>();
  for (const row of rows) slots.set(row.componentCode, [...(slots.get(row.componentCode) ?? []), row]);
  return slots;
}

function pageFile(row: ScannedPageRow, files: FileStore): StoredFile {
  const sha256 = row.cleanedSha256 ?? row.originalSha256;
  return {
    sha256,
    fileName: `${row.componentCode}-trang-${row.position + 1}`,
    mediaType: row.cleanedMediaType ?? row.originalMediaType,
    bytes: files.size(sha256),
  };
}

/**
 * Accepting a dossier with its scanned pages, and what follows from it: the component PDFs
 * (metadata + OCR text layer) attached as the components' files and pushed by the sync, the
 * digitization state of every component (docs/domain.md §6.2), reuse of documents already digitized for
 * the same owner, and the counts supervisors report.
 */
export class DossierDigitizationService {
  constructor(private readonly deps: DossierDigitizationDeps) {}

  async accept(
    officer: Officer,
    input: { sessionId: string; draft: ReceptionDraft },
    online?: OnlineAcceptance,
  ): Promise<{ dossier: DossierView; printJobId: string }> {
    const session = this.deps.pages.findSession(input.sessionId);
    if (!session) throw new AppError('SCAN_SESSION_NOT_FOUND');
    if (session.status !== 'open') throw new AppError('SCAN_SESSION_CLOSED');
    const slots = groupBySlot(this.deps.pages.pages(session.id));
    const components: ComponentInput[] = input.draft.components.map((component) => {
      const pages = slots.get(component.code);
      if (!pages || component.state === 'reused') return component;
      // The page images stand as the component's files until its PDF replaces them, right after.
      const pageFiles = pages.map((row) => pageFile(row, this.deps.files));
      const attached = component.files.filter((file) => !pageFiles.some((page) => page.sha256 === file.sha256));
      return { ...component, state: 'attached', files: [...attached, ...pageFiles] };
    });
    for (const [code, pages] of slots) {
      if (!components.some((c) => c.code === code))
        components.push({
          code,
          state: 'attached',
          files: pages.map((row) => pageFile(row, this.deps.files)),
          reuseRef: null,
          waiveReason: null,
        });
    }
    const attachedPages = await this.attachedPages(components.filter((c) => c.state === 'attached' && !slots.has(c.code)));
    const accepted = this.deps.transaction(() => {
      const result = this.deps.reception.accept(officer, { ...input.draft, components }, online);
      this.deps.pages.updateSession(session.id, { status: 'accepted', dossierId: result.dossier.id, updatedAt: result.dossier.receivedAt });
      this.recordUnscanned(result.dossier, officer, new Set(slots.keys()), attachedPages);
      return result;
    });
    await this.assemble(session.id);
    return accepted;
  }

  /**
   * Accepting without a scan session (components attached as files, reused or waived): the same
   * digitization states, reuse by reference and statistics as with scanned pages, nothing to assemble.
   */
  async acceptUnscanned(
    officer: Officer,
    draft: ReceptionDraft,
    online?: OnlineAcceptance,
  ): Promise<{ dossier: DossierView; printJobId: string }> {
    const attachedPages = await this.attachedPages(draft.components.filter((c) => c.state === 'attached'));
    return this.deps.transaction(() => {
      const result = this.deps.reception.accept(officer, draft, online);
      const { dossier } = result;
      this.recordUnscanned(dossier, officer, new Set(), attachedPages);
      const files = this.reusedFiles(dossier.id);
      if (files.length > 0)
        this.deps.outbox.append({
          id: this.deps.newId(),
          dossierId: dossier.id,
          kind: 'dossier.filesAttached',
          payload: { code: dossier.code, files },
          createdAt: dossier.receivedAt,
        });
      return result;
    });
  }

  /** Finishes dossiers accepted just before a crash, whose component PDFs were never stored. */
  async finishInterrupted(): Promise<number> {
    const sessions = this.deps.pages.acceptedNotAssembled();
    for (const session of sessions)
      await this.assemble(session.id).catch((error: unknown) => this.deps.log(`assembling the PDFs of ${session.dossierId} failed`, error));
    return sessions.length;
  }

  /**
   * What this counter holds for the owner's ID number, newest dossier first, to attach by reference:
   * components digitized for earlier dossiers (state 2) and the results handed back with them (state 3).
   */
  reusable(ownerIdNumber: string): ReusableDocument[] {
    const owner = ownerIdNumber.trim();
    if (!owner) return [];
    const components = this.deps.pages.reusableFor(owner).map((row) => ({
      source: 'component' as const,
      ref: componentReuseRef(row.dossierCode, row.componentCode),
      dossierId: row.dossierId,
      dossierCode: row.dossierCode,
      procedureCode: row.procedureCode,
      componentCode: row.componentCode,
      name: row.componentCode,
      sha256: row.sha256!,
      pageCount: row.pageCount,
      digitizedAt: row.digitizedAt,
      reusedFrom: row.reusedFromDossierId !== null,
    }));
    const results = this.deps.results.reusableFor(owner).map((row) => ({
      source: 'result' as const,
      ref: resultReuseRef(row.dossierCode, row.position + 1),
      dossierId: row.dossierId,
      dossierCode: row.dossierCode,
      procedureCode: row.procedureCode,
      componentCode: null,
      name: row.name,
      sha256: row.sha256,
      pageCount: row.pageCount,
      digitizedAt: row.recordedAt,
    }));
    return [...results, ...originals(components, new Set(results.map((r) => r.sha256)))];
  }

  statistics(fromDate: string, toDate: string): DigitizationStatsRow[] {
    if (fromDate > toDate) throw new AppError('DIGITIZE_STATS_RANGE_INVALID');
    return this.deps.pages.counts(fromDate, toDate).map((row) => ({
      day: row.day,
      officer: this.deps.officerName(row.officerAccountId),
      procedureCode: row.procedureCode,
      procedureName: row.procedureName,
      dossiers: row.dossiers,
      components: row.components,
      digitizedComponents: row.digitizedComponents,
      signedComponents: row.signedComponents,
      reusedComponents: row.reusedComponents,
      reusedFromResultComponents: row.reusedFromResultComponents,
      pages: row.pages,
      digitizedShare: row.components === 0 ? 0 : row.digitizedComponents / row.components,
    }));
  }

  /**
   * Components without scanned pages: reused by reference (a document digitized earlier, state 2, or
   * an earlier dossier's result, state 3), or not digitized. A reference the counter holds brings its
   * file along; a typed one (a national-store code) stays a reference.
   */
  private recordUnscanned(dossier: DossierView, officer: Officer, scanned: Set<string>, attachedPages: Map<string, AttachedPages>): void {
    const at = dossier.receivedAt;
    for (const component of dossier.components.filter((c) => !scanned.has(c.code))) {
      const attached = attachedPages.get(component.code);
      if (component.state === 'attached' && attached) {
        this.deps.pages.upsertDigitization({
          dossierId: dossier.id,
          componentCode: component.code,
          state: DIGITIZATION_STATE.digitizedHere,
          sha256: attached.sha256,
          pageCount: attached.pageCount,
          reusedFromDossierId: null,
          officerAccountId: officer.accountId,
          digitizedAt: at,
          digitizedDate: dossier.receivedLocal.slice(0, 10),
        });
        continue;
      }
      const fromResult = component.digitization === 'reusedFromResult';
      const source =
        component.state !== 'reused' || !component.reuseRef
          ? null
          : fromResult
            ? this.findResult(dossier, component)
            : this.findReused(component.reuseRef);
      if (source) {
        this.deps.dossiers.insertFile({
          id: this.deps.newId(),
          dossierId: dossier.id,
          componentCode: component.code,
          position: 0,
          sha256: source.sha256,
          fileName: source.fileName,
          mediaType: source.mediaType,
          bytes: this.deps.files.size(source.sha256),
        });
      }
      const state =
        component.state !== 'reused'
          ? DIGITIZATION_STATE.notDigitized
          : fromResult
            ? DIGITIZATION_STATE.reusedFromResult
            : DIGITIZATION_STATE.reused;
      this.deps.pages.upsertDigitization({
        dossierId: dossier.id,
        componentCode: component.code,
        state,
        sha256: source?.sha256 ?? null,
        pageCount: source?.pageCount ?? 0,
        reusedFromDossierId: source?.dossierId ?? null,
        officerAccountId: officer.accountId,
        digitizedAt: at,
        digitizedDate: dossier.receivedLocal.slice(0, 10),
      });
    }
  }

  /**
   * Components the officer filled with files instead of scanning (an e-copy, a scan saved by the
   * scanner's own software) are digitized too, page for page. Only a single-file component names
   * its file for reuse: a later dossier takes the whole document by reference, never a part of it.
   */
  private async attachedPages(components: ComponentInput[]): Promise<Map<string, AttachedPages>> {
    const counted = new Map<string, AttachedPages>();
    for (const component of components) {
      let pageCount = 0;
      for (const file of component.files.filter((f) => this.deps.files.has(f.sha256)))
        pageCount += (await this.deps.countPages(this.deps.files.read(file.sha256), file.mediaType)) ?? 0;
      counted.set(component.code, { sha256: component.files.length === 1 ? component.files[0]!.sha256 : null, pageCount });
    }
    return counted;
  }

  private findReused(reuseRef: string): ReusedSource | null {
    const ref = parseReuseRef(reuseRef, false);
    if (ref.kind !== 'component') return null;
    const dossier = this.deps.dossiers.findByCode(ref.dossierCode);
    const source = dossier && this.deps.pages.digitizationOf(dossier.id).find((row) => row.componentCode === ref.componentCode);
    if (!source?.sha256) return null;
    const file = this.deps.dossiers.files(source.dossierId).find((f) => f.sha256 === source.sha256);
    return {
      sha256: source.sha256,
      pageCount: source.pageCount,
      dossierId: source.dossierId,
      fileName: file?.fileName ?? `${ref.componentCode}.pdf`,
      mediaType: file?.mediaType ?? 'application/pdf',
    };
  }

  /** Only a result handed back to the same owner stands in for a component; anything else is refused, never recorded as reused. */
  private findResult(dossier: DossierView, component: DossierView['components'][number]): ReusedSource {
    const ref = parseReuseRef(component.reuseRef ?? '', true);
    const owner = dossier.owner.kind === 'citizen' ? dossier.owner.idNumber : dossier.owner.taxCode;
    const result = ref.kind === 'result' ? this.deps.results.find(ref.dossierCode, ref.number - 1) : undefined;
    if (!result || !owner || result.ownerIdentifier !== owner) {
      throw new AppError('RECEPTION_REUSE_RESULT_NOT_FOUND', { name: component.name, ref: (component.reuseRef ?? '').slice(0, 80) });
    }
    return {
      sha256: result.sha256,
      pageCount: result.pageCount,
      dossierId: result.dossierId,
      fileName: result.fileName,
      mediaType: result.mediaType,
    };
  }

  /** The files reused by reference into a dossier's components, as the sync names them. */
  private reusedFiles(dossierId: string): FileRef[] {
    const reusedStates = new Set<number>([DIGITIZATION_STATE.reused, DIGITIZATION_STATE.reusedFromResult]);
    const attached = this.deps.dossiers.files(dossierId);
    return this.deps.pages
      .digitizationOf(dossierId)
      .filter((row) => reusedStates.has(row.state) && row.sha256)
      .map((row) => ({
        componentCode: row.componentCode,
        sha256: row.sha256!,
        size: this.deps.files.size(row.sha256!),
        mediaType: attached.find((f) => f.componentCode === row.componentCode && f.sha256 === row.sha256)?.mediaType ?? 'application/pdf',
        pageCount: row.pageCount,
      }));
  }

  /** One PDF per scanned component, stored and attached in place of the page images, then queued for the sync. */
  private async assemble(sessionId: string): Promise<void> {
    const session = this.deps.pages.findSession(sessionId);
    const dossierRow = session?.dossierId ? this.deps.dossiers.findById(session.dossierId) : undefined;
    if (!session || !dossierRow) return;
    await this.deps.ocrSettled();
    const dossier = dossierRow.view;
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
      pdfs.push({
        componentCode,
        sha256: stored.sha256,
        bytes: stored.bytes,
        pageCount: pages.length,
        pageSha256s: pages.map((row) => row.cleanedSha256 ?? row.originalSha256),
      });
    }
    const at = digitizedAt.toISOString();
    this.deps.transaction(() => {
      for (const pdf of pdfs) {
        this.deps.pages.replacePageFiles(dossier.id, pdf.componentCode, pdf.pageSha256s, {
          id: this.deps.newId(),
          dossierId: dossier.id,
          componentCode: pdf.componentCode,
          sha256: pdf.sha256,
          fileName: `${dossier.code}_${pdf.componentCode}.pdf`,
          mediaType: 'application/pdf',
          bytes: pdf.bytes,
        });
        this.deps.pages.upsertDigitization({
          dossierId: dossier.id,
          componentCode: pdf.componentCode,
          state: DIGITIZATION_STATE.digitizedHere,
          sha256: pdf.sha256,
          pageCount: pdf.pageCount,
          reusedFromDossierId: null,
          officerAccountId: dossierRow.officerAccountId,
          digitizedAt: at,
          digitizedDate: toVietnamLocal(digitizedAt).slice(0, 10),
        });
      }
      const files = [
        ...pdfs.map((pdf) => ({
          componentCode: pdf.componentCode,
          sha256: pdf.sha256,
          size: pdf.bytes,
          mediaType: 'application/pdf',
          pageCount: pdf.pageCount,
        })),
        ...this.reusedFiles(dossier.id),
      ];
      if (files.length > 0)
        this.deps.outbox.append({
          id: this.deps.newId(),
          dossierId: dossier.id,
          kind: 'dossier.filesAttached',
          payload: { code: dossier.code, files },
          createdAt: at,
        });
      this.deps.pages.updateSession(sessionId, { status: 'assembled', updatedAt: at });
      this.deps.audit.record({ accountId: dossierRow.officerAccountId, username: null }, 'dossier.digitized', dossier.code, {
        components: pdfs.map((p) => p.componentCode),
        pages: pdfs.reduce((n, p) => n + p.pageCount, 0),
      });
    });
  }

  private async pdfPage(row: ScannedPageRow): Promise<PdfPageInput> {
    const source = this.deps.files.read(row.cleanedSha256 ?? row.originalSha256);
    const { default: sharp } = await import('sharp');
    const image = row.cleanedSha256 ? source : await sharp(source).png().toBuffer();
    const turned = await rotatedPage(image, row.cleanedMediaType ?? 'image/png', row.rotation);
    const words = row.ocrWords ? parseStoredJson(storedOcrWordsSchema, row.ocrWords, 'scanned_pages.ocr_words', row.id) : null;
    const unturned = row.rotation % 2 === 0 ? turned : { widthPx: turned.heightPx, heightPx: turned.widthPx };
    const ocr = words
      ? {
          text: row.ocrText ?? '',
          meanConfidence: row.ocrConfidence ?? 0,
          words: rotateBoxes(words, unturned.widthPx, unturned.heightPx, row.rotation),
        }
      : undefined;
    return {
      image: turned.bytes,
      mediaType: turned.mediaType,
      widthPx: turned.widthPx,
      heightPx: turned.heightPx,
      resolutionDpi: row.resolutionDpi ?? 300,
      ocr,
    };
  }
}
