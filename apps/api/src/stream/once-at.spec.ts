import { onceAt } from './once-at';

describe('onceAt', () => {
  beforeEach(() => jest.useFakeTimers({ now: 0 }));
  afterEach(() => jest.useRealTimers());

  const DAY = 24 * 3600 * 1000;

  it('calls back once, at the time, even beyond the longest delay setTimeout takes (some 24.8 days)', () => {
    const callback = jest.fn();
    onceAt(365 * DAY, callback);
    jest.advanceTimersByTime(365 * DAY - 1);
    expect(callback).not.toHaveBeenCalled();
    jest.advanceTimersByTime(1);
    expect(callback).toHaveBeenCalledTimes(1);
    jest.advanceTimersByTime(365 * DAY);
    expect(callback).toHaveBeenCalledTimes(1);
  });

  it('calls back at once for a time already past, and never once cancelled', () => {
    const past = jest.fn();
    onceAt(-1000, past);
    jest.advanceTimersByTime(0);
    expect(past).toHaveBeenCalledTimes(1);
    const cancelled = jest.fn();
    const cancel = onceAt(40 * DAY, cancelled);
    jest.advanceTimersByTime(30 * DAY);
    cancel();
    jest.advanceTimersByTime(30 * DAY);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
