import { Injectable } from '@nestjs/common';
import { ERROR_CODES } from '@hfd/contracts';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiException } from '../common/errors/api.exception';

/** Failed logins allowed per address and window before the address is refused. */
export const LOGIN_FAILURES_ALLOWED = 5;
export const LOGIN_WINDOW_SECONDS = 60;
/** Each failure is answered a little later than the one before, up to this. */
const MAX_FAILURE_DELAY_MS = 1000;

/** Counts failed logins per client address: slowed down, then refused with 429. */
@Injectable()
export class LoginThrottleService {
  private readonly failures = new RateLimiterMemory({
    points: LOGIN_FAILURES_ALLOWED,
    duration: LOGIN_WINDOW_SECONDS,
  });

  /** Throws 429 when the address has used up its failures in the current window. */
  async assertAllowed(address: string): Promise<void> {
    const state = await this.failures.get(address);
    if (state !== null && state.consumedPoints >= LOGIN_FAILURES_ALLOWED) throw this.refusal(state);
  }

  /** Records a failure and waits a little, longer with each failure. */
  async recordFailure(address: string): Promise<void> {
    let consumed = LOGIN_FAILURES_ALLOWED;
    try {
      consumed = (await this.failures.consume(address)).consumedPoints;
    } catch (rejection) {
      if (!(rejection instanceof RateLimiterRes)) throw rejection;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(consumed * 150, MAX_FAILURE_DELAY_MS)));
  }

  async recordSuccess(address: string): Promise<void> {
    await this.failures.delete(address);
  }

  private refusal(state: RateLimiterRes): ApiException {
    const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
    return new ApiException(429, ERROR_CODES.loginThrottled, `Too many failed logins; try again in ${retryAfter} s`, {
      'Retry-After': String(retryAfter),
    });
  }
}
