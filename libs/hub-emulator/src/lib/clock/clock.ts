/** Stops a timer; calling it again does nothing. */
export type Cancel = () => void;

/**
 * A source of time and timers. The emulator runs the Hub's own time (stage changes,
 * scripts, crash loops, sleep) on one clock, so tests can compress it (`timeScale`) or
 * step it (a ManualClock, or Jest's fake timers through the system clock).
 */
export interface Clock {
  /** Milliseconds since the epoch, in this clock's time. */
  now(): number;
  /** Calls `fn` once, `ms` of this clock's time from now. */
  timeout(ms: number, fn: () => void): Cancel;
  /** Calls `fn` every `ms` of this clock's time. */
  interval(ms: number, fn: () => void): Cancel;
}

/** Node refuses longer delays (it fires them at once), so longer waits are chained. */
const MAX_DELAY_MS = 2 ** 31 - 1;

/**
 * Real time. `setTimeout` and `Date.now` are looked up on every call, so Jest's fake
 * timers, installed after the emulator started, drive it too.
 */
export const systemClock: Clock = {
  now: () => Date.now(),
  timeout: (ms, fn) => {
    let handle: NodeJS.Timeout;
    const wait = (left: number) => {
      handle = setTimeout(() => (left > MAX_DELAY_MS ? wait(left - MAX_DELAY_MS) : fn()), Math.min(left, MAX_DELAY_MS));
    };
    wait(Math.max(0, ms));
    return () => clearTimeout(handle);
  },
  interval: (ms, fn) => {
    const handle = setInterval(fn, Math.min(Math.max(1, ms), MAX_DELAY_MS));
    return () => clearInterval(handle);
  },
};

/**
 * `base` running `scale` times faster: with scale 60, ten minutes of this clock's time
 * pass in ten seconds of the base's. Its time starts at the base's time when created.
 */
export class ScaledClock implements Clock {
  private readonly origin: number;

  constructor(
    private readonly base: Clock,
    readonly scale: number,
  ) {
    if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`A time scale must be a positive number, got ${scale}`);
    this.origin = base.now();
  }

  now(): number {
    return Math.round(this.origin + (this.base.now() - this.origin) * this.scale);
  }

  timeout(ms: number, fn: () => void): Cancel {
    return this.base.timeout(ms / this.scale, fn);
  }

  interval(ms: number, fn: () => void): Cancel {
    return this.base.interval(ms / this.scale, fn);
  }
}
