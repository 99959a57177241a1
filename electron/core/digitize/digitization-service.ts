import type { PageRepository, ScannedPageRow, ScanSessionRow } from '../../../db/repositories/page-repository';
import type { FieldSuggestion, PageView, ScanSummary } from '../../../shared/digitize/page-view';
import { AppError } from '../../../shared/ipc/result';
import type { FileStore } from '../platform/file-store';
import { BackgroundQueue } from './app/background-queue';
import { BatchRouter } from './app/batch-router';
import { imageSize, rotatedPage, thumbnailOf } from './app/page-images';
import { toPageView } from './app/page-view';
import type { DigitizePipeline } from './app/ports';
import { parseSeparator } from '../../../shared/digitize/separator-code';
import { renderSeparatorSheets } from './app/separator-sheet';
import type { CapturedPage, ScannerInfo, ScanProfile } from './types';
import type { Logger } from '../platform/logger';
import type { Clock } from '../platform/clock';
import type { PdfRenderer } from '../platform/pdf-renderer';
import type { CatalogService } from '../catalog/catalog-service';
import type { Officer } from '../reception/reception-service';

export type Emit = (clientId: string | null, event: 'scan.page' | 'scan.progress' | 'ocr.progress', payload: unknown) => void;

export interface DigitizationDeps {
  pages: PageRepository;
  files: FileStore;
  pipeline: DigitizePipeline;
  catalog: CatalogService;
  pdfRenderer: PdfRenderer;
  clock: Clock;
  newId: () => string;
  transaction: <T>(work: () => T) => T;
  emit: Emit;
  log: Logger;
  /** OCR jobs handed over at once; the OCR pool itself decides how many workers run them. */
  ocrConcurrency?: number;
}

export interface TestScanResult {
  widthPx: number;
  heightPx: number;
  resolutionDpi: number | null;
  thumbnailBase64: string;
}

/** How long the Test button waits for a page (a hot folder waits for the scanner's own software). */
const TEST_SCAN_WAIT_SECONDS = 60;

export interface ScanRequest {
  sessionId: string;
  componentCode: string;
  scanner: Pick<ScannerInfo, 'kind' | 'id'>;
  profile: ScanProfile;
  /** Insert the batch before the page now at this position; append when absent. */
  insertAt?: number | null;
}

function quarterTurns(value: number): number {
  return ((value % 4) + 4) % 4;
}

/**
 * Capture and page editing for the reception checklist (docs/architecture.md §7). Every page is in the file store
 * and the recovery index before anything else happens to it; cleanup runs in paper order while the
 * scanner keeps feeding; OCR runs behind both. Pages belong to a scan session, which the accept
 * step binds to its dossier.
 */
export class DigitizationService {
  private readonly ocrQueue: BackgroundQueue;
  private readonly running = new Map<string, AbortController>();
  private closed = false;

  constructor(private readonly deps: DigitizationDeps) {
    this.ocrQueue = new BackgroundQueue(deps.ocrConcurrency ?? 4, (error) => deps.log('OCR of a page failed', error));
  }

  scanners(): Promise<ScannerInfo[]> {
    return this.deps.pipeline.scanner.list();
  }

  /**
   * The officer's session for a reception: the one named, or the latest open one for the same
   * procedure (what a restart after a crash finds), or a new one. Pages left uncleaned by a crash
   * are cleaned again now.
   */
  openSession(officer: Officer, input: { sessionId: string | null; procedureCode: string }): { sessionId: string; pages: PageView[] } {
    this.deps.catalog.get(input.procedureCode);
    const named = input.sessionId ? this.deps.pages.findSession(input.sessionId) : undefined;
    const session =
      named?.status === 'open'
        ? named
        : (this.deps.pages.latestOpenSession(officer.accountId, input.procedureCode) ?? this.newSession(officer, input.procedureCode));
    const rows = this.deps.pages.pages(session.id);
    const unfinished = rows.filter((row) => row.state === 'captured');
    if (unfinished.length > 0) void this.processInOrder(session.id, unfinished, null);
    for (const row of rows.filter((r) => r.state === 'cleaned' && r.ocrText === null)) this.queueOcr(session.id, row.id, null);
    return { sessionId: session.id, pages: rows.map((row) => this.view(row)) };
  }

