import { parseRateLimit, rateLimitWaitMs } from './rate-limit-header';

describe('parseRateLimit', () => {
  it('reads the Hub header (docs/hub-api.md §10)', () => {
    expect(parseRateLimit('"api";r=489;t=189')).toEqual({ bucket: 'api', remaining: 489, resetSeconds: 189 });
  });

  it('picks the api policy out of several, whatever the spacing', () => {
    expect(parseRateLimit('"pages";r=1;t=2, "api" ; r = 0 ; t = 55')).toEqual({ bucket: 'api', remaining: 0, resetSeconds: 55 });
  });

  it('falls back to the first policy, and tolerates unknown or broken parameters', () => {
    expect(parseRateLimit('"resolvers";r=5;q=9;t=abc')).toEqual({ bucket: 'resolvers', remaining: 5 });
  });

  it('gives nothing for an absent or empty header', () => {
    expect(parseRateLimit(null)).toBeUndefined();
    expect(parseRateLimit('')).toBeUndefined();
  });
});

describe('rateLimitWaitMs', () => {
  it('waits t + 1 seconds, as huggingface_hub does', () => {
    expect(rateLimitWaitMs(new Headers({ ratelimit: '"api";r=0;t=55' }))).toBe(56_000);
  });

  it('prefers RateLimit over Retry-After', () => {
    expect(rateLimitWaitMs(new Headers({ ratelimit: '"api";r=0;t=1', 'retry-after': '30' }))).toBe(2000);
  });

  it('uses Retry-After in integer seconds when RateLimit has no reset', () => {
    expect(rateLimitWaitMs(new Headers({ 'retry-after': '7' }))).toBe(7000);
    expect(rateLimitWaitMs(new Headers({ ratelimit: '"api";r=0', 'retry-after': '3' }))).toBe(3000);
  });

  it('ignores the HTTP-date form of Retry-After', () => {
    expect(rateLimitWaitMs(new Headers({ 'retry-after': 'Wed, 21 Oct 2015 07:28:00 GMT' }))).toBeUndefined();
  });
});
