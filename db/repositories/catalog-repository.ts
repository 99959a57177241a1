import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Procedure } from '../../shared/catalog/procedure';
import type { Db } from '../open';
import { procedureComponents, procedureFees, procedures } from '../schema';

export class CatalogRepository {
  constructor(
    private readonly db: Db,
    private readonly newId: () => string,
  ) {}

  count(): number {
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(procedures)
        .get()?.n ?? 0
    );
  }

  /** Every active procedure with its components and fees, in catalogue order. */
  allActive(): Procedure[] {
    const rows = this.db.select().from(procedures).where(eq(procedures.active, true)).orderBy(asc(procedures.name)).all();
    if (rows.length === 0) return [];
    const ids = rows.map((r) => r.id);
    const components = this.db
      .select()
      .from(procedureComponents)
      .where(inArray(procedureComponents.procedureId, ids))
      .orderBy(asc(procedureComponents.position))
      .all();
    const fees = this.db
      .select()
      .from(procedureFees)
      .where(inArray(procedureFees.procedureId, ids))
      .orderBy(asc(procedureFees.position))
      .all();
    const byProcedure = <T extends { procedureId: string }>(list: T[]) => {
      const map = new Map<string, T[]>();
      for (const item of list) map.set(item.procedureId, [...(map.get(item.procedureId) ?? []), item]);
      return map;
    };
    const componentMap = byProcedure(components);
    const feeMap = byProcedure(fees);
    return rows.map((row) => ({
      code: row.code,
      name: row.name,
      sectorCode: row.sectorCode,
      sectorName: row.sectorName,
      level: row.level,
      duration: { unit: row.durationUnit, value: row.durationValue, ...(row.durationCutoff ? { cutoff: row.durationCutoff } : {}) },
      ...(row.leadAgency ? { leadAgency: row.leadAgency } : {}),
      resultCode: row.resultCode,
      sample: row.sample,
      components: (componentMap.get(row.id) ?? []).map((c) => ({
        code: c.code,
        name: c.name,
        required: c.required,
        originals: c.originals,
        copies: c.copies,
        formTemplate: c.formTemplate,
      })),
      fees: (feeMap.get(row.id) ?? []).map((f) => ({ kind: f.kind, name: f.name, amount: f.amount })),
    }));
  }

  /**
   * Makes the catalogue exactly `list`: procedures are updated by code, new ones added, and the
   * ones no longer listed deactivated (dossiers keep their own snapshot, so nothing is lost).
   */
  replaceAll(list: Procedure[], at: string): { added: number; updated: number; deactivated: number } {
    const existing = new Map(
      this.db
        .select({ id: procedures.id, code: procedures.code, active: procedures.active })
        .from(procedures)
        .all()
        .map((r) => [r.code, r]),
    );
    let added = 0;
    let updated = 0;
    for (const p of list) {
      const current = existing.get(p.code);
      this.write(p, at, current?.id ?? null);
      if (current) {
        existing.delete(p.code);
        updated += 1;
      } else {
        added += 1;
      }
    }
    let deactivated = 0;
    for (const gone of existing.values()) {
      if (!gone.active) continue;
      this.db.update(procedures).set({ active: false, updatedAt: at }).where(eq(procedures.id, gone.id)).run();
      deactivated += 1;
    }
    return { added, updated, deactivated };
  }

  /** Adds or updates one procedure by code, leaving the rest of the catalogue as it is. */
  upsert(p: Procedure, at: string): void {
    const current = this.db.select({ id: procedures.id }).from(procedures).where(eq(procedures.code, p.code)).get();
    this.write(p, at, current?.id ?? null);
  }

  private write(p: Procedure, at: string, existingId: string | null): void {
    const values = {
      code: p.code,
      name: p.name,
      sectorCode: p.sectorCode,
      sectorName: p.sectorName,
      level: p.level,
      durationUnit: p.duration.unit,
      durationValue: p.duration.value,
      durationCutoff: p.duration.cutoff ?? null,
      leadAgency: p.leadAgency ?? null,
      resultCode: p.resultCode,
      sample: p.sample,
      active: true,
      updatedAt: at,
    };
    let id: string;
    if (existingId) {
      id = existingId;
      this.db.update(procedures).set(values).where(eq(procedures.id, id)).run();
      this.db.delete(procedureComponents).where(eq(procedureComponents.procedureId, id)).run();
      this.db.delete(procedureFees).where(eq(procedureFees.procedureId, id)).run();
    } else {
      id = this.newId();
      this.db
        .insert(procedures)
        .values({ id, ...values })
        .run();
    }
    p.components.forEach((c, i) =>
      this.db
        .insert(procedureComponents)
        .values({ id: this.newId(), procedureId: id, position: i, ...c })
        .run(),
    );
    p.fees.forEach((f, i) =>
      this.db
        .insert(procedureFees)
        .values({ id: this.newId(), procedureId: id, position: i, ...f })
        .run(),
    );
  }
}
