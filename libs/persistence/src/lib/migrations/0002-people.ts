import type { Kysely, Migration } from 'kysely';

/** Users with roles and scopes, named API keys, the audit log, and what sessions gain from them. */
export const people: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('users')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('username', 'text', (column) => column.notNull())
      .addColumn('username_key', 'text', (column) => column.notNull().unique())
      .addColumn('password_hash', 'text')
      .addColumn('role', 'text', (column) => column.notNull())
      .addColumn('accounts', 'text')
      .addColumn('disabled', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('source', 'text', (column) => column.notNull())
      .addColumn('totp_secret', 'text')
      .addColumn('totp_pending', 'text')
      .addColumn('recovery_codes', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('last_login_at', 'bigint')
      .addColumn('sessions_valid_after', 'bigint', (column) => column.notNull().defaultTo(0))
      .execute();
    await db.schema
      .createTable('api_keys')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('name_key', 'text', (column) => column.notNull().unique())
      .addColumn('key_hash', 'text', (column) => column.notNull())
      .addColumn('role', 'text', (column) => column.notNull())
      .addColumn('accounts', 'text')
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('created_by', 'text', (column) => column.notNull())
      .addColumn('expires_at', 'bigint')
      .addColumn('last_used_at', 'bigint')
      .execute();
    await db.schema
      .createTable('audit_log')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('at', 'bigint', (column) => column.notNull())
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('actor_type', 'text', (column) => column.notNull())
      .addColumn('actor', 'text')
      .addColumn('target', 'text')
      .addColumn('space_id', 'text')
      .addColumn('result', 'text', (column) => column.notNull())
      .addColumn('detail', 'text')
      .addColumn('address', 'text')
      .addColumn('duration_ms', 'bigint')
      .addColumn('request_id', 'text')
      .execute();
    // Pages are read newest first by (at, id), and pruning ranges over `at`.
    await db.schema.createIndex('audit_log_at_id').on('audit_log').columns(['at', 'id']).execute();
    await db.schema.alterTable('sessions').addColumn('user_id', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('last_seen_at', 'bigint').execute();
  },
};
