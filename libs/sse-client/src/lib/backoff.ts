export interface BackoffPolicy {
  initialDelayMs: number;
  maxDelayMs: number;
  /** 0..1: the share of the delay that is randomised away. */
  jitter: number;
  random: () => number;
}

/**
 * Exponential backoff with jitter: `initial * 2^(failures-1)`, capped, then reduced by a
 * random share of up to `jitter` so that many clients dropped together do not return together.
 * `failures` counts consecutive failed attempts, starting at 1.
 */
export function backoffDelay(failures: number, policy: BackoffPolicy): number {
  const exponent = Math.max(0, failures - 1);
  // Capping the exponent keeps 2 ** n finite however long the failures last.
  const raw = policy.initialDelayMs * 2 ** Math.min(exponent, 30);
  const capped = Math.min(policy.maxDelayMs, raw);
  const jitter = Math.min(1, Math.max(0, policy.jitter));
  return Math.round(capped * (1 - jitter * policy.random()));
}

/**
 * `Retry-After` in milliseconds. Only the integer-seconds form is read: the HTTP-date form
 * depends on clock agreement with the server, and huggingface_hub ignores it too.
 */
export function parseRetryAfter(value: string | null): number | undefined {
  if (value === null) return undefined;
  const trimmed = value.trim();
  if (!/^\d+$/.test(trimmed)) return undefined;
  return Number(trimmed) * 1000;
}

/** 408 Request Timeout, 425 Too Early, 429 Too Many Requests and any 5xx are worth another try. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 425 || status === 429 || (status >= 500 && status <= 599);
}
