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
  /** The user's id (0002); null for sessions issued before users were stored. */
  user_id: string | null;
  /** Updated at most once a minute per session, through the write queue. */
  last_seen_at: number | null;
}

/** A person who may log in (0002). */
export interface UsersTable {
  id: string;
  username: string;
  /** The name lower-cased: unique, so that `Admin` and `admin` cannot both exist. */
  username_key: string;
  /** `scrypt$…`; null for users of single sign-on or a trusted proxy. */
  password_hash: string | null;
  role: string;
  /** JSON array of account names; null: every account. */
  accounts: string | null;
  /** 0 or 1. */
  disabled: number;
  source: string;
  /** The TOTP seed sealed by SecretBox; null while TOTP is off. */
  totp_secret: string | null;
  /** A seed being enrolled (sealed), until a code from it turns TOTP on. */
  totp_pending: string | null;
  /** JSON array of sha256 hex digests of the unused recovery codes. */
  recovery_codes: string | null;
  created_at: number;
  last_login_at: number | null;
  /** Sessions issued before this (epoch ms) are no longer valid: a new password, disabling, a new role. */
  sessions_valid_after: number;
}

/** A named API key (0002): only the sha256 digest of the key is stored. */
export interface ApiKeysTable {
  id: string;
  name: string;
  name_key: string;
  key_hash: string;
  role: string;
  accounts: string | null;
  created_at: number;
  created_by: string;
  expires_at: number | null;
  last_used_at: number | null;
}

/** One audit entry (0002). */
export interface AuditLogTable {
  /** Sortable: the time, then random, so that the cursor (at, id) is total. */
  id: string;
  at: number;
  kind: string;
  actor_type: string;
  actor: string | null;
  target: string | null;
  space_id: string | null;
  result: string;
  detail: string | null;
  address: string | null;
  duration_ms: number | null;
  request_id: string | null;
}

/** Named values the server keeps for itself, such as the generated session signing key. */
export interface SettingsTable {
  key: string;
  /** JSON text, or for a secret the SecretBox envelope of it. */
  value: string;
  updated_at: number;
}

/** An automation rule (0004); targets and settings are JSON. */
export interface AutomationRulesTable {
  id: string;
  name: string;
  description: string | null;
  kind: string;
  targets: string;
  settings: string;
  /** 0 or 1. */
  enabled: number;
  owner: string;
  created_at: number;
  updated_at: number;
}

/** What the engine keeps per rule and Space (0004): when it is due, what the ladder did, and who holds it. */
export interface AutomationJobsTable {
  id: string;
  rule_id: string;
  space_id: string;
  next_run_at: number;
  last_run_at: number | null;
  /** JSON array of `{ at, step }`: the ladder's steps of the last 24 hours. */
  attempts: string;
  backoff_until: number | null;
  failing_since: number | null;
  gave_up_at: number | null;
  /** 1 while the Space is not in the inventory: the job is kept and does nothing. */
  missing: number;
  /** The engine running it now, until the lease expires. */
  lease_owner: string | null;
  lease_expires_at: number | null;
}

/** One run of a rule on a Space (0004). */
export interface AutomationRunsTable {
  id: string;
  rule_id: string;
  space_id: string;
  at: number;
  step: string;
  result: string;
  detail: string | null;
  duration_ms: number | null;
}

/** One answer of a Space's app to a probe (0004). */
export interface ProbeResultsTable {
  id: string;
  rule_id: string;
  space_id: string;
  at: number;
  up: number;
  status: number | null;
  latency_ms: number | null;
  error: string | null;
}

/** A small integer per Space, so the big tables do not repeat its `owner/name` in every row. */
export interface SpaceKeysTable {
  key: number;
  space_id: string;
}

/** One stage change of a Space (`to_stage` null: this server stopped watching, see `server_runs`). */
export interface StageTransitionsTable {
  id: string;
  space_key: number;
  at: number;
  from_stage: string | null;
  to_stage: string | null;
  source: string;
  actor: string | null;
  /** `up`, `down` or `unknown`: what the period starting here counts as. */
  state: string;
}

/** One run of this server: when it started, when it was last known alive, when it stopped cleanly. */
export interface ServerRunsTable {
  id: string;
  started_at: number;
  last_seen_at: number;
  stopped_at: number | null;
}

/**
 * Load of one Space in one minute (`slot` in epoch minutes) or hour (epoch hours): integers
 * only, CPU in tenths of a percent, memory in MiB, download and upload in bytes per second.
 */
export interface MetricRollupsTable {
  space_key: number;
  slot: number;
  cpu_min: number;
  cpu_avg: number;
  cpu_max: number;
  mem_min: number;
  mem_avg: number;
  mem_max: number;
  rx_min: number;
  rx_avg: number;
  rx_max: number;
  tx_min: number;
  tx_avg: number;
  tx_max: number;
}

export interface Database {
  sessions: SessionsTable;
  settings: SettingsTable;
  space_keys: SpaceKeysTable;
  stage_transitions: StageTransitionsTable;
  server_runs: ServerRunsTable;
  metric_minutes: MetricRollupsTable;
  metric_hours: MetricRollupsTable;
  users: UsersTable;
  api_keys: ApiKeysTable;
  audit_log: AuditLogTable;
  automation_rules: AutomationRulesTable;
  automation_jobs: AutomationJobsTable;
  automation_runs: AutomationRunsTable;
  probe_results: ProbeResultsTable;
}

export type DatabaseKind = 'sqlite' | 'postgres';
