import type { Kysely } from 'kysely';
import type { Database } from '../database';

/**
 * The server's own named values. Read and written directly, not through the write queue: they
 * are read and made while the server starts, when the database must answer anyway.
 */
export class SettingsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(key: string): Promise<string | null> {
    const row = await this.db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value ?? null;
  }

  /**
   * Stores `value` under `key` unless a value is there already, and answers the stored one: of
   * two replicas starting together, both end up with the value of the first.
   */
  async putIfAbsent(key: string, value: string): Promise<string> {
    await this.db
      .insertInto('settings')
      .values({ key, value, updated_at: Date.now() })
      .onConflict((conflict) => conflict.column('key').doNothing())
      .execute();
    const stored = await this.get(key);
    if (stored === null) throw new Error(`The setting ${key} was stored but cannot be read back`);
    return stored;
  }
}