  pages(sessionId: string): PageView[] {
    this.requireSession(sessionId);
    return this.deps.pages.pages(sessionId).map((row) => this.view(row));
  }

  /** Scans one batch into a slot and answers when every page is stored and cleaned; OCR goes on after. */
  async scan(clientId: string | null, request: ScanRequest): Promise<ScanSummary> {
    const session = this.requireOpenSession(request.sessionId);
    const procedure = this.deps.catalog.get(session.procedureCode ?? '');
    this.requireComponent(procedure.components, request.componentCode);
    if (this.running.has(session.id)) throw new AppError('SCAN_ALREADY_RUNNING');
    const controller = new AbortController();
    this.running.set(session.id, controller);
    const router = new BatchRouter(request.componentCode, request.insertAt ?? null);
    const known = new Set(procedure.components.map((c) => c.code));
    let captured = 0;
    let error: ScanSummary['error'] = null;
    const skipped: NonNullable<ScanSummary['skipped']> = [];
    let processing = Promise.resolve();
    try {
      for await (const page of this.deps.pipeline.scanner.scan(
        request.scanner,
        request.profile,
        controller.signal,
        ({ file, code, message }) => skipped.push({ file, code, message }),
      )) {
        const row = this.capture(session.id, router, page);
        captured++;
        this.deps.emit(clientId, 'scan.page', { page: this.view(row), removed: false });
        this.deps.emit(clientId, 'scan.progress', { sessionId: session.id, captured, done: false });
        processing = processing
          .then(() => this.process(clientId, row.id, router, known))
          .catch((failure: unknown) => this.deps.log('page processing failed', failure));
      }
    } catch (caught) {
      error =
        caught instanceof AppError
          ? caught.toData()
          : new AppError('SCAN_FAILED', { details: caught instanceof Error ? caught.message : String(caught) }).toData();
      if (!(caught instanceof AppError)) this.deps.log('scan batch stopped', caught);
    } finally {
      this.running.delete(session.id);
    }
    await processing;
    this.deps.emit(clientId, 'scan.progress', { sessionId: session.id, captured, done: true });
    return { captured: captured - router.separators, separators: router.separators, error, ...(skipped.length > 0 ? { skipped } : {}) };
  }

