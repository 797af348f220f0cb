import type { MetricFrame } from '../metrics/metrics-hub.service';
import type { BatchInterner, BatchNode } from './batch-interner';
import type { FlushClock } from './flush-clock';
import { Task } from './task-queue';
import type { TurnScheduler } from './turn-scheduler';

/** What every viewer's coalescer shares: when to write, and the batches' shared JSON. */
export interface MetricPacing {
  /** Writes at its ticks carry what came since a viewer's last write: at most one per interval. */
  readonly clock: FlushClock;
  /** A sample that comes after this long without one starts a burst (see MetricCoalescer). */
  readonly quietMs: number;
  /** How long after the start of a burst its samples go out as they come. */
  readonly leadingWindowMs: number;
  /** The least time between the starts of two leading windows. */
  readonly leadingWindowSpacingMs: number;
  readonly turns: TurnScheduler;
  readonly batches: BatchInterner;
}

/**
 * The samples one viewer is owed, and when they go out. Each write is one `metric` event,
 * and every event costs the server a socket write per viewer: one per sample, with 50 Spaces
 * whose samples come spread over the second, made 50 000 writes a second for 1000 viewers
 * and a whole core.
 *
 * - A sample that comes after `quietMs` without one starts a burst, and opens a leading
 *   window: for `leadingWindowMs`, samples go out at the end of the event-loop turn that
 *   brought them (with anything still waiting). The Hub's samples of many Spaces often come
 *   as one burst some tens of milliseconds wide, and a viewer gets the whole burst with
 *   little delay, in a few writes. Quiet is judged on arrivals, not on writes: a busy server
 *   writes late, and would otherwise make every burst wait for the clock. Each Space sends
 *   about once a second, so a viewer's bursts come about a second apart: a leading window
 *   opens at most every `leadingWindowSpacingMs`. Otherwise a server that stalls (its loop
 *   busy, samples read in clumps) would find bursts everywhere, write more, and stall more.
 * - Otherwise samples wait for the next tick of the clock and go out together in one write:
 *   samples that keep coming (less than `quietMs` apart) make at most one write per interval.
 */
export class MetricCoalescer {
  private batch: BatchNode | null = null;
  private lastArrivalAt = Number.NEGATIVE_INFINITY;
  private leadingSince = Number.NEGATIVE_INFINITY;
  private leadingUntil = Number.NEGATIVE_INFINITY;
  private waitingFor: 'turn' | 'tick' | null = null;

  constructor(
    private readonly pacing: MetricPacing,
    /** Takes a `metric` event (see BatchNode.frame). */
    private readonly write: (frame: Buffer) => void,
  ) {}

  add(frame: MetricFrame): void {
    this.batch = (this.batch ?? this.pacing.batches.root).append(frame);
    const now = performance.now();
    if (now - this.lastArrivalAt >= this.pacing.quietMs && now - this.leadingSince >= this.pacing.leadingWindowSpacingMs) {
      this.leadingSince = now;
      this.leadingUntil = now + this.pacing.leadingWindowMs;
    }
    this.lastArrivalAt = now;
    if (now < this.leadingUntil) {
      if (this.waitingFor === 'turn') return;
      // A burst that starts while earlier samples wait for the clock takes them along.
      if (this.waitingFor === 'tick') this.pacing.clock.cancel(this.flushTask);
      this.waitingFor = 'turn';
      this.pacing.turns.schedule(this.flushTask);
    } else if (this.waitingFor === null) {
      this.waitingFor = 'tick';
      this.pacing.clock.schedule(this.flushTask);
    }
  }

  /** Forgets what is pending; nothing is written after this. */
  stop(): void {
    this.pacing.turns.cancel(this.flushTask);
    this.pacing.clock.cancel(this.flushTask);
    this.batch = null;
    this.waitingFor = null;
  }

  private readonly flushTask = new Task(() => {
    const batch = this.batch;
    this.batch = null;
    this.waitingFor = null;
    if (batch !== null) this.write(batch.frame());
  });
}
