/**
 * Answers read within the last `ttlMs`, keyed by id, shared by concurrent callers (the
 * promise is cached, so a burst makes one request). A failed read is not kept. Ids come
 * from the inventory, so the map stays as small as the fleet; expired entries are dropped
 * as new ones come in.
 */
export class DetailCache<T> {
  private readonly entries = new Map<string, { at: number; value: Promise<T> }>();

  constructor(private readonly ttlMs: number) {}

  get(id: string, read: () => Promise<T>, now = Date.now()): Promise<T> {
    const entry = this.entries.get(id);
    if (entry && now - entry.at < this.ttlMs) return entry.value;
    for (const [key, old] of this.entries) if (now - old.at >= this.ttlMs) this.entries.delete(key);
    const value = read();
    this.entries.set(id, { at: now, value });
    value.catch(() => {
      if (this.entries.get(id)?.value === value) this.entries.delete(id);
    });
    return value;
  }
}
