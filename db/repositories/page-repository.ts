import { and, asc, desc, eq, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { componentDigitization, componentFiles, dossiers, scanSessions, scannedPages } from '../schema';

export type ScanSessionRow = typeof scanSessions.$inferSelect;
export type ScannedPageRow = typeof scannedPages.$inferSelect;
export type ComponentDigitizationRow = typeof componentDigitization.$inferSelect;

export interface DigitizationCountRow {
  day: string;
  officerAccountId: string | null;
  procedureCode: string;
  procedureName: string;
  dossiers: number;
  components: number;
  digitizedComponents: number;
  signedComponents: number;
  reusedComponents: number;
  reusedFromResultComponents: number;
  pages: number;
}

/**
 * A component the citizen handed in (attached or reused): the only ones the digitized share is
 * about. An optional component nobody submitted, or one the officer waived, has nothing to digitize.
 */
const submittedComponent = sql`exists (select 1 from json_each(${dossiers.view}, '$.components') as c
  where json_extract(c.value, '$.code') = ${componentDigitization.componentCode}
    and json_extract(c.value, '$.state') in ('attached', 'reused'))`;

/** Scan sessions, the page recovery index and per-component digitization state. */
export class PageRepository {
  constructor(private readonly db: Db) {}

  findSession(id: string): ScanSessionRow | undefined {
    return this.db.select().from(scanSessions).where(eq(scanSessions.id, id)).get();
  }

  insertSession(row: ScanSessionRow): void {
    this.db.insert(scanSessions).values(row).run();
  }

  updateSession(id: string, changes: Partial<Omit<ScanSessionRow, 'id'>>): void {
    this.db.update(scanSessions).set(changes).where(eq(scanSessions.id, id)).run();
  }

  /** The session a restart finds again: the officer's latest open one for this procedure. */
  latestOpenSession(officerAccountId: string, procedureCode: string): ScanSessionRow | undefined {
    return this.db
      .select()
      .from(scanSessions)
      .where(
        and(
          eq(scanSessions.status, 'open'),
          eq(scanSessions.officerAccountId, officerAccountId),
          eq(scanSessions.procedureCode, procedureCode),
        ),
      )
      .orderBy(desc(scanSessions.updatedAt))
      .limit(1)
      .get();
  }

  /** Sessions whose dossier was accepted but whose component PDFs were not stored yet (a crash in between). */
  acceptedNotAssembled(): ScanSessionRow[] {
    return this.db.select().from(scanSessions).where(eq(scanSessions.status, 'accepted')).all();
  }

  insertPage(row: ScannedPageRow): void {
    this.db.insert(scannedPages).values(row).run();
  }

  findPage(id: string): ScannedPageRow | undefined {
    return this.db.select().from(scannedPages).where(eq(scannedPages.id, id)).get();
  }

  updatePage(id: string, changes: Partial<Omit<ScannedPageRow, 'id' | 'sessionId'>>): void {
    this.db.update(scannedPages).set(changes).where(eq(scannedPages.id, id)).run();
  }

  deletePage(id: string): void {
    this.db.delete(scannedPages).where(eq(scannedPages.id, id)).run();
  }

  /** Every page of a session, slot by slot in page order. */
  pages(sessionId: string): ScannedPageRow[] {
    return this.db
      .select()
      .from(scannedPages)
      .where(eq(scannedPages.sessionId, sessionId))
      .orderBy(asc(scannedPages.componentCode), asc(scannedPages.position), asc(scannedPages.capturedAt))
      .all();
  }

  slotPages(sessionId: string, componentCode: string): ScannedPageRow[] {
    return this.db
      .select()
      .from(scannedPages)
      .where(and(eq(scannedPages.sessionId, sessionId), eq(scannedPages.componentCode, componentCode)))
      .orderBy(asc(scannedPages.position), asc(scannedPages.capturedAt))
      .all();
  }

  nextPosition(sessionId: string, componentCode: string): number {
    const max = this.db
      .select({ max: sql<number | null>`max(${scannedPages.position})` })
      .from(scannedPages)
      .where(and(eq(scannedPages.sessionId, sessionId), eq(scannedPages.componentCode, componentCode)))
      .get()?.max;
    return max === null || max === undefined ? 0 : max + 1;
  }

  /** Makes room for a page inserted at `position` by moving that page and the ones after it down one. */
  shiftFrom(sessionId: string, componentCode: string, position: number): void {
    this.db
      .update(scannedPages)
      .set({ position: sql`${scannedPages.position} + 1` })
      .where(
        and(eq(scannedPages.sessionId, sessionId), eq(scannedPages.componentCode, componentCode), gte(scannedPages.position, position)),
      )
      .run();
  }

  pagesAfter(sessionId: string, componentCode: string, position: number): ScannedPageRow[] {
    return this.db
      .select()
      .from(scannedPages)
      .where(and(eq(scannedPages.sessionId, sessionId), eq(scannedPages.componentCode, componentCode), gt(scannedPages.position, position)))
      .all();
  }

  /**
   * The component's PDF takes the place of the page images it was accepted with, at the first
   * page's position; files the officer attached beside the scan stay.
   */
  replacePageFiles(
    dossierId: string,
    componentCode: string,
    pageSha256s: string[],
    file: Omit<typeof componentFiles.$inferInsert, 'position'>,
  ): void {
    const slot = and(
      eq(componentFiles.dossierId, dossierId),
      eq(componentFiles.componentCode, componentCode),
      inArray(componentFiles.sha256, pageSha256s),
    );
    const first = this.db
      .select({ min: sql<number | null>`min(${componentFiles.position})` })
      .from(componentFiles)
      .where(slot)
      .get()?.min;
    this.db.delete(componentFiles).where(slot).run();
    this.db
      .insert(componentFiles)
      .values({ ...file, position: first ?? 0 })
      .run();
  }

  upsertDigitization(row: ComponentDigitizationRow): void {
    this.db
      .insert(componentDigitization)
      .values(row)
      .onConflictDoUpdate({ target: [componentDigitization.dossierId, componentDigitization.componentCode], set: row })
      .run();
  }

  digitizationOf(dossierId: string): ComponentDigitizationRow[] {
    return this.db.select().from(componentDigitization).where(eq(componentDigitization.dossierId, dossierId)).all();
  }

  /** Components with a stored file among the dossiers of one owner: what reuse can offer. */
  reusableFor(
    ownerIdentifier: string,
  ): Array<ComponentDigitizationRow & { dossierCode: string; procedureCode: string; receivedAt: string }> {
    return this.db
      .select({
        dossierId: componentDigitization.dossierId,
        componentCode: componentDigitization.componentCode,
        state: componentDigitization.state,
        sha256: componentDigitization.sha256,
        pageCount: componentDigitization.pageCount,
        reusedFromDossierId: componentDigitization.reusedFromDossierId,
        officerAccountId: componentDigitization.officerAccountId,
        digitizedAt: componentDigitization.digitizedAt,
        digitizedDate: componentDigitization.digitizedDate,
        dossierCode: dossiers.code,
        procedureCode: dossiers.procedureCode,
        receivedAt: dossiers.receivedAt,
      })
      .from(componentDigitization)
      .innerJoin(dossiers, eq(dossiers.id, componentDigitization.dossierId))
      .where(
        and(
          eq(dossiers.ownerIdentifier, ownerIdentifier),
          inArray(componentDigitization.state, [1, 2, 3]),
          sql`${componentDigitization.sha256} is not null`,
        ),
      )
      .orderBy(sql`${dossiers.receivedAt} desc`)
      .all();
  }

  /** Counts per local day, officer and procedure over the dossiers received in a date range. */
  counts(fromDate: string, toDate: string): DigitizationCountRow[] {
    return this.db
      .select({
        day: dossiers.receivedDate,
        officerAccountId: dossiers.officerAccountId,
        procedureCode: dossiers.procedureCode,
        // The name as received (from the dossier's snapshot), not the catalogue's code.
        procedureName: sql<string>`max(json_extract(${dossiers.view}, '$.procedure.name'))`,
        dossiers: sql<number>`count(distinct ${dossiers.id})`,
        components: sql<number>`count(${componentDigitization.componentCode})`,
        digitizedComponents: sql<number>`coalesce(sum(${componentDigitization.state} > 0), 0)`,
        signedComponents: sql<number>`coalesce(sum(exists (select 1 from ${componentFiles} f where f.dossier_id = ${componentDigitization.dossierId} and f.component_code = ${componentDigitization.componentCode} and f.signed_at is not null)), 0)`,
        reusedComponents: sql<number>`coalesce(sum(${componentDigitization.state} = 2), 0)`,
        reusedFromResultComponents: sql<number>`coalesce(sum(${componentDigitization.state} = 3), 0)`,
        pages: sql<number>`coalesce(sum(case when ${componentDigitization.state} = 1 then ${componentDigitization.pageCount} else 0 end), 0)`,
      })
      .from(dossiers)
      .leftJoin(componentDigitization, and(eq(componentDigitization.dossierId, dossiers.id), submittedComponent))
      .where(and(gte(dossiers.receivedDate, fromDate), lte(dossiers.receivedDate, toDate)))
      .groupBy(dossiers.receivedDate, dossiers.officerAccountId, dossiers.procedureCode)
      .orderBy(dossiers.receivedDate, dossiers.procedureCode)
      .all();
  }
}
