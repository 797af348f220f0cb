import { Observable, type MonoTypeOperatorFunction } from 'rxjs';

/** Callbacks one event-loop turn runs at most: see TurnScheduler. */
export const DEFAULT_SLICE = 64;

/**
 * Runs each scheduled callback once, after the current event-loop turn's I/O callbacks
 * (setImmediate), at most `slice` of them a turn. The samples of many Spaces that arrive in
 * one burst are read in one turn, so a viewer that batches until then sends them as one
 * event. The slices keep a fan-out from holding the loop: one event to 1000 viewers is some
 * 1000 socket writes, tens to hundreds of milliseconds in one go, and every REST request
 * that came meanwhile waited for all of it (the load test's REST p99, docs/reliability.md).
 * Between slices the loop reads sockets: requests, and the next samples.
 */
export class TurnScheduler {
  /** In order of scheduling; a Set, so that a callback scheduled twice before it runs runs once. */
  private readonly pending = new Set<() => void>();
  private scheduled = false;

  constructor(private readonly slice = DEFAULT_SLICE) {}

  schedule(callback: () => void): void {
    this.pending.add(callback);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.runSlice);
  }

  cancel(callback: () => void): void {
    this.pending.delete(callback);
  }

  private readonly runSlice = (): void => {
    let left = this.slice;
    try {
      for (const callback of this.pending) {
        this.pending.delete(callback);
        callback();
        if (--left === 0) break;
      }
    } finally {
      // Also after a callback threw: the others must not wait for a turn that never comes.
      if (this.pending.size > 0) setImmediate(this.runSlice);
      else this.scheduled = false;
    }
  };
}

/**
 * Delivers a shared source's values to one viewer through `turns` rather than at once: a
 * stage change that reaches 1000 viewers is then written in slices (see TurnScheduler). The
 * values that came since the viewer's last turn go out together, in order. What waits is
 * bounded by what the sources emit in a few turns: these are the low-rate events (inventory,
 * status, history, incidents), and the queue empties at the viewer's next turn.
 */
export function inTurns<T>(turns: TurnScheduler): MonoTypeOperatorFunction<T> {
  return (source) =>
    new Observable<T>((subscriber) => {
      const waiting: T[] = [];
      const deliver = () => {
        for (const value of waiting.splice(0)) subscriber.next(value);
      };
      const subscription = source.subscribe({
        next: (value) => {
          waiting.push(value);
          turns.schedule(deliver);
        },
        error: (error: unknown) => {
          turns.cancel(deliver);
          deliver();
          subscriber.error(error);
        },
        complete: () => {
          turns.cancel(deliver);
          deliver();
          subscriber.complete();
        },
      });
      return () => {
        subscription.unsubscribe();
        turns.cancel(deliver);
        waiting.length = 0;
      };
    });
}
