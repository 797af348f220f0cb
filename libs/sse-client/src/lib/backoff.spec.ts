import { backoffDelay, isRetryableStatus, parseRetryAfter, type BackoffPolicy } from './backoff';

const policy = (random: number, jitter = 0.5): BackoffPolicy => ({
  initialDelayMs: 100,
  maxDelayMs: 1000,
  jitter,
  random: () => random,
});

describe('backoffDelay', () => {
  it('doubles per consecutive failure up to the ceiling', () => {
    expect([1, 2, 3, 4, 5, 6].map((failures) => backoffDelay(failures, policy(0)))).toEqual([
      100, 200, 400, 800, 1000, 1000,
    ]);
  });

  it('takes off at most the jitter share of the delay', () => {
    expect(backoffDelay(3, policy(1))).toBe(200);
    expect(backoffDelay(3, policy(0.5))).toBe(300);
    expect(backoffDelay(3, policy(1, 0))).toBe(400);
  });

  it('stays finite after very many failures', () => {
    expect(backoffDelay(10_000, policy(0))).toBe(1000);
  });
});

describe('parseRetryAfter', () => {
  it('reads integer seconds', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter(' 0 ')).toBe(0);
  });

  it('ignores the HTTP-date form, garbage and absence', () => {
    expect(parseRetryAfter('Wed, 21 Oct 2015 07:28:00 GMT')).toBeUndefined();
    expect(parseRetryAfter('1.5')).toBeUndefined();
    expect(parseRetryAfter('-1')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});

describe('isRetryableStatus', () => {
  it.each([408, 425, 429, 500, 502, 503, 504, 599])('retries %i', (status) => {
    expect(isRetryableStatus(status)).toBe(true);
  });

  it.each([400, 401, 403, 404, 406, 410, 422])('does not retry %i', (status) => {
    expect(isRetryableStatus(status)).toBe(false);
  });
});
