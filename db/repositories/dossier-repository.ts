import { and, desc, eq, gte, inArray, lt, lte, sql, type SQL } from 'drizzle-orm';
import { foldVietnamese } from '../../shared/domain/text';
import type { DossierView, Party } from '../../shared/reception/dossier-view';
import { parseStoredDossierView, serializeDossierView } from '../../shared/reception/stored-dossier-view';
import type { Db } from '../open';
import { componentFiles, dossierEvents, dossiers } from '../schema';

/** The row as SQLite holds it: `view` is the versioned JSON text of stored-dossier-view.ts. */
export type DossierRow = typeof dossiers.$inferSelect;
/** A dossier as the repository hands it out: the row's columns with its view read back and checked. */
export type Dossier = Omit<DossierRow, 'view'> & { view: DossierView };
export type DossierEventRow = typeof dossierEvents.$inferSelect;
export type ComponentFileRow = typeof componentFiles.$inferSelect;

export interface DossierQuery {
  /** Folded words matched as prefixes against names, codes and procedure names. */
  words?: string[];
  ownerIdentifier?: string;
  phone?: string;
  code?: string;
  /** Any part of a dossier code ("261206-0002", "H56-2612"), matched in the code column. */
  codeContains?: string;
  fromDate?: string;
  toDate?: string;
  status?: number;
  limit: number;
}

/** The owner's key in the party and dossier tables: the personal ID for a citizen, the tax code for an organisation. */
export function partyIdentifier(party: Party): string | null {
  return party.kind === 'citizen' ? party.idNumber : party.taxCode;
}

export function searchTextOf(view: DossierView): string {
  return foldVietnamese(
    [
      view.code,
      view.owner.fullName,
      view.submitter?.fullName ?? '',
      view.procedure.name,
      view.procedure.code,
      view.owner.idNumber ?? '',
      view.owner.taxCode ?? '',
    ].join(' '),
  );
}

/** The row a view is stored as: the columns searched and sorted on, and the view itself, versioned. */
export function dossierRowFrom(view: DossierView, officerAccountId: string | null, updatedAt: string): DossierRow {
  return {
    id: view.id,
    code: view.code,
    procedureCode: view.procedure.code,
    status: view.status,
    ownerIdentifier: partyIdentifier(view.owner),
    ownerName: view.owner.fullName,
    ownerPhone: view.owner.phone,
    searchText: searchTextOf(view),
    receivedAt: view.receivedAt,
    receivedDate: view.receivedLocal.slice(0, 10),
    dueLocal: view.dueLocal,
    officerAccountId,
    registerBook: view.register.book,
    registerNumber: view.register.number,
    view: serializeDossierView(view),
    updatedAt,
  };
}

/**
 * A dossier received at another counter and opened here from the province (issue 14 §1) is kept as a
 * held copy: a row like any other, so the return, reprint and history work on it offline too, but its
 * register entry is the receiving counter's, not this one's. Its register book is therefore its own,
 * marked with this prefix: this counter's register never lists it and its numbers never collide.
 */
export const HELD_COPY_BOOK_PREFIX = 'held:';

/** Reads a row's view back through the schema and its upgrade chain; a bad view names its dossier. */
export function hydrateDossier(row: DossierRow): Dossier {
  return { ...row, view: parseStoredDossierView(row.view, row.code) };
}

/**
 * The dossiers table. Views go in and come out typed: written with their schema version, read back
 * upgraded and validated, so no caller parses `dossiers.view` itself.
 */
export class DossierRepository {
  constructor(private readonly db: Db) {}

  insert(view: DossierView, officerAccountId: string | null, updatedAt: string): void {
    this.db
      .insert(dossiers)
      .values(dossierRowFrom(view, officerAccountId, updatedAt))
      .run();
  }

  /** Keeps a dossier received elsewhere, as the province holds it (see HELD_COPY_BOOK_PREFIX). */
  insertHeldCopy(view: DossierView, updatedAt: string): void {
    this.db
      .insert(dossiers)
      .values({ ...dossierRowFrom(view, null, updatedAt), registerBook: `${HELD_COPY_BOOK_PREFIX}${view.code}` })
      .run();
  }

  /** A new state of the view (status, return, …); the columns derived from it follow. */
  updateView(id: string, view: DossierView, updatedAt: string): void {
    this.db
      .update(dossiers)
      .set({ status: view.status, dueLocal: view.dueLocal, view: serializeDossierView(view), updatedAt })
      .where(eq(dossiers.id, id))
      .run();
  }

  insertEvent(row: DossierEventRow): void {
    this.db.insert(dossierEvents).values(row).run();
  }

  insertFile(row: typeof componentFiles.$inferInsert): void {
    this.db.insert(componentFiles).values(row).run();
  }

  findById(id: string): Dossier | undefined {
    const row = this.db.select().from(dossiers).where(eq(dossiers.id, id)).get();
    return row && hydrateDossier(row);
  }

  /**
   * Dossiers in one of `statuses` whose due date passed before `nowLocal` (local `YYYY-MM-DDTHH:mm`),
   * most overdue first, along the (status, due_local) index.
   */
  dueBefore(statuses: readonly number[], nowLocal: string, limit: number): Dossier[] {
    return this.db
      .select()
      .from(dossiers)
      .where(and(inArray(dossiers.status, [...statuses]), lt(dossiers.dueLocal, nowLocal)))
      .orderBy(dossiers.dueLocal)
      .limit(limit)
      .all()
      .map(hydrateDossier);
  }

  findByCode(code: string): Dossier | undefined {
    const row = this.db.select().from(dossiers).where(eq(dossiers.code, code)).get();
    return row && hydrateDossier(row);
  }

  events(dossierId: string): DossierEventRow[] {
    return this.db
      .select()
      .from(dossierEvents)
      .where(eq(dossierEvents.dossierId, dossierId))
      .orderBy(dossierEvents.at, dossierEvents.id)
      .all();
  }

  files(dossierId: string): ComponentFileRow[] {
    return this.db
      .select()
      .from(componentFiles)
      .where(eq(componentFiles.dossierId, dossierId))
      .orderBy(componentFiles.componentCode, componentFiles.position)
      .all();
  }

  search(query: DossierQuery): Dossier[] {
    const conditions: SQL[] = [];
    if (query.code) conditions.push(eq(dossiers.code, query.code));
    if (query.codeContains) {
      const escaped = query.codeContains.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`);
      conditions.push(sql`${dossiers.code} like ${`%${escaped}%`} escape '\\'`);
    }
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
      .all()
      .map(hydrateDossier);
  }
}
