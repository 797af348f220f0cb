import { RateLimitGate } from './rate-limit-gate';

describe('RateLimitGate', () => {
  let now = 0;
  const gate = () => new RateLimitGate(() => now);

  beforeEach(() => {
    now = 10_000;
  });

  it('blocks an identity for t + 1 s after a 429, and no other identity', () => {
    const subject = gate();
    expect(subject.observe('a', 429, new Headers({ ratelimit: '"api";r=0;t=4' }), 500)).toBe(5000);
    expect(subject.remainingMs('a')).toBe(5000);
    expect(subject.remainingMs('b')).toBe(0);
    now += 4999;
    expect(subject.remainingMs('a')).toBe(1);
    now += 1;
    expect(subject.remainingMs('a')).toBe(0);
  });

  it('uses the fallback wait for a 429 without headers', () => {
    const subject = gate();
    expect(subject.observe('a', 429, new Headers(), 750)).toBe(750);
    expect(subject.remainingMs('a')).toBe(750);
  });

  it('blocks after a success that used up the window, without waiting for a 429', () => {
    const subject = gate();
    expect(subject.observe('a', 200, new Headers({ ratelimit: '"api";r=0;t=2' }), 500)).toBeUndefined();
    expect(subject.remainingMs('a')).toBe(3000);
    subject.observe('b', 200, new Headers({ ratelimit: '"api";r=3;t=2' }), 500);
    expect(subject.remainingMs('b')).toBe(0);
  });

  it('never shortens a block', () => {
    const subject = gate();
    subject.observe('a', 429, new Headers({ 'retry-after': '10' }), 0);
    subject.observe('a', 429, new Headers({ 'retry-after': '1' }), 0);
    expect(subject.remainingMs('a')).toBe(10_000);
  });
});
