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
}

export interface HealthResponse {
  status: 'ok' | 'degraded';
  hub: {
    reachable: boolean;
    /** ISO time of the last Hub answer, if any. */
    lastSuccessAt: string | null;
    error: string | null;
  };
  uptimeSeconds: number;
  version: string;
}
