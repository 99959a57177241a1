import { and, desc, eq, gte, lte, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../open';
import { componentFiles, dossierEvents, dossiers } from '../schema';

export type DossierRow = typeof dossiers.$inferSelect;
export type DossierEventRow = typeof dossierEvents.$inferSelect;
export type ComponentFileRow = typeof componentFiles.$inferSelect;

export interface DossierQuery {
  /** Folded words matched as prefixes against names, codes and procedure names. */
  words?: string[];
  ownerIdentifier?: string;
  phone?: string;
  code?: string;
  fromDate?: string;
  toDate?: string;
  status?: number;
  limit: number;
}

export class DossierRepository {
  constructor(private readonly db: Db) {}

  insert(row: DossierRow): void {
    this.db.insert(dossiers).values(row).run();
  }

  update(id: string, changes: Partial<Omit<DossierRow, 'id' | 'code'>>): void {
    this.db.update(dossiers).set(changes).where(eq(dossiers.id, id)).run();
  }

  insertEvent(row: DossierEventRow): void {
    this.db.insert(dossierEvents).values(row).run();
  }

  insertFile(row: ComponentFileRow): void {
    this.db.insert(componentFiles).values(row).run();
  }

  findById(id: string): DossierRow | undefined {
    return this.db.select().from(dossiers).where(eq(dossiers.id, id)).get();
  }

  findByCode(code: string): DossierRow | undefined {
    return this.db.select().from(dossiers).where(eq(dossiers.code, code)).get();
  }

  events(dossierId: string): DossierEventRow[] {
    return this.db.select().from(dossierEvents).where(eq(dossierEvents.dossierId, dossierId)).orderBy(dossierEvents.at, dossierEvents.id).all();
  }

  files(dossierId: string): ComponentFileRow[] {
    return this.db.select().from(componentFiles).where(eq(componentFiles.dossierId, dossierId)).orderBy(componentFiles.componentCode, componentFiles.position).all();
  }

  nextRegisterNumber(book: string): number {
    const max = this.db.select({ max: sql<number | null>`max(${dossiers.registerNumber})` }).from(dossiers).where(eq(dossiers.registerBook, book)).get()?.max;
    return (max ?? 0) + 1;
  }

  search(query: DossierQuery): DossierRow[] {
    const conditions: SQL[] = [];
    if (query.code) conditions.push(eq(dossiers.code, query.code));
    if (query.ownerIdentifier) conditions.push(eq(dossiers.ownerIdentifier, query.ownerIdentifier));
    if (query.phone) conditions.push(eq(dossiers.ownerPhone, query.phone));
    if (query.fromDate) conditions.push(gte(dossiers.receivedDate, query.fromDate));
    if (query.toDate) conditions.push(lte(dossiers.receivedDate, query.toDate));
    if (query.status !== undefined) {
      // With a date range, the date index is far more selective than status (a third of all dossiers
      // are "returned"); the unary + keeps SQLite from picking the status index when stats are missing.
      const byDate = query.fromDate !== undefined || query.toDate !== undefined;
      conditions.push(byDate ? sql`+${dossiers.status} = ${query.status}` : eq(dossiers.status, query.status));
    }
    if (query.words && query.words.length > 0) {
      // Words are folded ASCII letters and digits only, so quoting them for FTS5 is safe.
      const match = query.words.map((w) => `"${w.replace(/"/g, '')}"*`).join(' ');
      conditions.push(sql`${dossiers}.rowid in (select rowid from dossier_search where dossier_search match ${match})`);
    }
    return this.db
      .select()
      .from(dossiers)
      .where(conditions.length > 0 ? and(...conditions) : undefined)
      .orderBy(desc(dossiers.receivedDate), desc(dossiers.receivedAt))
      .limit(query.limit)
      .all();
  }
}
