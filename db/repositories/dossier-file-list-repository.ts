import { asc, eq } from 'drizzle-orm';
import type { Db } from '../open';
import { componentFiles, heldDossierFiles } from '../schema';

export type HeldDossierFile = Omit<typeof heldDossierFiles.$inferSelect, 'dossierId'>;
export type ComponentFile = Pick<typeof componentFiles.$inferSelect, 'componentCode' | 'sha256' | 'fileName' | 'mediaType' | 'bytes'>;

/**
 * The files of a dossier as the look-up lists them: the component files kept here, and the province's
 * list of a dossier kept as a held copy (db/schema/file-checks.ts).
 */
export class DossierFileListRepository {
  constructor(private readonly db: Db) {}

  componentFiles(dossierId: string): ComponentFile[] {
    return this.db
      .select({
        componentCode: componentFiles.componentCode,
        sha256: componentFiles.sha256,
        fileName: componentFiles.fileName,
        mediaType: componentFiles.mediaType,
        bytes: componentFiles.bytes,
      })
      .from(componentFiles)
      .where(eq(componentFiles.dossierId, dossierId))
      .orderBy(asc(componentFiles.componentCode), asc(componentFiles.position))
      .all();
  }

  heldFiles(dossierId: string): HeldDossierFile[] {
    return this.db
      .select({
        sha256: heldDossierFiles.sha256,
        componentCode: heldDossierFiles.componentCode,
        size: heldDossierFiles.size,
        mediaType: heldDossierFiles.mediaType,
        pageCount: heldDossierFiles.pageCount,
      })
      .from(heldDossierFiles)
      .where(eq(heldDossierFiles.dossierId, dossierId))
      .orderBy(asc(heldDossierFiles.componentCode), asc(heldDossierFiles.sha256))
      .all();
  }

  /** The province's list as it answered last: files it no longer lists are dropped. */
  replaceHeld(dossierId: string, files: readonly HeldDossierFile[]): void {
    this.db.delete(heldDossierFiles).where(eq(heldDossierFiles.dossierId, dossierId)).run();
    if (files.length > 0)
      this.db
        .insert(heldDossierFiles)
        .values(files.map((file) => ({ ...file, dossierId })))
        .onConflictDoNothing()
        .run();
  }
}
