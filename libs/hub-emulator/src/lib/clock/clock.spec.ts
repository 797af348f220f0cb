import { ScaledClock, systemClock } from './clock';
import { ManualClock } from './manual-clock';

describe('ScaledClock', () => {
  it('runs its base clock’s time faster by the scale, from the base’s time when created', () => {
    const base = new ManualClock(10_000);
    const clock = new ScaledClock(base, 60);
    const fired: number[] = [];
    clock.timeout(60_000, () => fired.push(clock.now()));
    base.advance(999);
    expect(fired).toEqual([]);
    base.advance(1);
    expect(fired).toEqual([10_000 + 60_000]);
    expect(() => new ScaledClock(base, 0)).toThrow(RangeError);
  });
});

describe('systemClock', () => {
  afterEach(() => jest.useRealTimers());

  it('is driven by Jest fake timers installed after it was created', () => {
    jest.useFakeTimers({ now: 5_000 });
    const fn = jest.fn();
    systemClock.timeout(1_000, fn);
    jest.advanceTimersByTime(999);
    expect(fn).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
    expect(systemClock.now()).toBe(6_000);
  });

  it('waits longer than Node’s timer limit (about 24.8 days) without firing early', () => {
    jest.useFakeTimers({ now: 0 });
    const fn = jest.fn();
    const thirtyDays = 30 * 86_400_000;
    systemClock.timeout(thirtyDays, fn);
    jest.advanceTimersByTime(thirtyDays - 1);
    expect(fn).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });
});
