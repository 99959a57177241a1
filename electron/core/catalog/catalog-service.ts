import fs from 'node:fs';
import path from 'node:path';
import type { CatalogRepository } from '../../../db/repositories/catalog-repository';
import { parseCatalogJson, type CatalogImport } from '../../../shared/catalog/parse-catalog';
import type { Procedure } from '../../../shared/catalog/procedure';
import { ProcedureSearchIndex } from '../../../shared/catalog/procedure-search';
import { AppError, type Result } from '../../../shared/ipc/result';
import { readCatalogXlsx } from './read-catalog-xlsx';
import type { Clock } from '../platform/clock';
import type { AuditActor, AuditService } from '../audit/audit-service';

export interface ImportReport {
  added: number;
  updated: number;
  deactivated: number;
  rejected: CatalogImport['rejected'];
}

/** Where the embedded sample catalogue lives: beside the sources, or in the app's resources. */
export function sampleCatalogPath(resourcesDir: string): string {
  return path.join(resourcesDir, 'electron', 'core', 'catalog', 'sample-catalog.json');
}

/**
 * The procedure catalogue: seeded from the embedded sample on first start, replaced by imports
 * (JSON or the provincial xlsx layout) and later by the sync pull. Search runs in memory.
 */
export class CatalogService {
  private index: ProcedureSearchIndex<Procedure> | null = null;
  private byCode = new Map<string, Procedure>();

  constructor(
    private readonly repository: CatalogRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly transaction: <T>(work: () => T) => T,
  ) {}

  private reload(): void {
    const all = this.repository.allActive();
    this.byCode = new Map(all.map((p) => [p.code, p]));
    this.index = new ProcedureSearchIndex(all);
  }

  /** The catalogue changed in the database underneath (pulled from the province): rebuild on next use. */
  invalidate(): void {
    this.index = null;
  }

  private searchIndex(): ProcedureSearchIndex<Procedure> {
    if (!this.index) this.reload();
    return this.index!;
  }

  /** Loads the sample catalogue when the catalogue is empty (a new installation). */
  seedIfEmpty(sampleFile: string): number {
    if (this.repository.count() > 0 || !fs.existsSync(sampleFile)) return 0;
    const parsed = parseCatalogJson(fs.readFileSync(sampleFile, 'utf8'));
    if (!parsed.ok) return 0;
    this.transaction(() => this.repository.replaceAll(parsed.value.procedures, this.clock.now().toISOString()));
    this.reload();
    return parsed.value.procedures.length;
  }

  search(query: string, limit: number): Procedure[] {
    return this.searchIndex()
      .search(query, limit)
      .map((m) => m.item);
  }

  list(): Procedure[] {
    this.searchIndex();
    return [...this.byCode.values()];
  }

  get(code: string): Procedure {
    this.searchIndex();
    const found = this.byCode.get(code.trim());
    if (!found) throw new AppError('PROCEDURE_NOT_FOUND', { code: code.slice(0, 64) });
    return found;
  }

  /** Applies an import; a file with no valid procedure leaves the current catalogue untouched. */
  private apply(actor: AuditActor, parsed: Result<CatalogImport>, source: string): ImportReport {
    if (!parsed.ok) throw AppError.fromData(parsed.error);
    const { procedures, rejected } = parsed.value;
    if (procedures.length === 0) throw new AppError('CATALOG_IMPORT_EMPTY');
    const counts = this.transaction(() => {
      const result = this.repository.replaceAll(procedures, this.clock.now().toISOString());
      this.audit.record(actor, 'admin.catalogImported', source, { ...result, rejected: rejected.length });
      return result;
    });
    this.reload();
    return { ...counts, rejected };
  }

  importJson(actor: AuditActor, text: string, source = 'json'): ImportReport {
    return this.apply(actor, parseCatalogJson(text), source);
  }

  async importXlsx(actor: AuditActor, bytes: Uint8Array, source = 'xlsx'): Promise<ImportReport> {
    return this.apply(actor, await readCatalogXlsx(bytes), source);
  }
}
