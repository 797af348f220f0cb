import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, sql, SqliteDialect } from 'kysely';
import { accessSync, constants, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { PoolConfig } from 'pg';
import type { Database, DatabaseKind } from './database';
import { PersistenceStartError, reason } from './start-error';

/** An open database: the typed query builder, and where Kysely keeps its migration tables. */
export interface Connection {
  kind: DatabaseKind;
  db: Kysely<Database>;
  /** PostgreSQL: the schema of the connection's search_path (`public` unless DATABASE_URL says otherwise). */
  schema: string | undefined;
  /** Where the data is, for messages: the file, or DATABASE_URL without its password. */
  location: string;
  /** SQLite only: the driver's own handle, for the online backup. */
  sqlite: BetterSqlite3.Database | null;
}

/** How long the server waits for PostgreSQL to accept a connection, and for a query's answer. */
const CONNECT_TIMEOUT_MS = 10_000;
const QUERY_TIMEOUT_MS = 30_000;
const POOL_SIZE = 10;

/** The URL without password and parameters, safe for a log line. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.protocol}//${parsed.username ? `${decodeURIComponent(parsed.username)}@` : ''}${parsed.host}${parsed.pathname}`;
  } catch {
    return 'DATABASE_URL';
  }
}

/** int8 (counts, epoch milliseconds) as a number rather than node-postgres's string; every value stored here fits. */
function parseInt8(text: string): number {
  const value = Number(text);
  if (!Number.isSafeInteger(value)) throw new Error(`bigint ${text} is beyond what this server stores`);
  return value;
}
const INT8_OID = 20;

/**
 * Opens `file` (made with its directory when missing) and checks that it is a sound SQLite
 * database before anything writes to it: an unreadable or damaged file stops the server rather
 * than being replaced.
 */
export function openSqlite(file: string): Connection {
  const dir = dirname(file);
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
  } catch (error) {
    throw new PersistenceStartError(
      `DATA_DIR: ${dir} is not a directory this process (uid ${process.getuid?.() ?? '?'}) can write to (${reason(error)}): make it writable or set DATA_DIR to one that is`,
    );
  }
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(file);
  } catch (error) {
    throw new PersistenceStartError(`DATA_DIR: cannot open ${file}: ${reason(error)}`);
  }
  try {
    // Reading the schema finds a file that is not a database; quick_check a damaged page.
    sqlite.prepare('SELECT count(*) FROM sqlite_master').get();
    const problems = sqlite.pragma('quick_check', { simple: false }) as Array<{ quick_check: string }>;
    if (problems[0]?.quick_check !== 'ok') {
      // The first line names the database ("*** in database main ***"); the problems follow.
      throw new Error(problems.map((row) => row.quick_check).filter((line) => !line.startsWith('***')).slice(0, 3).join('; '));
    }
  } catch (error) {
    sqlite.close();
    throw new PersistenceStartError(
      `DATA_DIR: ${file} is not a sound SQLite database (${reason(error)}); it was left untouched: restore it from a backup, or move it away to start with an empty one`,
    );
  }
  // WAL: readers never wait for the writer. NORMAL is durable against a crash of the process;
  // a power cut may lose the last transactions, never corrupt the file.
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  return { kind: 'sqlite', db: new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) }), schema: undefined, location: file, sqlite };
}

/**
 * Connects to PostgreSQL and proves it answers; a server that cannot be reached stops the
 * start with one line naming DATABASE_URL. `onConnectionError` hears about connections that die
 * outside a query (node-postgres would otherwise crash the process with an unhandled 'error').
 */
export async function connectPostgres(url: string, onConnectionError: (error: Error) => void): Promise<Connection> {
  // Loaded only for PostgreSQL: a server on SQLite never needs the driver in memory.
  const { Pool, types } = await import('pg');
  const config: PoolConfig = {
    connectionString: url,
    max: POOL_SIZE,
    connectionTimeoutMillis: CONNECT_TIMEOUT_MS,
    query_timeout: QUERY_TIMEOUT_MS,
    keepAlive: true,
    fallback_application_name: 'hf-spaces-dashboard',
    types: { getTypeParser: ((oid: number, format?: 'text' | 'binary') => (oid === INT8_OID ? parseInt8 : types.getTypeParser(oid, format))) as typeof types.getTypeParser },
  };
  const pool = new Pool(config);
  // A connection that dies emits 'error': from the pool while idle, from the client itself
  // while checked out between two queries (a transaction, say). Unheard, either ends the process.
  pool.on('error', onConnectionError);
  pool.on('connect', (client) => client.on('error', onConnectionError));
  const location = describeUrl(url);
  let schema: string | null;
  try {
    const result = await pool.query<{ schema: string | null }>('SELECT current_schema() AS schema');
    schema = result.rows[0]?.schema ?? null;
  } catch (error) {
    await pool.end().catch(() => undefined);
    throw new PersistenceStartError(`DATABASE_URL: cannot reach the database at ${location}: ${reason(error)}`);
  }
  if (schema === null) {
    await pool.end();
    throw new PersistenceStartError(`DATABASE_URL: the search_path of ${location} names no existing schema: create it, or leave search_path unset`);
  }
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { kind: 'postgres', db, schema, location, sqlite: null };
}

/** Proves the database answers (the heartbeat while PostgreSQL may be away). */
export async function ping(db: Kysely<Database>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
