import { eq } from 'drizzle-orm';
import { parseStoredText } from '../../shared/storage/stored-json';
import type { Db } from '../open';
import { settings } from '../schema';

export class SettingsRepository {
  constructor(private readonly db: Db) {}

  /** The stored JSON as it is; each service reads its own settings through its schema. */
  get(key: string): unknown {
    const row = this.db.select().from(settings).where(eq(settings.key, key)).get();
    return row ? parseStoredText(row.value, 'settings.value', key) : undefined;
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
