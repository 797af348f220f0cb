interface Entry<T> {
  value: T;
  expiresAt: number;
}

/**
 * Results kept for a while per key, and one load in flight per key shared by every caller
 * who asks meanwhile. Failures are not kept: the next call tries again. At most `maxEntries`
 * results are held; the oldest goes first.
 */
export class SharedCache<T> {
  private readonly values = new Map<string, Entry<T>>();
  private readonly loading = new Map<string, Promise<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(key: string, load: () => Promise<T>): Promise<T> {
    const cached = this.values.get(key);
    if (cached !== undefined && cached.expiresAt > this.now()) return Promise.resolve(cached.value);
    this.values.delete(key);
    const inFlight = this.loading.get(key);
    if (inFlight !== undefined) return inFlight;
    const promise = load()
      .then((value) => {
        this.store(key, value);
        return value;
      })
      .finally(() => this.loading.delete(key));
    this.loading.set(key, promise);
    return promise;
  }

  private store(key: string, value: T): void {
    this.values.set(key, { value, expiresAt: this.now() + this.ttlMs });
    // Maps iterate in insertion order, so the first keys are the oldest.
    for (const oldest of this.values.keys()) {
      if (this.values.size <= this.maxEntries) break;
      this.values.delete(oldest);
    }
  }
}
