import type { Kysely } from 'kysely';
import type { Database } from './database';
import type { DatabaseStatus } from './database-status';
import { isTransientDatabaseError, outageReason } from './transient-error';

/** One write: its statements run in one transaction, and run again whole after an outage. */
export type Write = (db: Kysely<Database>) => Promise<unknown>;

export interface WriteQueueOptions {
  /** How many writes may wait for the database; the next one is refused. */
  capacity: number;
  /** The pause after a failed attempt, doubling from the first to the second while the database stays away. */
  retryDelayMs: readonly [min: number, max: number];
  /** A write the database refused for good (the write itself is wrong): it is not tried again. */
  onFailure: (label: string, error: unknown) => void;
}

/** Refused because the queue is full: the database has been away too long for this write to wait. */
export class WriteQueueFullError extends Error {
  override readonly name = 'WriteQueueFullError';
}

interface Job {
  label: string;
  write: Write;
}

/**
 * Every write of the server, in order, one at a time. While the database cannot be reached,
 * writes wait here (up to `capacity`, then `enqueue` refuses with WriteQueueFullError) and the
 * head is retried with backoff, so the rest of the server carries on and nothing is lost when
 * the database comes back. Callers do not wait for the write: `drained()` is for those that must.
 */
export class WriteQueue {
  private readonly jobs: Job[] = [];
  private draining = false;
  private stopped = false;
  private wake: (() => void) | null = null;
  private idle: Array<() => void> = [];

  constructor(
    private readonly db: Kysely<Database>,
    private readonly status: DatabaseStatus,
    private readonly options: WriteQueueOptions,
  ) {}

  get size(): number {
    return this.jobs.length;
  }

  /** Queues `write`; throws WriteQueueFullError when the queue is full, and after `close`. */
  enqueue(label: string, write: Write): void {
    if (this.stopped) throw new WriteQueueFullError(`${label}: refused, the database is being closed`);
    if (this.jobs.length >= this.options.capacity) {
      const { reachable, since } = this.status.snapshot(0);
      const away = reachable ? '' : ` (unreachable since ${new Date(since).toISOString()})`;
      throw new WriteQueueFullError(`${label}: refused, ${this.jobs.length} writes already wait for the database${away}`);
    }
    this.jobs.push({ label, write });
    void this.drain();
  }

  /** Resolves once every write queued so far has been written or refused for good. */
  drained(): Promise<void> {
    if ((this.jobs.length === 0 || this.stopped) && !this.draining) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  /** Ends the current pause: the database answers again. */
  retryNow(): void {
    this.wake?.();
  }

  /** Waits up to `timeoutMs` for the queue to empty, then stops; answers how many writes were left unwritten. */
  async close(timeoutMs: number): Promise<number> {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([this.drained(), new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
    clearTimeout(timer);
    this.stopped = true;
    this.retryNow();
    return this.jobs.length;
  }

  private async drain(): Promise<void> {
    if (this.draining) return;
    this.draining = true;
    let delay = this.options.retryDelayMs[0];
    while (this.jobs.length > 0 && !this.stopped) {
      const job = this.jobs[0];
      try {
        await this.db.transaction().execute((trx) => job.write(trx));
        this.jobs.shift();
        this.status.up();
        delay = this.options.retryDelayMs[0];
      } catch (error) {
        if (this.stopped) break;
        if (isTransientDatabaseError(error)) {
          this.status.down(outageReason(error));
          await this.pause(delay);
          delay = Math.min(delay * 2, this.options.retryDelayMs[1]);
        } else {
          this.jobs.shift();
          this.options.onFailure(job.label, error);
        }
      }
    }
    this.draining = false;
    if (this.jobs.length === 0 || this.stopped) for (const resolve of this.idle.splice(0)) resolve();
  }

  private pause(ms: number): Promise<void> {
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wake = null;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wake = done;
    });
  }
}
