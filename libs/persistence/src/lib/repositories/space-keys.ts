import type { Kysely } from 'kysely';
import type { Database } from '../database';

/**
 * Rows per INSERT: SQLite allows 32 766 bound values in a statement, and a fleet of thousands
 * of Spaces writes one row each at once (a minute's rollups, the start after a downtime).
 */
const ROWS_PER_STATEMENT = 500;

export function chunksOf<T>(rows: readonly T[]): T[][] {
  const chunks: T[][] = [];
  for (let index = 0; index < rows.length; index += ROWS_PER_STATEMENT) chunks.push(rows.slice(index, index + ROWS_PER_STATEMENT));
  return chunks;
}

/**
 * The integer key of each of `spaceIds`, made for those that have none yet. Runs inside a
 * write-queue job, which serialises this process's writes, so the next key is simply the
 * largest plus one.
 */
export async function ensureSpaceKeys(db: Kysely<Database>, spaceIds: readonly string[]): Promise<Map<string, number>> {
  const keys = new Map<string, number>();
  const unique = [...new Set(spaceIds)];
  if (unique.length === 0) return keys;
  for (const chunk of chunksOf(unique)) {
    for (const row of await db.selectFrom('space_keys').select(['key', 'space_id']).where('space_id', 'in', chunk).execute()) keys.set(row.space_id, row.key);
  }
  const missing = unique.filter((id) => !keys.has(id));
  if (missing.length > 0) {
    const top = await db.selectFrom('space_keys').select((eb) => eb.fn.max('key').as('top')).executeTakeFirst();
    const first = Number(top?.top ?? 0) + 1;
    const rows = missing.map((spaceId, index) => ({ key: first + index, space_id: spaceId }));
    for (const chunk of chunksOf(rows)) await db.insertInto('space_keys').values(chunk).execute();
    for (const row of rows) keys.set(row.space_id, row.key);
  }
  return keys;
}
