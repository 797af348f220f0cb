/**
 * The Hub's raw shapes (docs/hub-api.md §1–§8), private to the API: the Spaces and Metrics
 * modules map them onto `@hfd/contracts`. Everything the Hub may omit is optional, and
 * parsing (hf-api.parse.ts) keeps only these fields, so unknown ones never leak further.
 */

/** docs/hub-api.md §9. A string rather than a union: a stage the Hub adds later must not break parsing. */
export type HubStage = string;

export interface HubHardware {
  /** Null while the first build runs, and for static Spaces. */
  current: string | null;
  /** Null for static Spaces. */
  requested: string | null;
  currentPrettyName?: string;
  requestedPrettyName?: string;
}

export interface HubReplicas {
  /** Absent right after a restart until the Space runs (2025 recordings). */
  current?: number | null;
  /** `"auto"` on ZeroGPU and autoscaled Spaces. */
  requested?: number | 'auto';
}

export interface HubDomain {
  domain: string;
  isCustom?: boolean | null;
  stage?: string;
}

/** The runtime object of docs/hub-api.md §3: returned by /runtime, by info, by list with expand=runtime and by every mutation. */
export interface HubRuntime {
  stage: HubStage;
  hardware?: HubHardware;
  storage?: string | null;
  /** Seconds; null = never sleeps; absent on static Spaces. */
  gcTimeout?: number | null;
  replicas?: HubReplicas;
  /** Absent on static Spaces. */
  devMode?: boolean;
  /** Absent on static Spaces. */
  domains?: HubDomain[];
  sha?: string;
  /** Present in error stages, often a multi-line log tail. */
  errorMessage?: string;
}

/** README front matter (docs/hub-api.md §2, `cardData`). The Hub passes any YAML through; only what we show is kept. */
export interface HubCardData {
  title?: string;
  emoji?: string;
  colorFrom?: string;
  colorTo?: string;
  sdk?: string;
  sdk_version?: string;
  app_file?: string;
  app_port?: number;
  short_description?: string;
  license?: string;
  pinned?: boolean;
  tags?: string[];
  models?: string[];
  datasets?: string[];
}

/** A Space from the list (only `_id`, `id` and the expanded keys) or from info (the default field set). */
export interface HubSpace {
  id: string;
  _id?: string;
  author?: string;
  sha?: string;
  lastModified?: string;
  createdAt?: string;
  private?: boolean;
  gated?: false | 'auto' | 'manual';
  disabled?: boolean;
  subdomain?: string;
  host?: string;
  likes?: number;
  sdk?: string;
  tags?: string[];
  models?: string[];
  datasets?: string[];
  cardData?: HubCardData;
  runtime?: HubRuntime;
  usedStorage?: number;
  trendingScore?: number;
  region?: string;
}

export interface HubOrg {
  type?: string;
  id?: string;
  name: string;
  fullname?: string;
  avatarUrl?: string;
  isEnterprise?: boolean;
  roleInOrg?: string;
}

export interface HubFineGrainedScope {
  entity: { _id?: string; type?: string; name?: string };
  permissions: string[];
}

export interface HubAccessToken {
  displayName?: string;
  /** `read` | `write` | `fineGrained` (and app roles). */
  role?: string;
  createdAt?: string;
  fineGrained?: { scoped: HubFineGrainedScope[]; global?: string[] };
}

export interface HubWhoAmIAuth {
  /** `access_token` | `app_token` | `app_token_as_user` | `oauth`. */
  type?: string;
  accessToken?: HubAccessToken;
  expiresAt?: string;
}

/** GET /api/whoami-v2 (docs/hub-api.md §6). */
export interface HubWhoAmI {
  type?: string;
  id?: string;
  name: string;
  fullname?: string;
  email?: string;
  emailVerified?: boolean;
  isPro?: boolean;
  canPay?: boolean;
  avatarUrl?: string;
  orgs: HubOrg[];
  auth?: HubWhoAmIAuth;
}

export interface HubGpuSample {
  utilization?: number;
  memory_used_bytes?: number;
  memory_total_bytes?: number;
}

/** One `event: metric` of the live-metrics stream (docs/hub-api.md §8.1). It carries no timestamp: stamp it on receipt. */
export interface HubMetricEvent {
  cpu_usage_pct?: number;
  cpu_millicores?: number;
  memory_used_bytes?: number;
  memory_total_bytes?: number;
  rx_bps?: number;
  tx_bps?: number;
  /** Keyed by GPU id; only when a GPU is attached. */
  gpus?: Record<string, HubGpuSample>;
  replica?: string;
}

/** One event of /logs/{build|run} (docs/hub-api.md §7). */
export interface HubLogLine {
  /** The line, usually ending in `\n`. */
  data: string;
  timestamp?: string;
}

export type HubLogKind = 'build' | 'run';
