import type { ComponentFile, HeldDossierFile } from '../../../db/repositories/dossier-file-list-repository';
import type { Dossier } from '../../../db/repositories/dossier-repository';
import { listDossierFiles, type DossierFile } from '../../../shared/lookup/dossier-files';
import { AppError } from '../../../shared/ipc/result';
import type { SignatureVerdict } from '../../../shared/signing/verdict';

export interface DossierFilesDeps {
  dossiers: { findById(id: string): Dossier | undefined };
  fileList: { componentFiles(dossierId: string): ComponentFile[]; heldFiles(dossierId: string): HeldDossierFile[] };
  results: {
    forDossier(
      dossierId: string,
    ): Array<{ position: number; name: string; sha256: string; fileName: string; mediaType: string; bytes: number }>;
  };
  files: { has(sha256: string): boolean };
  /**
   * The signature verdicts kept with the stored files (electron/core/signing/arrival-verifier.ts):
   * made when each file arrived, made again only when the trust anchors or CRLs changed since.
   */
  verdicts: (sha256s: readonly string[]) => Promise<Map<string, SignatureVerdict>>;
}

/**
 * The look-up's list of a dossier's files — its components, the results handed back here or by any
 * counter of the province — each with its signature verdict, or "not downloaded" while it is only on
 * the gateway (docs/architecture.md §8).
 */
export class DossierFiles {
  constructor(private readonly deps: DossierFilesDeps) {}

  async list(dossierId: string): Promise<DossierFile[]> {
    const row = this.deps.dossiers.findById(dossierId);
    if (!row) throw new AppError('DOSSIER_NOT_FOUND', { code: dossierId.slice(0, 40) });
    const listed = listDossierFiles({
      components: row.view.components,
      componentFiles: this.deps.fileList.componentFiles(dossierId),
      results: this.deps.results.forDossier(dossierId),
      held: this.deps.fileList.heldFiles(dossierId),
    });
    const verdicts = await this.deps.verdicts(listed.map((file) => file.sha256));
    return listed.map((file) => {
      const downloaded = this.deps.files.has(file.sha256);
      return { ...file, downloaded, verdict: downloaded ? (verdicts.get(file.sha256) ?? null) : null };
    });
  }
}
