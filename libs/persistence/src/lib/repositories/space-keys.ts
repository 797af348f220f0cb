import type { Kysely } from 'kysely';
import type { Database } from '../database';

/**
 * The integer key of each of `spaceIds`, made for those that have none yet. Runs inside a
 * write-queue job, which serialises this process's writes, so the next key is simply the
 * largest plus one.
 */
export async function ensureSpaceKeys(db: Kysely<Database>, spaceIds: readonly string[]): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  const unique = [...new Set(spaceIds)];
  if (unique.length === 0) return keys;
  for (const row of await db.selectFrom('space_keys').select(['key', 'space_id']).where('space_id', 'in', unique).execute()) keys.set(row.space_id, row.key);
  const missing = unique.filter((id) => !keys.has(id));
  if (missing.length > 0) {
    const top = await db.selectFrom('space_keys').select((eb) => eb.fn.max('key').as('top')).executeTakeFirst();
    const first = Number(top?.top ?? 0) + 1;
    const rows = missing.map((spaceId, index) => ({ key: first + index, space_id: spaceId }));
    await db.insertInto('space_keys').values(rows).execute();
    for (const row of rows) keys.set(row.space_id, row.key);
  }
  return keys;
}
