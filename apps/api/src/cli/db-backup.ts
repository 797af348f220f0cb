import { backupSqlite, SQLITE_FILE } from '@hfd/persistence';
import { join, resolve } from 'node:path';
import { validateEnv } from '../config/env.schema';
import { readEnvironment } from '../config/read-environment';

const USAGE = 'usage: npm run db:backup -- FILE   (in the Docker image: node main.js db:backup FILE)';

/**
 * Copies the SQLite database of this configuration into FILE while the server may be running
 * (SQLite's online backup API). With DATABASE_URL there is nothing to copy here: PostgreSQL has
 * pg_dump. Answers the exit code; every outcome is one line.
 */
export async function runDbBackup(
  args: readonly string[],
  env: Record<string, string | undefined> = readEnvironment(),
  write: (line: string) => void = (line) => process.stdout.write(`${line}\n`),
): Promise<number> {
  if (args.length !== 1 || args[0].startsWith('-')) {
    write(USAGE);
    return 64;
  }
  const config = validateEnv(env);
  if (config.DATABASE_URL !== undefined) {
    write('DATABASE_URL is set: the data is in PostgreSQL; back it up with pg_dump (see docs/deployment.md)');
    return 2;
  }
  const source = join(config.DATA_DIR, SQLITE_FILE);
  const target = resolve(env['INIT_CWD'] ?? process.cwd(), args[0]);
  let pages: number;
  try {
    pages = await backupSqlite(source, target);
  } catch (error) {
    write(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
  write(`Backed up ${source} to ${target} (${pages} pages). Keep ${join(config.DATA_DIR, 'secret.key')} with it unless SECRET_KEY is set: the stored secrets need it.`);
  return 0;
}
