import { ManualClock } from './manual-clock';

describe('ManualClock', () => {
  it('runs timers in time order when advanced, each seeing its own due time', () => {
    const clock = new ManualClock(1_000);
    const seen: Array<[string, number]> = [];
    clock.timeout(300, () => seen.push(['c', clock.now()]));
    clock.timeout(100, () => seen.push(['a', clock.now()]));
    clock.timeout(100, () => seen.push(['b', clock.now()]));
    clock.advance(250);
    expect(seen).toEqual([
      ['a', 1_100],
      ['b', 1_100],
    ]);
    expect(clock.now()).toBe(1_250);
    clock.advance(50);
    expect(seen.at(-1)).toEqual(['c', 1_300]);
    expect(clock.pendingTimers).toBe(0);
  });

  it('runs timers that fire within the same advance, and repeats intervals until cancelled', () => {
    const clock = new ManualClock(new Date('2025-01-01T00:00:00.000Z'));
    const seen: number[] = [];
    clock.timeout(10, () => clock.timeout(10, () => seen.push(clock.now())));
    const cancel = clock.interval(15, () => seen.push(-clock.now()));
    clock.advance(30);
    const start = Date.parse('2025-01-01T00:00:00.000Z');
    expect(seen).toEqual([-(start + 15), start + 20, -(start + 30)]);
    cancel();
    clock.advance(100);
    expect(seen).toHaveLength(3);
  });

  it('cancels a timer before it fires, and never goes back', () => {
    const clock = new ManualClock(0);
    const fn = jest.fn();
    const cancel = clock.timeout(5, fn);
    cancel();
    clock.advance(10);
    expect(fn).not.toHaveBeenCalled();
    expect(() => clock.advanceTo(5)).toThrow(RangeError);
    expect(() => clock.advance(-1)).toThrow(RangeError);
  });
});
