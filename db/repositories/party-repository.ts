import { and, eq } from 'drizzle-orm';
import type { Db } from '../open';
import { parties } from '../schema';

export type PartyRow = typeof parties.$inferSelect;

export class PartyRepository {
  constructor(private readonly db: Db) {}

  find(kind: PartyRow['kind'], identifier: string): PartyRow | undefined {
    return this.db.select().from(parties).where(and(eq(parties.kind, kind), eq(parties.identifier, identifier))).get();
  }

  /** Keeps the latest details a citizen gave, keyed by their ID number or tax code. */
  upsert(row: PartyRow): void {
    this.db
      .insert(parties)
      .values(row)
      .onConflictDoUpdate({ target: [parties.kind, parties.identifier], set: { fullName: row.fullName, details: row.details, updatedAt: row.updatedAt } })
      .run();
  }
}
