import { and, asc, desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { dossierResults, dossiers } from '../schema';

export type DossierResultRow = typeof dossierResults.$inferSelect;

/** Result documents digitized when a dossier's result was handed back, and what a later dossier can reuse of them. */
export class DossierResultRepository {
  constructor(private readonly db: Db) {}

  insert(row: DossierResultRow): void {
    this.db.insert(dossierResults).values(row).run();
  }

  forDossier(dossierId: string): DossierResultRow[] {
    return this.db.select().from(dossierResults).where(eq(dossierResults.dossierId, dossierId)).orderBy(asc(dossierResults.position)).all();
  }

  /** The result at `position` of the dossier with this code, with the owner it was issued to. */
  find(dossierCode: string, position: number): (DossierResultRow & { ownerIdentifier: string | null }) | undefined {
    return this.db
      .select({ ...resultColumns, ownerIdentifier: dossiers.ownerIdentifier })
      .from(dossierResults)
      .innerJoin(dossiers, eq(dossiers.id, dossierResults.dossierId))
      .where(and(eq(dossiers.code, dossierCode), eq(dossierResults.position, position)))
      .get();
  }

  /** Every result handed back on the dossiers of one owner, newest dossier first. */
  reusableFor(ownerIdentifier: string): Array<DossierResultRow & { dossierCode: string; procedureCode: string }> {
    return this.db
      .select({ ...resultColumns, dossierCode: dossiers.code, procedureCode: dossiers.procedureCode })
      .from(dossierResults)
      .innerJoin(dossiers, eq(dossiers.id, dossierResults.dossierId))
      .where(eq(dossiers.ownerIdentifier, ownerIdentifier))
      .orderBy(desc(dossiers.receivedAt), asc(dossierResults.position))
      .all();
  }

  nextPosition(dossierId: string): number {
    const max = this.db
      .select({ max: sql<number | null>`max(${dossierResults.position})` })
      .from(dossierResults)
      .where(eq(dossierResults.dossierId, dossierId))
      .get()?.max;
    return max === null || max === undefined ? 0 : max + 1;
  }
}

const resultColumns = {
  id: dossierResults.id,
  dossierId: dossierResults.dossierId,
  position: dossierResults.position,
  name: dossierResults.name,
  sha256: dossierResults.sha256,
  fileName: dossierResults.fileName,
  mediaType: dossierResults.mediaType,
  bytes: dossierResults.bytes,
  pageCount: dossierResults.pageCount,
  officerAccountId: dossierResults.officerAccountId,
  recordedAt: dossierResults.recordedAt,
};
