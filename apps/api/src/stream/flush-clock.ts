import { TaskQueue, type Task } from './task-queue';
import type { TurnScheduler } from './turn-scheduler';

/**
 * One clock for every viewer: each task scheduled before a tick runs at that tick, so
 * viewers that coalesce their samples write in the same moment, from batches that started
 * together (their JSON is then joined once, see BatchInterner). It ticks only while
 * something waits: the first callback after a tick starts the next interval. At a tick the
 * tasks go to `turns`, which runs them in slices, so a tick never holds the loop for long.
 */
export class FlushClock {
  private readonly due = new TaskQueue();
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    readonly intervalMs: number,
    private readonly turns: TurnScheduler,
  ) {}

  schedule(task: Task): void {
    this.due.add(task);
    this.timer ??= setTimeout(this.tick, this.intervalMs);
  }

  /** Cancels `task` whether it waits for the tick or, after it, for its turn. */
  cancel(task: Task): void {
    this.due.cancel(task);
    this.turns.cancel(task);
    if (this.due.size === 0 && this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
  }

  private readonly tick = (): void => {
    this.timer = null;
    for (let task = this.due.take(); task !== null; task = this.due.take()) this.turns.schedule(task);
  };
}