  /**
   * The settings screen's Test button: one page from the scanner with the profile, shown to the
   * admin and kept nowhere. Leaving the loop after the first page stops the device (the drivers'
   * cleanup kills scanimage, deletes the eSCL job); a device fault arrives as its own message.
   */
  async testScan(
    scanner: Pick<ScannerInfo, 'kind' | 'id'>,
    profile: ScanProfile,
    waitSeconds = TEST_SCAN_WAIT_SECONDS,
  ): Promise<TestScanResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), waitSeconds * 1000);
    const noPage = () => new AppError('SCANNER_TEST_NO_PAGE', { scanner: scanner.id, seconds: waitSeconds });
    // A file the hot folder could not read is the test's answer: its message says why.
    let unreadable: AppError | null = null;
    const onSkipped = (skipped: { code: string; message: string }) => {
      unreadable ??= AppError.fromData({ code: skipped.code as AppError['code'], message: skipped.message });
      controller.abort();
    };
    try {
      for await (const page of this.deps.pipeline.scanner.scan(scanner, profile, controller.signal, onSkipped)) {
        const [size, thumbnail] = await Promise.all([imageSize(page.bytes), thumbnailOf(page.bytes, 0)]);
        return { ...size, resolutionDpi: page.resolutionDpi ?? null, thumbnailBase64: thumbnail.toString('base64') };
      }
    } catch (error) {
      if (controller.signal.aborted && error instanceof AppError && error.code === 'SCANNER_CANCELLED') throw unreadable ?? noPage();
      throw error;
    } finally {
      clearTimeout(timer);
    }
    throw unreadable ?? noPage();
  }

  cancelScan(sessionId: string): void {
    this.running.get(sessionId)?.abort();
  }

  /** The page for the zoom viewer: cleaned when cleanup has run, turned as the officer asked. */
  async pageImage(pageId: string): Promise<{ base64: string; mediaType: 'image/png' | 'image/jpeg' }> {
    const row = this.requirePage(pageId);
    const source = row.cleanedSha256 ? this.deps.files.read(row.cleanedSha256) : await this.pngOf(this.deps.files.read(row.originalSha256));
    const image = await rotatedPage(source, row.cleanedMediaType ?? 'image/png', row.rotation);
    return { base64: Buffer.from(image.bytes).toString('base64'), mediaType: image.mediaType };
  }

  async rotate(pageId: string, quarterTurnsClockwise: number): Promise<PageView> {
    const row = this.requireEditablePage(pageId);
    const rotation = quarterTurns(row.rotation + quarterTurnsClockwise);
    const thumbnailSha256 = await this.storeThumbnail(row.cleanedSha256 ?? row.originalSha256, rotation);
    this.deps.pages.updatePage(pageId, { rotation, thumbnailSha256 });
    return this.view(this.requirePage(pageId));
  }

  /** Puts a slot's pages in the order given; the list must be exactly the slot's pages. */
  reorder(sessionId: string, componentCode: string, pageIds: string[]): PageView[] {
    this.requireOpenSession(sessionId);
    const slot = this.deps.pages.slotPages(sessionId, componentCode);
    const same =
      slot.length === pageIds.length && new Set(pageIds).size === pageIds.length && slot.every((row) => pageIds.includes(row.id));
    if (!same) throw new AppError('SCAN_REORDER_MISMATCH');
    this.deps.transaction(() => pageIds.forEach((id, position) => this.deps.pages.updatePage(id, { position })));
    return this.pages(sessionId);
  }

  /** Moves pages to the end of another component's slot, keeping their order. */
  move(sessionId: string, pageIds: string[], toComponent: string): PageView[] {
    const session = this.requireOpenSession(sessionId);
    this.requireComponent(this.deps.catalog.get(session.procedureCode ?? '').components, toComponent);
    const rows = pageIds.map((id) => this.requirePage(id));
    if (rows.some((row) => row.sessionId !== sessionId)) throw new AppError('SCAN_PAGE_NOT_FOUND');
    this.deps.transaction(() => {
      let position = this.deps.pages.nextPosition(sessionId, toComponent);
      for (const row of rows) this.deps.pages.updatePage(row.id, { componentCode: toComponent, position: position++ });
    });
    return this.pages(sessionId);
  }

  /** The officer confirmed the delete; the original stays in the file store, only the slot forgets it. */
  remove(pageId: string): void {
    this.requireEditablePage(pageId);
    this.deps.pages.deletePage(pageId);
    this.deps.pipeline.ocr.cancel?.(pageId);
  }

  /** ID number, name and birth date read by OCR, for one-click confirmation; each value once. */
  suggestions(sessionId: string): FieldSuggestion[] {
    this.requireSession(sessionId);
    const seen = new Set<string>();
    const out: FieldSuggestion[] = [];
    for (const row of this.deps.pages.pages(sessionId)) {
      if (!row.ocrText) continue;
      for (const suggestion of this.deps.pipeline.fields.suggest(row.ocrText)) {
        const key = `${suggestion.field}:${suggestion.value}`;
        if (seen.has(key)) continue;
        seen.add(key);
        out.push({ ...suggestion, pageId: row.id });
      }
    }
    return out;
  }

  async separatorSheets(procedureCode: string): Promise<Uint8Array> {
    const procedure = this.deps.catalog.get(procedureCode);
    return renderSeparatorSheets(
      this.deps.pdfRenderer,
      procedure.name,
      procedure.components.map((c) => ({ code: c.code, name: c.name })),
    );
  }

  /** The core is closing: running scans stop, and pages still queued are left for the next start. */
  close(): void {
    this.closed = true;
    for (const controller of this.running.values()) controller.abort();
  }

  /** Waits for queued OCR (tests, shutdown). */
  ocrIdle(): Promise<void> {
    return this.ocrQueue.idle();
  }

  private newSession(officer: Officer, procedureCode: string): ScanSessionRow {
    const at = this.deps.clock.now().toISOString();
    const row: ScanSessionRow = {
      id: this.deps.newId(),
      procedureCode,
      officerAccountId: officer.accountId,
      dossierId: null,
      status: 'open',
      createdAt: at,
      updatedAt: at,
    };
    this.deps.pages.insertSession(row);
    return row;
  }

  /** Original to the file store, then its row in the recovery index: from here on a crash loses nothing. */
  private capture(sessionId: string, router: BatchRouter, page: CapturedPage): ScannedPageRow {
    const stored = this.deps.files.put(page.bytes);
    const componentCode = router.component;
    return this.deps.transaction(() => {
      const insertAt = router.takeInsertPosition();
      if (insertAt !== null) this.deps.pages.shiftFrom(sessionId, componentCode, insertAt);
      const row: ScannedPageRow = {
        id: this.deps.newId(),
        sessionId,
        componentCode,
        position: insertAt ?? this.deps.pages.nextPosition(sessionId, componentCode),
        originalSha256: stored.sha256,
        originalMediaType: page.mediaType,
        cleanedSha256: null,
        cleanedMediaType: null,
        thumbnailSha256: null,
        state: 'captured',
        widthPx: null,
        heightPx: null,
        resolutionDpi: page.resolutionDpi ?? null,
        quality: null,
        qualityScore: null,
        blank: false,
        rotation: 0,
        barcodes: null,
        ocrText: null,
        ocrConfidence: null,
        ocrWords: null,
        source: page.source.slice(0, 500),
        capturedAt: this.deps.clock.now().toISOString(),
      };
      this.deps.pages.insertPage(row);
      this.deps.pages.updateSession(sessionId, { updatedAt: row.capturedAt });
      return row;
    });
  }

  private async processInOrder(sessionId: string, rows: ScannedPageRow[], clientId: string | null): Promise<void> {
    const session = this.requireSession(sessionId);
    const known = new Set(this.deps.catalog.get(session.procedureCode ?? '').components.map((c) => c.code));
    for (const row of rows) {
      const router = new BatchRouter(row.componentCode, null);
      await this.process(clientId, row.id, router, known);
    }
  }

  /**
   * Cleanup, thumbnail, quality and barcodes for one page. A separator sheet is taken out of the
   * slot and reroutes the rest of the batch; a page cleanup cannot handle stays, marked failed.
   */
  private async process(clientId: string | null, pageId: string, router: BatchRouter, known: Set<string>): Promise<void> {
    if (this.closed) return;
    const row = this.deps.pages.findPage(pageId);
    if (!row) return;
    try {
      const original = this.deps.files.read(row.originalSha256);
      const cleaned = await this.deps.pipeline.cleaner.clean({
        index: row.position,
        bytes: original,
        mediaType: row.originalMediaType as CapturedPage['mediaType'],
        resolutionDpi: row.resolutionDpi ?? undefined,
        source: row.source,
      });
      // A page flagged blank has less ink than one short line of text, so no code either: skipping
      // it spares a second of the worker's time on every separator back and empty sheet.
      const barcodes = cleaned.blank
        ? []
        : await this.deps.pipeline.barcodes.decode(cleaned.bytes).catch((error: unknown) => {
            this.deps.log('barcode decoding failed', error);
            return [];
          });
      const separator = barcodes.map((b) => parseSeparator(b.text)).find((code) => code !== null && known.has(code));
      if (separator) {
        router.separatorFound(separator);
        this.deps.pages.deletePage(pageId);
        this.deps.emit(clientId, 'scan.page', { page: this.view(row), removed: true });
        return;
      }
      const cleanedSha256 = this.deps.files.put(cleaned.bytes).sha256;
      const current = this.deps.pages.findPage(pageId);
      if (!current) return;
      const thumbnailSha256 = await this.storeThumbnail(cleanedSha256, current.rotation);
      this.deps.transaction(() => {
        const moved =
          current.componentCode !== router.component
            ? { componentCode: router.component, position: this.deps.pages.nextPosition(current.sessionId, router.component) }
            : {};
        this.deps.pages.updatePage(pageId, {
          ...moved,
          cleanedSha256,
          cleanedMediaType: cleaned.mediaType,
          thumbnailSha256,
          state: 'cleaned',
          widthPx: cleaned.widthPx,
          heightPx: cleaned.heightPx,
          resolutionDpi: cleaned.resolutionDpi,
          quality: JSON.stringify(cleaned.quality),
          qualityScore: Math.round(cleaned.quality.score),
          blank: cleaned.blank,
          barcodes: JSON.stringify(barcodes),
        });
      });
      this.queueOcr(row.sessionId, pageId, clientId);
    } catch (error) {
      this.deps.log('page cleanup failed', error);
      const thumbnailSha256 = await this.storeThumbnail(row.originalSha256, row.rotation).catch(() => null);
      if (this.deps.pages.findPage(pageId)) this.deps.pages.updatePage(pageId, { state: 'failed', thumbnailSha256 });
    }
    const updated = this.deps.pages.findPage(pageId);
    if (updated) this.deps.emit(clientId, 'scan.page', { page: this.view(updated), removed: false });
  }

  private queueOcr(sessionId: string, pageId: string, clientId: string | null): void {
    this.ocrQueue.push(async () => {
      if (this.closed) return;
      const row = this.deps.pages.findPage(pageId);
      if (!row?.cleanedSha256 || row.ocrText !== null) return;
      const result = await this.deps.pipeline.ocr.recognize(pageId, this.deps.files.read(row.cleanedSha256), {
        resolutionDpi: row.resolutionDpi ?? undefined,
      });
      if (this.closed || !this.deps.pages.findPage(pageId)) return;
      this.deps.pages.updatePage(pageId, {
        ocrText: result.text.normalize('NFC'),
        ocrConfidence: result.meanConfidence,
        ocrWords: JSON.stringify(result.words),
      });
      this.deps.emit(clientId, 'ocr.progress', { sessionId, pageId, pending: this.ocrQueue.pending - 1 });
    });
  }

  private async storeThumbnail(sha256: string, rotation: number): Promise<string> {
    return this.deps.files.put(await thumbnailOf(this.deps.files.read(sha256), rotation)).sha256;
  }

  private async pngOf(image: Uint8Array): Promise<Uint8Array> {
    const { default: sharp } = await import('sharp');
    return sharp(image).png().toBuffer();
  }

  private view(row: ScannedPageRow): PageView {
    const thumbnail = row.thumbnailSha256 && this.deps.files.has(row.thumbnailSha256) ? this.deps.files.read(row.thumbnailSha256) : null;
    return toPageView(row, thumbnail, this.deps.files.size(row.cleanedSha256 ?? row.originalSha256));
  }

  private requireSession(sessionId: string): ScanSessionRow {
    const session = this.deps.pages.findSession(sessionId);
    if (!session) throw new AppError('SCAN_SESSION_NOT_FOUND');
    return session;
  }

  private requireOpenSession(sessionId: string): ScanSessionRow {
    const session = this.requireSession(sessionId);
    if (session.status !== 'open') throw new AppError('SCAN_SESSION_CLOSED');
    return session;
  }

  private requirePage(pageId: string): ScannedPageRow {
    const row = this.deps.pages.findPage(pageId);
    if (!row) throw new AppError('SCAN_PAGE_NOT_FOUND');
    return row;
  }

  private requireEditablePage(pageId: string): ScannedPageRow {
    const row = this.requirePage(pageId);
    this.requireOpenSession(row.sessionId);
    return row;
  }

  private requireComponent(components: Array<{ code: string }>, code: string): void {
    if (!components.some((c) => c.code === code)) throw new AppError('SCAN_COMPONENT_UNKNOWN', { code: code.slice(0, 64) });
  }
}
