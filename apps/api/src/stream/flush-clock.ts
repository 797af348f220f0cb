/**
 * One clock for every viewer: each callback scheduled before a tick runs at that tick, so
 * viewers that coalesce their samples write in the same moment, from batches that started
 * together (their JSON is then joined once, see BatchInterner). It ticks only while
 * something waits: the first callback after a tick starts the next interval.
 */
export class FlushClock {
  private readonly due = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(readonly intervalMs: number) {}

  schedule(callback: () => void): void {
    this.due.add(callback);
    this.timer ??= setTimeout(this.tick, this.intervalMs);
  }

  cancel(callback: () => void): void {
    this.due.delete(callback);
    if (this.due.size === 0 && this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private readonly tick = (): void => {
    this.timer = null;
    const callbacks = [...this.due];
    this.due.clear();
    for (const callback of callbacks) callback();
  };
}
