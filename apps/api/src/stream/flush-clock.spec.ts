import { FlushClock } from './flush-clock';
import { Task } from './task-queue';
import { TurnScheduler } from './turn-scheduler';

describe('FlushClock', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('runs everything scheduled before a tick at that tick, once, an interval after the first', () => {
    const clock = new FlushClock(250, new TurnScheduler());
    const ran: Array<[string, number]> = [];
    const a = new Task(() => ran.push(['a', Date.now()]));
    const b = new Task(() => ran.push(['b', Date.now()]));
    clock.schedule(a);
    jest.advanceTimersByTime(100);
    clock.schedule(b);
    clock.schedule(a);
    jest.advanceTimersByTime(1000);
    // In the turn after the tick, which fake timers run 1 ms later.
    expect(ran).toEqual([
      ['a', 251],
      ['b', 251],
    ]);
  });

  it('ticks only while something waits, and a callback cancelled before its tick, or before its turn, never runs', () => {
    const clock = new FlushClock(250, new TurnScheduler());
    const ran: string[] = [];
    const a = new Task(() => ran.push('a'));
    clock.schedule(a);
    clock.cancel(a);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(1000);
    expect(ran).toEqual([]);
    clock.schedule(a);
    jest.advanceTimersByTime(249);
    // The tick alone: `a` now waits for its turn.
    jest.advanceTimersToNextTimer();
    expect(ran).toEqual([]);
    clock.cancel(a);
    jest.advanceTimersByTime(1000);
    expect(ran).toEqual([]);
    clock.schedule(a);
    jest.advanceTimersByTime(251);
    expect(ran).toEqual(['a']);
    expect(jest.getTimerCount()).toBe(0);
  });
});
