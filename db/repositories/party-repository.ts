import { and, eq } from 'drizzle-orm';
import { partySchema, type Party } from '../../shared/reception/dossier-view';
import { parseStoredJson } from '../../shared/storage/stored-json';
import type { Db } from '../open';
import { parties } from '../schema';

export type PartyRow = typeof parties.$inferSelect;

export class PartyRepository {
  constructor(private readonly db: Db) {}

  /** The details last given, read back through partySchema. */
  find(kind: PartyRow['kind'], identifier: string): Party | null {
    const row = this.db
      .select()
      .from(parties)
      .where(and(eq(parties.kind, kind), eq(parties.identifier, identifier)))
      .get();
    return row ? parseStoredJson(partySchema, row.details, 'parties.details', `${row.kind}:${row.identifier}`) : null;
  }

  /** Keeps the latest details a citizen gave, keyed by their ID number or tax code. */
  upsert(input: { id: string; identifier: string; party: Party; updatedAt: string }): void {
    const row: PartyRow = {
      id: input.id,
      kind: input.party.kind,
      identifier: input.identifier,
      fullName: input.party.fullName,
      details: JSON.stringify(input.party),
      updatedAt: input.updatedAt,
    };
    this.db
      .insert(parties)
      .values(row)
      .onConflictDoUpdate({
        target: [parties.kind, parties.identifier],
        set: { fullName: row.fullName, details: row.details, updatedAt: row.updatedAt },
      })
      .run();
  }
}
