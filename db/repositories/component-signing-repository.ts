import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../open';
import { componentDigitization, componentFiles, dossiers } from '../schema';

export interface ComponentPdfRow {
  id: string;
  dossierCode: string;
  componentCode: string;
  sha256: string;
  pageCount: number;
  signedAt: string | null;
}

/** The component PDFs of a dossier and their signed state (docs/devices.md §7). */
export class ComponentSigningRepository {
  constructor(private readonly db: Db) {}

  /** Every PDF attached to the dossier's components, in slot order; the page count from its digitization when known. */
  pdfs(dossierId: string): ComponentPdfRow[] {
    return this.db
      .select({
        id: componentFiles.id,
        dossierCode: dossiers.code,
        componentCode: componentFiles.componentCode,
        sha256: componentFiles.sha256,
        pageCount: componentDigitization.pageCount,
        signedAt: componentFiles.signedAt,
      })
      .from(componentFiles)
      .innerJoin(dossiers, eq(dossiers.id, componentFiles.dossierId))
      .leftJoin(
        componentDigitization,
        and(
          eq(componentDigitization.dossierId, componentFiles.dossierId),
          eq(componentDigitization.componentCode, componentFiles.componentCode),
          eq(componentDigitization.sha256, componentFiles.sha256),
        ),
      )
      .where(and(eq(componentFiles.dossierId, dossierId), eq(componentFiles.mediaType, 'application/pdf')))
      .orderBy(asc(componentFiles.componentCode), asc(componentFiles.position))
      .all()
      .map((row) => ({ ...row, pageCount: row.pageCount ?? 0 }));
  }

  /** The signed PDF takes the place of the unsigned one, in the slot and as the component's digitized file. */
  replaceWithSigned(dossierId: string, row: ComponentPdfRow, signed: { sha256: string; bytes: number; signedAt: string }): void {
    this.db
      .update(componentFiles)
      .set({ sha256: signed.sha256, bytes: signed.bytes, signedAt: signed.signedAt })
      .where(and(eq(componentFiles.id, row.id), isNull(componentFiles.signedAt)))
      .run();
    this.db
      .update(componentDigitization)
      .set({ sha256: signed.sha256 })
      .where(
        and(
          eq(componentDigitization.dossierId, dossierId),
          eq(componentDigitization.componentCode, row.componentCode),
          eq(componentDigitization.sha256, row.sha256),
        ),
      )
      .run();
  }
}
