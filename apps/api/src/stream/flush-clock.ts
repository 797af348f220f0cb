import type { TurnScheduler } from './turn-scheduler';

/**
 * One clock for every viewer: each callback scheduled before a tick runs at that tick, so
 * viewers that coalesce their samples write in the same moment, from batches that started
 * together (their JSON is then joined once, see BatchInterner). It ticks only while
 * something waits: the first callback after a tick starts the next interval. At a tick the
 * callbacks go to `turns`, which runs them in slices, so a tick never holds the loop for long.
 */
export class FlushClock {
  private readonly due = new Set<() => void>();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly intervalMs: number,
    private readonly turns: TurnScheduler,
  ) {}

  schedule(callback: () => void): void {
    this.due.add(callback);
    this.timer ??= setTimeout(this.tick, this.intervalMs);
  }

  cancel(callback: () => void): void {
    this.due.delete(callback);
    this.turns.cancel(callback);
    if (this.due.size === 0 && this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private readonly tick = (): void => {
    this.timer = null;
    for (const callback of this.due) this.turns.schedule(callback);
    this.due.clear();
  };
}
