import { DEFAULT_MIGRATION_TABLE, Migrator, sql, type Migration } from 'kysely';
import type { Connection } from './connections';
import { MIGRATIONS } from './migrations';
import { PersistenceStartError, reason } from './start-error';

/** Kysely's words for a run migration that the given list lacks. */
const MISSING_MIGRATION = /previously executed migration (\S+) is missing/;

function newerSchema(connection: Connection, unknown: string): PersistenceStartError {
  return new PersistenceStartError(
    `The database at ${connection.location} has a newer schema than this build (it ran migration ${unknown}, which this build does not have); nothing was changed: run the newer version of the server, or restore a backup made with this one`,
  );
}

/** The migrations this database has run, in no particular order; none when it is new. */
async function executedMigrations(connection: Connection): Promise<string[]> {
  const tables = await connection.db.introspection.getTables({ withInternalKyselyTables: true });
  const exists = tables.some((table) => table.name === DEFAULT_MIGRATION_TABLE && (connection.schema === undefined || table.schema === connection.schema));
  if (!exists) return [];
  const table = connection.schema === undefined ? DEFAULT_MIGRATION_TABLE : `${connection.schema}.${DEFAULT_MIGRATION_TABLE}`;
  const { rows } = await sql<{ name: string }>`SELECT name FROM ${sql.table(table)}`.execute(connection.db);
  return rows.map((row) => row.name);
}

/**
 * Brings the schema up to this build's, with Kysely's Migrator: on PostgreSQL it runs under
 * an advisory lock in one transaction, so replicas that start together migrate once (the
 * others wait, then find nothing to do); SQLite has one writer anyway. A database that has run
 * a migration this build lacks is refused before anything is written. Answers the names run.
 */
export async function migrate(connection: Connection, migrations: Readonly<Record<string, Migration>> = MIGRATIONS): Promise<string[]> {
  let executed: string[];
  try {
    executed = await executedMigrations(connection);
  } catch (error) {
    throw new PersistenceStartError(`Cannot read the schema version of the database at ${connection.location}: ${reason(error)}`);
  }
  const unknown = executed.filter((name) => !(name in migrations)).sort();
  if (unknown.length > 0) throw newerSchema(connection, unknown[unknown.length - 1]);

  const migrator = new Migrator({
    db: connection.db,
    provider: { getMigrations: async () => migrations },
    migrationTableSchema: connection.schema,
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error !== undefined) {
    // A newer replica may have migrated between the check above and the lock.
    const missing = MISSING_MIGRATION.exec(reason(error));
    if (missing) throw newerSchema(connection, missing[1]);
    const failed = results.find((result) => result.status === 'Error')?.migrationName;
    throw new PersistenceStartError(
      `Migrating the database at ${connection.location}${failed ? ` (migration ${failed})` : ''} failed: ${reason(error)}`,
    );
  }
  return results.filter((result) => result.status === 'Success').map((result) => result.migrationName);
}
