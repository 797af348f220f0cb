/** Everything HfClientService needs to know; built from AppConfigService + HubTarget by the module, directly by tests. */
export interface HfClientOptions {
  /** Hub API base (`HF_ENDPOINT`), no trailing slash needed. */
  hubEndpoint: string;
  /** Spaces infrastructure base (`HF_SPACES_ENDPOINT`): live metrics and status streams. */
  spacesEndpoint: string;
  /** `HUB_TIMEOUT`: the most one request may take, and the most a stream may take to answer. */
  timeoutMs: number;
  /** Retries of reads (GET); mutations are never retried. */
  retry: {
    /** Attempts in all, the first included. */
    maxAttempts: number;
    initialDelayMs: number;
    maxDelayMs: number;
    /** The most one read may take, waits included; a longer wait (say, a rate-limit reset) fails at once. */
    budgetMs: number;
  };
  /** `limit` of each `/api/spaces` page. */
  listPageSize: number;
  /** Pages followed at most; a safety valve against a `Link` that never ends. */
  maxListPages: number;
  /** How long a whoami-v2 answer is reused for the same token (the endpoint is strictly rate-limited). */
  whoamiCacheTtlMs: number;
  streams: {
    initialDelayMs: number;
    maxDelayMs: number;
    /** A live-metrics stream silent for this long (samples come about every second) is replaced. */
    metricsIdleTimeoutMs: number;
  };
  /** Source of randomness for backoff jitter; tests pin it. */
  random: () => number;
}

export const HF_CLIENT_OPTIONS = Symbol('HF_CLIENT_OPTIONS');

/** huggingface_hub's choices (5 tries, 1 s → 8 s) with a total budget that keeps one read bounded. */
const DEFAULT_RETRY: HfClientOptions['retry'] = { maxAttempts: 5, initialDelayMs: 1000, maxDelayMs: 8000, budgetMs: 60_000 };
const DEFAULT_STREAMS: HfClientOptions['streams'] = { initialDelayMs: 1000, maxDelayMs: 30_000, metricsIdleTimeoutMs: 60_000 };

export interface HfClientOptionsInput {
  hubEndpoint: string;
  spacesEndpoint: string;
  timeoutMs: number;
  retry?: Partial<HfClientOptions['retry']>;
  listPageSize?: number;
  maxListPages?: number;
  whoamiCacheTtlMs?: number;
  streams?: Partial<HfClientOptions['streams']>;
  random?: () => number;
}

/** Fills in the defaults. The page size follows huggingface.js (500); 200 pages is 100 000 Spaces. */
export function createHfClientOptions(input: HfClientOptionsInput): HfClientOptions {
  return {
    hubEndpoint: input.hubEndpoint.replace(/\/+$/, ''),
    spacesEndpoint: input.spacesEndpoint.replace(/\/+$/, ''),
    timeoutMs: input.timeoutMs,
    retry: { ...DEFAULT_RETRY, ...input.retry },
    listPageSize: input.listPageSize ?? 500,
    maxListPages: input.maxListPages ?? 200,
    whoamiCacheTtlMs: input.whoamiCacheTtlMs ?? 5 * 60_000,
    streams: { ...DEFAULT_STREAMS, ...input.streams },
    random: input.random ?? Math.random,
  };
}
