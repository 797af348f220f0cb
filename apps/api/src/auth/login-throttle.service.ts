import { Injectable } from '@nestjs/common';
import { ERROR_CODES } from '@hfd/contracts';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { ApiException } from '../common/errors/api.exception';

/** Failed logins allowed per address and window before the address is refused. */
export const LOGIN_FAILURES_ALLOWED = 5;
export const LOGIN_WINDOW_SECONDS = 60;
/** Attempts at one user name, from any addresses, before that name's backoff starts. */
export const NAME_ATTEMPTS_FREE = 5;
/** How long a name's attempts are counted, and an address remembered as having failed at it. */
export const NAME_WINDOW_SECONDS = 3600;
/** The longest backoff of a name. */
export const NAME_BACKOFF_MAX_SECONDS = 900;
/** Each failure is answered a little later than the one before, up to this. */
const MAX_FAILURE_DELAY_MS = 1000;

/** 1 s for the first attempt past the free ones, then twice as long each time, up to the maximum. */
export function nameBackoffSeconds(attempts: number): number {
  return Math.min(2 ** Math.max(0, attempts - NAME_ATTEMPTS_FREE - 1), NAME_BACKOFF_MAX_SECONDS);
}

/**
 * Throttles password guessing two ways:
 *
 * - per client address: 5 failures a minute, then 429 (even for the right password);
 * - per user name, whatever the address: past 5 attempts an hour, an address that has already
 *   failed at this name gets one attempt per backoff period, and the period doubles with each
 *   attempt (1 s, 2 s, 4 s … 15 min). Changing address does not reset it: the count is the name's.
 *
 * An address that has not failed at the name is never held back by the name's backoff. That
 * is what keeps a stranger from locking the owner out: however many wrong guesses arrive from
 * elsewhere, the right password from the owner's own address is still accepted. The price is
 * that an attacker gets one extra guess per fresh address, each of which lengthens the backoff
 * for all the addresses already used; against that, the password must not be guessable in a
 * few thousand tries (the generated one has 96 random bits).
 *
 * Attempts are counted when they start, not when they fail, so a burst of concurrent guesses
 * sees its own count: the counters are updated atomically by each call.
 */
@Injectable()
export class LoginThrottleService {
  private readonly addressFailures = new RateLimiterMemory({ points: LOGIN_FAILURES_ALLOWED, duration: LOGIN_WINDOW_SECONDS });
  private readonly nameAttempts = new RateLimiterMemory({ points: NAME_ATTEMPTS_FREE, duration: NAME_WINDOW_SECONDS });
  private readonly addressTriedName = new RateLimiterMemory({ points: 1, duration: NAME_WINDOW_SECONDS });
  /** One attempt per backoff period from the addresses that already failed at a name. */
  private readonly nameBackoff = new RateLimiterMemory({ points: 1, duration: 1 });

  /** Counts the attempt, or throws 429 with Retry-After when it may not be made now. */
  async admit(username: string, address: string): Promise<void> {
    const byAddress = await settled(this.addressFailures.consume(address));
    if (byAddress.consumedPoints > LOGIN_FAILURES_ALLOWED) throw refusal(byAddress);
    const triedBefore = (await this.addressTriedName.penalty(pairKey(username, address))).consumedPoints > 1;
    const attempts = (await this.nameAttempts.penalty(username)).consumedPoints;
    if (attempts <= NAME_ATTEMPTS_FREE || !triedBefore) return;
    const period = await settled(this.nameBackoff.consume(username, 1, { customDuration: nameBackoffSeconds(attempts) }));
    if (period.consumedPoints > 1) {
      // A refused attempt is no guess: it does not lengthen the backoff.
      await this.nameAttempts.reward(username);
      throw refusal(period);
    }
  }

  /** Waits a little, longer with each failure of the address. */
  async recordFailure(address: string): Promise<void> {
    const failures = (await this.addressFailures.get(address))?.consumedPoints ?? LOGIN_FAILURES_ALLOWED;
    await new Promise((resolve) => setTimeout(resolve, Math.min(failures * 150, MAX_FAILURE_DELAY_MS)));
  }

  /** The address starts afresh; the name's count keeps the failures of others. */
  async recordSuccess(username: string, address: string): Promise<void> {
    await Promise.all([
      this.addressFailures.delete(address),
      this.addressTriedName.delete(pairKey(username, address)),
      this.nameAttempts.reward(username),
    ]);
  }
}

function pairKey(username: string, address: string): string {
  return JSON.stringify([username, address]);
}

/** rate-limiter-flexible rejects with the limiter's state when the points are used up. */
async function settled(consumption: Promise<RateLimiterRes>): Promise<RateLimiterRes> {
  try {
    return await consumption;
  } catch (rejection) {
    if (rejection instanceof RateLimiterRes) return rejection;
    throw rejection;
  }
}

function refusal(state: RateLimiterRes): ApiException {
  const retryAfter = Math.max(1, Math.ceil(state.msBeforeNext / 1000));
  return new ApiException(429, ERROR_CODES.loginThrottled, `Too many failed logins; try again in ${retryAfter} s`, {
    'Retry-After': String(retryAfter),
  });
}
