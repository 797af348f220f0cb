import BetterSqlite3 from 'better-sqlite3';
import { existsSync } from 'node:fs';

/**
 * Copies the SQLite database `source` into the new file `target` with SQLite's online backup
 * API: consistent while the server keeps writing, and without stopping it. Refuses to
 * overwrite `target`. Answers the pages copied.
 */
export async function backupSqlite(source: string, target: string): Promise<number> {
  if (!existsSync(source)) throw new Error(`There is no database at ${source}`);
  if (existsSync(target)) throw new Error(`${target} exists already: give a new file name`);
  const db = new BetterSqlite3(source, { readonly: true, fileMustExist: true });
  try {
    const { totalPages } = await db.backup(target);
    return totalPages;
  } finally {
    db.close();
  }
}
