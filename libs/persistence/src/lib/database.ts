/**
 * The tables, as Kysely sees them: one interface for both databases. Conventions that let one
 * set of migrations and queries run on SQLite and PostgreSQL alike: ids are text made by the
 * application, times are integer epoch milliseconds (`bigint`), JSON is stored as text, and
 * names are snake_case (repositories map rows to camelCase records).
 */

/** One issued login session (a JWT), so that a logout holds across restarts. */
export interface SessionsTable {
  /** The token's `jti`. */
  id: string;
  username: string;
  created_at: number;
  expires_at: number;
  /** Null while the session is not logged out. */
  revoked_at: number | null;
  address: string | null;
  user_agent: string | null;
}

/** Named values the server keeps for itself, such as the generated session signing key. */
export interface SettingsTable {
  key: string;
  /** JSON text, or for a secret the SecretBox envelope of it. */
  value: string;
  updated_at: number;
}

export interface Database {
  sessions: SessionsTable;
  settings: SettingsTable;
}

export type DatabaseKind = 'sqlite' | 'postgres';
