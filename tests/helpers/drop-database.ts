import type { Client } from 'pg';

/**
 * Drops a test database, ending its connections. `WITH (FORCE)` also ends an autovacuum worker busy on it, which a role
 * without superuser may not signal ("must be a member of the role whose process is being terminated"): the worker is
 * done within moments, so that refusal is tried again rather than failing a file whose tests passed.
 */
export async function dropTestDatabase(client: Pick<Client, 'query'>, name: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await client.query(`drop database if exists ${name} with (force)`);
      return;
    } catch (error) {
      if ((error as { code?: string }).code !== '42501' || attempt === 40) throw error;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }
}
