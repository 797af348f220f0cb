import { DATABASE_KINDS, ScratchDatabases, type ScratchDatabase } from '@hfd/test-support';
import { sql, type Kysely, type Migration } from 'kysely';
import { connectPostgres, openSqlite, type Connection } from './connections';
import { migrate } from './migrate';
import { MIGRATIONS } from './migrations';
import { PersistenceStartError } from './start-error';
import { join } from 'node:path';

async function connect(target: ScratchDatabase): Promise<Connection> {
  return target.kind === 'sqlite' ? openSqlite(join(target.dataDir, 'test.db')) : connectPostgres(target.url, () => undefined);
}

async function tableNames(connection: Connection): Promise<string[]> {
  const tables = await connection.db.introspection.getTables({ withInternalKyselyTables: true });
  return tables
    .filter((table) => connection.schema === undefined || table.schema === connection.schema)
    .map((table) => table.name)
    .sort();
}

/** Every row of every table, to prove a refusal changed nothing. */
async function contents(connection: Connection): Promise<Record<string, unknown[]>> {
  const result: Record<string, unknown[]> = {};
  for (const name of await tableNames(connection)) {
    const table = connection.schema === undefined ? name : `${connection.schema}.${name}`;
    result[name] = (await sql`SELECT * FROM ${sql.table(table)}`.execute(connection.db)).rows;
  }
  return result;
}

const LATER: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.createTable('from_a_newer_build').addColumn('id', 'text', (column) => column.primaryKey()).execute();
  },
};

describe.each(DATABASE_KINDS)('migrate (%s)', (kind) => {
  const scratch = new ScratchDatabases(kind);
  const open: Connection[] = [];
  const connectTo = async (target: ScratchDatabase) => {
    const connection = await connect(target);
    open.push(connection);
    return connection;
  };
  afterEach(async () => {
    for (const connection of open.splice(0)) await connection.db.destroy();
  });
  afterAll(() => scratch.dropAll());

  it('creates the tables on a fresh database, once', async () => {
    const connection = await connectTo(await scratch.create());
    expect(await migrate(connection)).toEqual(Object.keys(MIGRATIONS));
    expect(await tableNames(connection)).toEqual([
      'api_keys',
      'audit_log',
      'automation_jobs',
      'automation_rules',
      'automation_runs',
      'kysely_migration',
      'kysely_migration_lock',
      'metric_hours',
      'metric_minutes',
      'probe_results',
      'server_runs',
      'sessions',
      'settings',
      'space_keys',
      'stage_transitions',
      'users',
    ]);
    expect(await migrate(connection)).toEqual([]);
  });

  it('refuses a database a newer build has migrated, naming the migration, and changes nothing', async () => {
    const target = await scratch.create();
    const newer = await connectTo(target);
    await migrate(newer, { ...MIGRATIONS, '9999-from-a-newer-build': LATER });
    await newer.db.insertInto('settings').values({ key: 'k', value: '"v"', updated_at: 1 }).execute();
    const before = await contents(newer);

    const connection = await connectTo(target);
    const refusal = await migrate(connection).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(PersistenceStartError);
    expect((refusal as Error).message).toMatch(/has a newer schema than this build \(it ran migration 9999-from-a-newer-build, which this build does not have\); nothing was changed/);
    expect((refusal as Error).message).not.toContain('\n');
    expect(await contents(connection)).toEqual(before);
  });

  it('runs a later migration of this build on a database an earlier build made', async () => {
    const target = await scratch.create();
    const connection = await connectTo(target);
    await migrate(connection);
    expect(await migrate(connection, { ...MIGRATIONS, '9999-later': LATER })).toEqual(['9999-later']);
    expect(await tableNames(connection)).toContain('from_a_newer_build');
  });

  if (kind === 'postgres') {
    it('migrates once when two servers start together on one fresh schema (advisory lock)', async () => {
      const target = await scratch.create();
      const [first, second] = await Promise.all([connectTo(target), connectTo(target)]);
      const results = await Promise.all([migrate(first), migrate(second)]);
      expect(results.flat()).toEqual(Object.keys(MIGRATIONS));
      expect(results.some((applied) => applied.length === 0)).toBe(true);
      const { rows } = await sql<{ count: number }>`SELECT count(*) AS count FROM ${sql.table(`${first.schema}.kysely_migration`)}`.execute(first.db);
      expect(rows[0].count).toBe(Object.keys(MIGRATIONS).length);
    });
  }
});
