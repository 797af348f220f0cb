import { FixedWindowLimiter, rateLimitHeaders } from './rate-limiter';

describe('FixedWindowLimiter', () => {
  let now = 1_000_000;
  const clock = () => now;
  const policy = { quota: 3, windowSeconds: 300 };

  beforeEach(() => {
    now = 1_000_000;
  });

  it('counts down the quota per key and refuses past it', () => {
    const limiter = new FixedWindowLimiter(clock);
    expect([1, 2, 3, 4].map(() => limiter.consume('a', policy).remaining)).toEqual([2, 1, 0, 0]);
    expect(limiter.consume('a', policy).allowed).toBe(false);
    expect(limiter.consume('b', policy)).toMatchObject({ allowed: true, remaining: 2 });
  });

  it('says how long until the window resets, and starts over then', () => {
    const limiter = new FixedWindowLimiter(clock);
    for (let i = 0; i < 3; i++) limiter.consume('a', policy);
    now += 120_500;
    expect(limiter.consume('a', policy)).toMatchObject({ allowed: false, remaining: 0, resetSeconds: 180 });
    now += 180_000;
    expect(limiter.consume('a', policy)).toMatchObject({ allowed: true, remaining: 2, resetSeconds: 300 });
  });

  it('forgets every bucket on reset', () => {
    const limiter = new FixedWindowLimiter(clock);
    for (let i = 0; i < 4; i++) limiter.consume('a', policy);
    limiter.reset();
    expect(limiter.consume('a', policy).allowed).toBe(true);
  });

  it('formats the draft-09 headers the Hub sends', () => {
    const decision = { allowed: true, remaining: 489, resetSeconds: 189, quota: 500, windowSeconds: 300 };
    expect(rateLimitHeaders('api', decision)).toEqual({
      RateLimit: '"api";r=489;t=189',
      'RateLimit-Policy': '"fixed window";"api";q=500;w=300',
    });
  });
});
