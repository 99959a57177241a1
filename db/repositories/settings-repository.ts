import { eq } from 'drizzle-orm';
import type { Db } from '../open';
import { settings } from '../schema';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  get(key: string): unknown {
    const row = this.db.select().from(settings).where(eq(settings.key, key)).get();
    return row ? (JSON.parse(row.value) as unknown) : undefined;
  }

  set(key: string, value: unknown, at: string): void {
    const json = JSON.stringify(value);
    this.db
      .insert(settings)
      .values({ key, value: json, updatedAt: at })
      .onConflictDoUpdate({ target: settings.key, set: { value: json, updatedAt: at } })
      .run();
  }
}
