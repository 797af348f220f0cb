import { parseRateLimit, rateLimitWaitMs } from './rate-limit-header';

/**
 * Remembers, per identity, until when the Hub told us to stop (a 429, or a success that
 * used up the window) so that no request with that identity is sent before then: every
 * extra request inside a spent window is one more 429 and pushes nothing forward.
 */
export class RateLimitGate {
  private readonly blockedUntil = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Milliseconds before `key` may send again; 0 when it may send now. */
  remainingMs(key: string): number {
    const until = this.blockedUntil.get(key);
    if (until === undefined) return 0;
    const remaining = until - this.now();
    if (remaining > 0) return remaining;
    this.blockedUntil.delete(key);
    return 0;
  }

  /**
   * Learns from a response. For a 429 it returns the wait the Hub asked for (or
   * `fallbackWaitMs` when it gave none) and blocks the identity for that long.
   */
  observe(key: string, status: number, headers: Headers, fallbackWaitMs: number): number | undefined {
    if (status === 429) {
      const waitMs = rateLimitWaitMs(headers) ?? fallbackWaitMs;
      this.block(key, waitMs);
      return waitMs;
    }
    const policy = parseRateLimit(headers.get('ratelimit'));
    if (status < 400 && policy?.remaining === 0 && policy.resetSeconds !== undefined) {
      this.block(key, (policy.resetSeconds + 1) * 1000);
    }
    return undefined;
  }

  private block(key: string, waitMs: number): void {
    for (const stale of [...this.blockedUntil.keys()]) this.remainingMs(stale);
    const until = this.now() + waitMs;
    this.blockedUntil.set(key, Math.max(until, this.blockedUntil.get(key) ?? 0));
  }
}
