import { parseRetryAfter } from '@hfd/sse-client';

/** One policy of the `RateLimit` header: `"api";r=489;t=189` (IETF draft-09, docs/hub-api.md §10). */
export interface RateLimitInfo {
  /** `api`, `resolvers` or `pages`. */
  bucket: string;
  /** Requests left in the window. */
  remaining?: number;
  /** Seconds until the window resets. */
  resetSeconds?: number;
}

/**
 * Parses `RateLimit`. Several policies may be listed, comma-separated; the `api` one is
 * returned (it covers every route we call), or the first when none is named `api`.
 */
export function parseRateLimit(header: string | null): RateLimitInfo | undefined {
  if (header === null) return undefined;
  const policies = header
    .split(',')
    .map(parsePolicy)
    .filter((policy): policy is RateLimitInfo => policy !== undefined);
  return policies.find((policy) => policy.bucket === 'api') ?? policies[0];
}

function parsePolicy(item: string): RateLimitInfo | undefined {
  const [name, ...params] = item.split(';').map((part) => part.trim());
  if (!name) return undefined;
  const policy: RateLimitInfo = { bucket: name.replace(/^"(.*)"$/, '$1') };
  for (const param of params) {
    const match = /^([a-z]+)\s*=\s*(\d+)$/i.exec(param);
    if (!match) continue;
    const value = Number(match[2]);
    if (match[1].toLowerCase() === 'r') policy.remaining = value;
    if (match[1].toLowerCase() === 't') policy.resetSeconds = value;
  }
  return policy;
}

/**
 * How long the Hub asks us to wait, in ms: `RateLimit` `t` plus one second (what
 * huggingface_hub waits, so the window has surely turned), else `Retry-After` in integer seconds.
 */
export function rateLimitWaitMs(headers: Headers): number | undefined {
  const reset = parseRateLimit(headers.get('ratelimit'))?.resetSeconds;
  if (reset !== undefined) return (reset + 1) * 1000;
  return parseRetryAfter(headers.get('retry-after'));
}
