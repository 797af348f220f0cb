import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import type { PersistenceOptions } from '@hfd/persistence';
import { TEST_SECRET_KEY } from './test-persistence';

/**
 * Fresh databases of both kinds for the API's own specs, which may not use the test-support
 * library (it spawns processes and is kept out of application code): an empty directory for
 * SQLite, an empty schema of TEST_DATABASE_URL (default the CI machine's) for PostgreSQL.
 */
export const SCRATCH_KINDS = ['sqlite', 'postgres'] as const;
// eslint-disable-next-line no-restricted-properties -- the tests' database server, not the application's configuration
const POSTGRES_URL = process.env['TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/test';

async function withClient<T>(use: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: POSTGRES_URL });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

export class ScratchDatabase {
  private readonly dirs: string[] = [];
  private readonly schemas: string[] = [];

  constructor(readonly kind: (typeof SCRATCH_KINDS)[number]) {}

  /** Options of a new, empty database; open it as often as a test needs (two engines on one database). */
  async create(onWriteFailure: (label: string, error: unknown) => void): Promise<PersistenceOptions> {
    if (this.kind === 'sqlite') {
      const dataDir = mkdtempSync(join(tmpdir(), 'hfd-api-sqlite-'));
      this.dirs.push(dataDir);
      return { kind: 'sqlite', dataDir, secretKey: TEST_SECRET_KEY, onWriteFailure };
    }
    const schema = `hfd_api_test_${randomBytes(6).toString('hex')}`;
    await withClient((client) => client.query(`CREATE SCHEMA ${schema}`));
    this.schemas.push(schema);
    const url = new URL(POSTGRES_URL);
    url.searchParams.set('options', `-c search_path=${schema}`);
    return { kind: 'postgres', url: url.toString(), secretKey: TEST_SECRET_KEY, onWriteFailure };
  }

  async dropAll(): Promise<void> {
    for (const dir of this.dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
    const schemas = this.schemas.splice(0);
    if (schemas.length === 0) return;
    await withClient(async (client) => {
      for (const schema of schemas) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    });
  }
}
