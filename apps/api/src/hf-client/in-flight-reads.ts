interface Entry<T> {
  promise: Promise<T>;
  controller: AbortController;
  callers: number;
}

/**
 * Identical reads in flight at the same moment share one: the first caller starts it and
 * later callers with the same key join it, so a burst of callers (or a slow Hub that
 * keeps them waiting) costs one Hub request, not one per caller. Results are not kept
 * once settled: the next read goes to the Hub again.
 *
 * Each caller may leave through its own signal without cutting the read short for the
 * others; the shared read is aborted only when every caller has left.
 */
export class InFlightReads<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /** Reads in flight now (for tests). */
  get size(): number {
    return this.entries.size;
  }

  run(key: string, signal: AbortSignal | undefined, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    let entry = this.entries.get(key);
    if (entry === undefined) {
      const controller = new AbortController();
      // Started on the next microtask, so even a `start` that throws ends as a rejection.
      const created: Entry<T> = { promise: Promise.resolve().then(() => start(controller.signal)), controller, callers: 0 };
      const forget = (): void => {
        if (this.entries.get(key) === created) this.entries.delete(key);
      };
      created.promise.then(forget, forget);
      this.entries.set(key, created);
      entry = created;
    }
    entry.callers += 1;
    return this.follow(key, entry, signal);
  }

  private follow(key: string, entry: Entry<T>, signal: AbortSignal | undefined): Promise<T> {
    if (signal === undefined) return entry.promise;
    return new Promise<T>((resolve, reject) => {
      const leave = (): void => {
        entry.callers -= 1;
        if (entry.callers === 0) {
          // Nobody waits for it any more: stop it, and let the next caller start afresh.
          if (this.entries.get(key) === entry) this.entries.delete(key);
          entry.controller.abort(signal.reason);
        }
        reject(signal.reason);
      };
      signal.addEventListener('abort', leave, { once: true });
      entry.promise.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }
}
