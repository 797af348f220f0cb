import type { Subscriber } from 'rxjs';
import type { Principal } from '../common/http/principal';
import type { MetricFrame } from '../metrics/metrics-hub.service';
import { MetricCoalescer, type MetricPacing } from './metric-coalescer';
import { Task } from './task-queue';

/**
 * One connection's stream. What it is sent comes shared from its view, as frames made once
 * (see ViewGroup, sseFrame); it hands them on in its turn (see TurnScheduler), in the order
 * they came, and its samples coalesced (see MetricCoalescer). Besides the connection's own,
 * this object, its coalescer and its queue are all a viewer costs: as a tree of RxJS
 * operators with a listener per Space it was some 35 KB, and 5000 viewers did not fit in
 * 600 MB (docs/performance.md).
 */
export class Viewer {
  private readonly waiting: Buffer[] = [];
  private readonly coalescer: MetricCoalescer;
  private closed = false;

  constructor(
    private readonly subscriber: Subscriber<Buffer>,
    private readonly pacing: MetricPacing,
    readonly principal: Principal | null,
  ) {
    this.coalescer = new MetricCoalescer(pacing, (frame) => subscriber.next(frame));
  }

  /**
   * Queues a frame for the viewer's next turn. What waits is bounded by what the sources emit
   * in a few turns: the low-rate events (inventory, status, history, incidents, heartbeats),
   * and the queue empties at the viewer's turn.
   */
  send(frame: Buffer): void {
    if (this.closed) return;
    this.waiting.push(frame);
    if (this.waiting.length === 1) this.pacing.turns.schedule(this.delivery);
  }

  metric(frame: MetricFrame): void {
    if (!this.closed) this.coalescer.add(frame);
  }

  /** Ends the stream with `last`, dropping whatever still waits. */
  end(last: Buffer): void {
    if (this.closed) return;
    this.close();
    this.subscriber.next(last);
    this.subscriber.complete();
  }

  /** Forgets what waits; nothing is written after this. */
  close(): void {
    this.closed = true;
    this.waiting.length = 0;
    this.pacing.turns.cancel(this.delivery);
    this.coalescer.stop();
  }

  /** What waited, as one write: several frames are rare (they are the low-rate events), and one write each would cost a socket write each. */
  private readonly delivery = new Task(() => {
    const frames = this.waiting.splice(0);
    this.subscriber.next(frames.length === 1 ? frames[0] : Buffer.concat(frames));
  });
}
