import type { Cancel, Clock } from './clock';

interface Pending {
  due: number;
  /** Creation order breaks ties between timers due at the same moment. */
  order: number;
  fn: () => void;
  every?: number;
}

/**
 * A clock that moves only when told to: `advance(ms)` runs every timer that falls due
 * in that span, in time order, each seeing `now()` at its own due time. For tests that
 * step the Hub's time exactly while HTTP and everything else keep real time.
 */
export class ManualClock implements Clock {
  private current: number;
  private order = 0;
  private readonly pending = new Set<Pending>();

  /** Starts at `start` (default: the real time now). */
  constructor(start: number | Date = Date.now()) {
    this.current = typeof start === 'number' ? start : start.getTime();
  }

  now(): number {
    return this.current;
  }

  timeout(ms: number, fn: () => void): Cancel {
    return this.add({ due: this.current + Math.max(0, ms), order: this.order++, fn });
  }

  interval(ms: number, fn: () => void): Cancel {
    const every = Math.max(1, ms);
    return this.add({ due: this.current + every, order: this.order++, fn, every });
  }

  /** Moves time forward by `ms`, running what falls due, including timers those timers start. */
  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance() takes a non-negative number of ms, got ${ms}`);
    this.advanceTo(this.current + ms);
  }

  /** Moves time forward to `time` (ms since the epoch); never backwards. */
  advanceTo(time: number): void {
    if (time < this.current) throw new RangeError(`The clock is at ${this.current}; it cannot go back to ${time}`);
    for (let next = this.nextDue(time); next; next = this.nextDue(time)) {
      this.current = next.due;
      if (next.every === undefined) this.pending.delete(next);
      else {
        next.due += next.every;
        next.order = this.order++;
      }
      next.fn();
    }
    this.current = time;
  }

  /** Timers waiting to fire, for tests that check nothing is left behind. */
  get pendingTimers(): number {
    return this.pending.size;
  }

  private add(timer: Pending): Cancel {
    this.pending.add(timer);
    return () => void this.pending.delete(timer);
  }

  private nextDue(limit: number): Pending | undefined {
    let next: Pending | undefined;
    for (const timer of this.pending) {
      if (timer.due <= limit && (!next || timer.due < next.due || (timer.due === next.due && timer.order < next.order))) next = timer;
    }
    return next;
  }
}
