import { TaskQueue, type Task } from './task-queue';

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
  private readonly pending = new TaskQueue();
  private scheduled = false;

  constructor(private readonly slice = DEFAULT_SLICE) {}

  /** Runs `task` in a coming turn, once however often it is scheduled before it runs. */
  schedule(task: Task): void {
    if (!this.pending.add(task) || this.scheduled) return;
    this.scheduled = true;
    setImmediate(this.runSlice);
  }

  cancel(task: Task): void {
    this.pending.cancel(task);
  }

  private readonly runSlice = (): void => {
    try {
      for (let left = this.slice; left > 0; left--) {
        const task = this.pending.take();
        if (task === null) break;
        task.run();
      }
    } finally {
      // Also after a task threw: the others must not wait for a turn that never comes.
      if (this.pending.size > 0) setImmediate(this.runSlice);
      else this.scheduled = false;
    }
  };
}
