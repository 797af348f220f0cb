interface Entry<T> {
  value: Promise<T>;
  /** When the read settled; null while it is in flight. */
  settledAt: number | null;
}

/**
 * Answers read within the last `ttlMs`, keyed by id, shared by concurrent callers: a read in
 * flight is joined however long it takes, and its outcome is kept `ttlMs` from when it settled.
 * A failure is kept as long as an answer: a failing Hub is asked once per id per `ttlMs`, not
 * once per caller. At most `maxEntries` are held (the oldest go first, expired ones as new ones
 * come in), whatever ids callers make up.
 */
export class DetailCache<T> {
  private readonly entries = new Map<string, Entry<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly maxEntries = 1000,
    private readonly now: () => number = Date.now,
  ) {}

  get(id: string, read: () => Promise<T>): Promise<T> {
    const entry = this.entries.get(id);
    if (entry && (entry.settledAt === null || this.now() - entry.settledAt < this.ttlMs)) return entry.value;
    this.entries.delete(id);
    this.prune();
    const created: Entry<T> = { value: read(), settledAt: null };
    const settle = () => {
      created.settledAt = this.now();
    };
    // Callers get the failure through `value`; the kept copy must not count as unhandled.
    created.value.then(settle, settle);
    this.entries.set(id, created);
    return created.value;
  }

  /** Maps iterate in insertion order: the oldest entries come first. */
  private prune(): void {
    for (const [key, entry] of this.entries) {
      const expired = entry.settledAt !== null && this.now() - entry.settledAt >= this.ttlMs;
      if (!expired && this.entries.size < this.maxEntries) break;
      this.entries.delete(key);
    }
  }
}
