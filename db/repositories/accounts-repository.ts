import { asc, eq, sql } from 'drizzle-orm';
import type { Db } from '../open';
import { accounts, type AccountRow, type NewAccountRow } from '../schema';

export class AccountsRepository {
  constructor(private readonly db: Db) {}

  count(): number {
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(accounts)
        .get()?.n ?? 0
    );
  }

  list(): AccountRow[] {
    return this.db.select().from(accounts).orderBy(asc(accounts.username)).all();
  }

  findById(id: string): AccountRow | undefined {
    return this.db.select().from(accounts).where(eq(accounts.id, id)).get();
  }

  findByUsername(username: string): AccountRow | undefined {
    return this.db.select().from(accounts).where(eq(accounts.username, username)).get();
  }

  countActiveAdmins(): number {
    return (
      this.db
        .select({ n: sql<number>`count(*)` })
        .from(accounts)
        .where(sql`${accounts.role} = 'admin' and ${accounts.status} = 'active'`)
        .get()?.n ?? 0
    );
  }

  insert(row: NewAccountRow): AccountRow {
    return this.db.insert(accounts).values(row).returning().get();
  }

  update(id: string, changes: Partial<Omit<AccountRow, 'id' | 'createdAt'>>): AccountRow {
    const row = this.db.update(accounts).set(changes).where(eq(accounts.id, id)).returning().get();
    if (!row) throw new Error(`account ${id} vanished during update`);
    return row;
  }
}
