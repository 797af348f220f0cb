import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** Both databases the server can run on; every repository test runs once on each. */
export const DATABASE_KINDS = ['sqlite', 'postgres'] as const;
export type DatabaseKind = (typeof DATABASE_KINDS)[number];

/**
 * The PostgreSQL server tests use: TEST_DATABASE_URL, or the one of the development and CI
 * machines (127.0.0.1:5432, trust auth, database `test`; `.ci/run` starts it, and
 * docker/test-services.yml runs one elsewhere).
 */
export const TEST_POSTGRES_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

/** A database made for one test run, as the server would be told about it. */
export type ScratchDatabase =
  | {
      kind: 'sqlite';
      /** A fresh, empty directory: the server's DATA_DIR. */
      dataDir: string;
    }
  | {
      kind: 'postgres';
      /** The server's DATABASE_URL: the schema is its search_path, and the application_name is the schema too. */
      url: string;
      schema: string;
    };

/** `url` with the connection's search_path and application_name set, both to `schema`. */
export function urlForSchema(base: string, schema: string): string {
  const url = new URL(base);
  url.searchParams.set('options', `-c search_path=${schema}`);
  url.searchParams.set('application_name', schema);
  return url.toString();
}

/**
 * Fresh databases for a test file: empty directories for SQLite, empty schemas (in the
 * database of `postgresUrl`) for PostgreSQL. `dropAll` removes every one it made, so a run
 * leaves nothing behind; call it in `afterAll`, after closing what uses them.
 */
export class ScratchDatabases {
  private readonly dirs: string[] = [];
  private readonly schemas: string[] = [];

  constructor(
    readonly kind: DatabaseKind,
    private readonly postgresUrl = TEST_POSTGRES_URL,
  ) {}

  async create(): Promise<ScratchDatabase> {
    if (this.kind === 'sqlite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'hfd-sqlite-'));
      this.dirs.push(dataDir);
      return { kind: 'sqlite', dataDir };
    }
    const schema = `hfd_test_${randomBytes(6).toString('hex')}`;
    await withClient(this.postgresUrl, (client) => client.query(`CREATE SCHEMA ${schema}`));
    this.schemas.push(schema);
    return { kind: 'postgres', url: urlForSchema(this.postgresUrl, schema), schema };
  }

  async dropAll(): Promise<void> {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    const schemas = this.schemas.splice(0);
    if (schemas.length === 0) return;
    await withClient(this.postgresUrl, async (client) => {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });
  }
}

/**
 * Ends every server connection opened with `schema` as its application_name (see
 * `urlForSchema`), as an administrator's pg_terminate_backend or a PostgreSQL restart would.
 * Answers how many there were.
 */
export async function terminateConnections(schema: string): Promise<number> {
  return withClient(TEST_POSTGRES_URL, async (client) => {
    const result = await client.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1 AND pid <> pg_backend_pid()',
      [schema],
    );
    return result.rowCount ?? 0;
  });
}

/** A one-off connection to `url` for `use`, closed after it. */
export async function withClient<T>(url: string, use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}
