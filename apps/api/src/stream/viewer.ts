import type { MessageEvent } from '@nestjs/common';
import { STREAM_EVENT } from '@hfd/contracts';
import type { Subscriber } from 'rxjs';
import type { Principal } from '../common/http/principal';
import type { MetricFrame } from '../metrics/metrics-hub.service';
import { MetricCoalescer, type MetricPacing } from './metric-coalescer';
import { Task } from './task-queue';

/**
 * One connection's stream. What it is sent comes shared from its view (see ViewGroup); it
 * hands the events to Nest in its turn (see TurnScheduler), in the order they came, and its
 * samples coalesced (see MetricCoalescer). Besides Nest's own, this object, its coalescer and
 * its queue are all a viewer costs: as a tree of RxJS operators with a listener per Space it
 * was some 35 KB, and 5000 viewers did not fit in 600 MB (docs/performance.md).
 */
export class Viewer {
  private readonly waiting: MessageEvent[] = [];
  private readonly coalescer: MetricCoalescer;
  private closed = false;

  constructor(
    private readonly subscriber: Subscriber<MessageEvent>,
    private readonly pacing: MetricPacing,
    readonly principal: Principal | null,
  ) {
    this.coalescer = new MetricCoalescer(pacing, (json) => subscriber.next({ type: STREAM_EVENT.metric, data: json }));
  }

  /**
   * Queues an event for the viewer's next turn. Nest numbers each event it writes (`id`), so
   * `event` must be the viewer's own object; only the JSON inside may be shared. What waits
   * is bounded by what the sources emit in a few turns: the low-rate events (inventory,
   * status, history, incidents, heartbeats), and the queue empties at the viewer's turn.
   */
  send(event: MessageEvent): void {
    if (this.closed) return;
    this.waiting.push(event);
    if (this.waiting.length === 1) this.pacing.turns.schedule(this.delivery);
  }

  metric(frame: MetricFrame): void {
    if (!this.closed) this.coalescer.add(frame);
  }

  /** Ends the stream with `last`, dropping whatever still waits. */
  end(last: MessageEvent): void {
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

  private readonly delivery = new Task(() => {
    for (const event of this.waiting.splice(0)) this.subscriber.next(event);
  });
}
