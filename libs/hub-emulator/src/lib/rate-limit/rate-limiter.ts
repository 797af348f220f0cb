export interface WindowPolicy {
  quota: number;
  windowSeconds: number;
}

export interface RateDecision {
  allowed: boolean;
  /** Requests left in this window after this one. */
  remaining: number;
  /** Whole seconds until the window resets. */
  resetSeconds: number;
  quota: number;
  windowSeconds: number;
}

interface Bucket {
  window: number;
  count: number;
}

/**
 * Fixed windows, as the Hub counts (docs/hub-api.md §10). Windows are aligned to the
 * limiter's creation, so a test knows where it stands.
 */
export class FixedWindowLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private origin: number;

  constructor(private readonly now: () => number = Date.now) {
    this.origin = now();
  }

  consume(key: string, policy: WindowPolicy): RateDecision {
    const windowMs = policy.windowSeconds * 1000;
    const elapsed = this.now() - this.origin;
    const window = Math.floor(elapsed / windowMs);
    const resetSeconds = Math.max(1, Math.ceil(((window + 1) * windowMs - elapsed) / 1000));
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.window !== window) {
      bucket = { window, count: 0 };
      this.buckets.set(key, bucket);
    }
    const allowed = bucket.count < policy.quota;
    if (allowed) bucket.count++;
    return {
      allowed,
      remaining: Math.max(0, policy.quota - bucket.count),
      resetSeconds,
      quota: policy.quota,
      windowSeconds: policy.windowSeconds,
    };
  }

  /** A new policy starts fresh windows for everyone. */
  reset(): void {
    this.buckets.clear();
    this.origin = this.now();
  }
}

/** `RateLimit` / `RateLimit-Policy` values in the IETF draft-09 style the Hub sends. */
export function rateLimitHeaders(bucket: string, decision: RateDecision): Record<string, string> {
  return {
    RateLimit: `"${bucket}";r=${decision.remaining};t=${decision.resetSeconds}`,
    'RateLimit-Policy': `"fixed window";"${bucket}";q=${decision.quota};w=${decision.windowSeconds}`,
  };
}
