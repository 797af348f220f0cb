export interface AccountPublicInfo {
  name: string;
  hasToken: boolean;
  /** Whether the account's token may restart, rebuild and pause its Spaces. */
  canWrite: boolean;
  /** The token's role as whoami-v2 reported it, when known. */
  tokenRole: 'read' | 'write' | 'fineGrained' | null;
}

/** `GET /api/v1/config`: what the dashboard needs before anything else. */
export interface AppConfigResponse {
  accounts: AccountPublicInfo[];
  showPrivate: boolean;
  demo: boolean;
  version: string;
  /** Seconds between inventory refreshes. */
  refreshIntervalSeconds: number;
  /** Whether single sign-on is configured: the login offers `GET /api/v1/auth/oidc/login`. */
  singleSignOn: boolean;
  storage: {
    /** Where the server keeps its state: an SQLite file in DATA_DIR, or PostgreSQL (DATABASE_URL). */
    kind: 'sqlite' | 'postgres';
    /**
     * True when the SQLite file is on a disk known not to survive a restart (a Hugging Face
     * Space): sessions, history and settings will be lost; DATABASE_URL fixes it.
     */
    ephemeral: boolean;
  };
}

/** `GET /api/v1/health`: 200 while the server serves; `degraded` while the Hub or the database cannot be reached. */
export interface HealthResponse {
  status: 'ok' | 'degraded';
  hub: {
    reachable: boolean;
    /** ISO time of the last Hub answer, if any. */
    lastSuccessAt: string | null;
    error: string | null;
  };
  database: {
    kind: 'sqlite' | 'postgres';
    reachable: boolean;
    /** Why not, while it cannot be reached. */
    error: string | null;
    /** Writes waiting for the database to come back (bounded; beyond it they are refused). */
    queuedWrites: number;
  };
  uptimeSeconds: number;
  version: string;
}
