import { FlushClock } from './flush-clock';

describe('FlushClock', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  it('runs everything scheduled before a tick at that tick, once, an interval after the first', () => {
    const clock = new FlushClock(250);
    const ran: Array<[string, number]> = [];
    const a = () => ran.push(['a', Date.now()]);
    const b = () => ran.push(['b', Date.now()]);
    clock.schedule(a);
    jest.advanceTimersByTime(100);
    clock.schedule(b);
    clock.schedule(a);
    jest.advanceTimersByTime(1000);
    expect(ran).toEqual([
      ['a', 250],
      ['b', 250],
    ]);
  });

  it('ticks only while something waits, and a callback cancelled before its tick never runs', () => {
    const clock = new FlushClock(250);
    const ran: string[] = [];
    const a = () => ran.push('a');
    clock.schedule(a);
    clock.cancel(a);
    expect(jest.getTimerCount()).toBe(0);
    jest.advanceTimersByTime(1000);
    expect(ran).toEqual([]);
    clock.schedule(a);
    jest.advanceTimersByTime(250);
    expect(ran).toEqual(['a']);
    expect(jest.getTimerCount()).toBe(0);
  });
});
