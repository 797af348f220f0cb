import type { MetricFrame } from '../metrics/metrics-hub.service';
import type { BatchInterner, BatchNode } from './batch-interner';
import type { FlushClock } from './flush-clock';
import type { TurnScheduler } from './turn-scheduler';

/** What every viewer's coalescer shares: when to write, and the batches' shared JSON. */
export interface MetricPacing {
  /** Writes at its ticks carry what came since a viewer's last write: at most one per interval. */
  readonly clock: FlushClock;
  /** How long after a quiet interval samples go out as they come (see MetricCoalescer). */
  readonly leadingWindowMs: number;
  readonly turns: TurnScheduler;
  readonly batches: BatchInterner;
}

/**
 * The samples one viewer is owed, and when they go out. Each write is one `metric` event,
 * and every event costs the server a trip through Nest's SSE pipeline and a socket write per
 * viewer: one per sample, with 50 Spaces whose samples come spread over the second, made
 * 50 000 writes a second for 1000 viewers and a whole core.
 *
 * - A sample that comes after a quiet interval (no sample for `clock.intervalMs`) opens a
 *   leading window: for `leadingWindowMs`, samples go out at the end of the event-loop turn
 *   that brought them. The Hub's samples of many Spaces often come as one burst some tens of
 *   milliseconds wide, and a viewer gets the whole burst with little delay, in a few writes.
 *   (Quiet is judged on arrivals, not on writes: a busy server writes late, and would
 *   otherwise make every burst wait for the clock.)
 * - Otherwise they wait for the clock's next tick and go out together in one write: once a
 *   leading window is over, at most one write per interval.
 */
export class MetricCoalescer {
  private batch: BatchNode | null = null;
  private lastArrivalAt = Number.NEGATIVE_INFINITY;
  private leadingUntil = Number.NEGATIVE_INFINITY;
  private waiting = false;

  constructor(
    private readonly pacing: MetricPacing,
    private readonly write: (json: string) => void,
  ) {}

  add(frame: MetricFrame): void {
    this.batch = (this.batch ?? this.pacing.batches.root).append(frame);
    const now = performance.now();
    if (now - this.lastArrivalAt >= this.pacing.clock.intervalMs) this.leadingUntil = now + this.pacing.leadingWindowMs;
    this.lastArrivalAt = now;
    if (this.waiting) return;
    this.waiting = true;
    if (now < this.leadingUntil) this.pacing.turns.schedule(this.flush);
    else this.pacing.clock.schedule(this.flush);
  }

  /** Forgets what is pending; nothing is written after this. */
  stop(): void {
    this.pacing.turns.cancel(this.flush);
    this.pacing.clock.cancel(this.flush);
    this.batch = null;
    this.waiting = false;
  }

  private readonly flush = (): void => {
    const batch = this.batch;
    this.batch = null;
    this.waiting = false;
    if (batch === null) return;
    this.write(batch.json());
  };
}
