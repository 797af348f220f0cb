/** A callback that a TaskQueue holds at most once at a time (see TurnScheduler, FlushClock). */
export class Task {
  /** The queue that holds it now, and its place there (see TaskQueue). */
  queue: TaskQueue | null = null;
  ticket = 0;

  constructor(readonly run: () => void) {}
}

/** Taken entries a queue keeps before it drops them, when it never empties. */
const COMPACT_AFTER = 4096;

/**
 * Tasks in the order they were queued: queueing a task it holds does nothing, and cancelling
 * one is a write to the task, not a search. There is no hash table, on purpose: as Sets, the
 * queues of 5000 viewers' flushes grew and shrank tables of some 160 KB several times a tick,
 * in V8's large-object space, which only a full collection frees. An allocation profile of
 * the 5000-viewer fan-out found a third of the memory it promoted there (docs/performance.md).
 */
export class TaskQueue {
  private tasks: Task[] = [];
  /** The ticket each entry was queued with: an entry whose task was cancelled, or queued again since, no longer matches. */
  private tickets: number[] = [];
  private head = 0;
  private lastTicket = 0;
  private live = 0;

  /** Tasks queued and not yet taken or cancelled. */
  get size(): number {
    return this.live;
  }

  /** Answers false if the task was queued already (here or elsewhere: a task is in one queue at a time). */
  add(task: Task): boolean {
    if (task.queue !== null) return false;
    task.queue = this;
    task.ticket = ++this.lastTicket;
    this.tasks.push(task);
    this.tickets.push(task.ticket);
    this.live += 1;
    return true;
  }

  cancel(task: Task): void {
    if (task.queue !== this) return;
    task.queue = null;
    this.live -= 1;
  }

  /** The first task still queued, taken off; null when none is. */
  take(): Task | null {
    while (this.head < this.tasks.length) {
      const task = this.tasks[this.head];
      const ticket = this.tickets[this.head];
      this.head += 1;
      if (task.queue === this && task.ticket === ticket) {
        task.queue = null;
        this.live -= 1;
        this.compact();
        return task;
      }
    }
    this.compact();
    return null;
  }

  private compact(): void {
    if (this.head === this.tasks.length) {
      this.tasks = [];
      this.tickets = [];
      this.head = 0;
    } else if (this.head >= COMPACT_AFTER && this.head * 2 >= this.tasks.length) {
      this.tasks = this.tasks.slice(this.head);
      this.tickets = this.tickets.slice(this.head);
      this.head = 0;
    }
  }
}
