import type { Kysely, Selectable } from 'kysely';
import type { Database, ApiKeysTable } from '../database';
import type { WriteQueue } from '../write-queue';

export interface ApiKeyRecord {
  id: string;
  name: string;
  /** sha256 hex digest of the key. */
  keyHash: string;
  role: string;
  accounts: string[] | null;
  createdAt: number;
  createdBy: string;
  expiresAt: number | null;
  lastUsedAt: number | null;
}

/** Thrown by `insert` when the name (in any case) is taken. */
export class ApiKeyNameTakenError extends Error {
  override readonly name = 'ApiKeyNameTakenError';
}

function toRecord(row: Selectable<ApiKeysTable>): ApiKeyRecord {
  return {
    id: row.id,
    name: row.name,
    keyHash: row.key_hash,
    role: row.role,
    accounts: row.accounts === null ? null : (JSON.parse(row.accounts) as string[]),
    createdAt: row.created_at,
    createdBy: row.created_by,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
  };
}

/**
 * Named API keys. Creating and revoking are written directly (the answer says it is done);
 * the last-use time goes through the write queue, as keys are used per request.
 */
export class ApiKeysRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly writes: WriteQueue,
  ) {}

  async list(): Promise<ApiKeyRecord[]> {
    const rows = await this.db.selectFrom('api_keys').selectAll().orderBy('created_at').execute();
    return rows.map(toRecord);
  }

  async insert(key: ApiKeyRecord): Promise<void> {
    const nameKey = key.name.toLowerCase();
    const taken = await this.db.selectFrom('api_keys').select('id').where('name_key', '=', nameKey).executeTakeFirst();
    if (taken) throw new ApiKeyNameTakenError(`An API key named "${key.name}" exists`);
    await this.db
      .insertInto('api_keys')
      .values({
        id: key.id,
        name: key.name,
        name_key: nameKey,
        key_hash: key.keyHash,
        role: key.role,
        accounts: key.accounts === null ? null : JSON.stringify(key.accounts),
        created_at: key.createdAt,
        created_by: key.createdBy,
        expires_at: key.expiresAt,
        last_used_at: key.lastUsedAt,
      })
      .execute();
  }

  /** Answers whether there was such a key. */
  async delete(id: string): Promise<boolean> {
    const result = await this.db.deleteFrom('api_keys').where('id', '=', id).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Queued; throws WriteQueueFullError when the queue is full. */
  recordUse(id: string, at: number): void {
    this.writes.enqueue('record an API key use', (db) => db.updateTable('api_keys').set({ last_used_at: at }).where('id', '=', id).execute());
  }
}
