import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { hasLiveMetrics, type MetricSample } from '@hfd/contracts';
import { Observable, ReplaySubject, defer, filter, finalize, map, merge, race, share, takeUntil, tap, timer, type Subscription } from 'rxjs';
import { HfClientService } from '../hf-client/hf-client.service';
import { HubTarget } from '../hub-target/hub-target';
import { accountByName } from '../spaces/account-by-name';
import { InventoryService } from '../spaces/inventory.service';
import { MetricHistoryService } from './metric-history.service';
import { MetricRollupService } from './metric-rollup.service';
import { toSample } from './metric.mapper';

/** How long an upstream stays open after its last viewer left, so a reload does not reconnect. */
export const UPSTREAM_GRACE_MS = 5000;

/** A sample, and its JSON, encoded once for every viewer. */
export interface MetricFrame {
  readonly sample: MetricSample;
  readonly json: string;
}

export type MetricFrameListener = (frame: MetricFrame) => void;

/**
 * The viewers of one Space: a plain set of callbacks behind a single subscription to the
 * shared upstream. An RxJS subscription per viewer per Space (map, catchError and their
 * subscribers and closures) cost about 3 KB each: 150 MB for 1000 viewers of 50 Spaces.
 */
interface Dispatcher {
  listeners: Set<MetricFrameListener>;
  last: MetricFrame | null;
  subscription: Subscription | null;
}

/**
 * One upstream live-metrics connection per watched running Space, shared by every
 * viewer: opened by the first, closed a little after the last leaves, and closed as
 * soon as the Space stops running. A new viewer gets the last sample at once.
 * Reconnection with backoff happens inside HfClient.
 */
@Injectable()
export class MetricsHubService implements OnModuleDestroy {
  private readonly upstreams = new Map<string, Observable<MetricFrame>>();
  private readonly dispatchers = new Map<string, Dispatcher>();
  /** Replays, so anything started after shutdown ends at once too. */
  private readonly destroyed = new ReplaySubject<void>(1);
  private open = 0;

  constructor(
    private readonly hf: HfClientService,
    private readonly hub: HubTarget,
    private readonly inventory: InventoryService,
    private readonly history: MetricHistoryService,
    private readonly rollups: MetricRollupService,
  ) {}

  /** Upstream connections open now (for /metrics and the tests). */
  get openUpstreams(): number {
    return this.open;
  }

  /** The last sample of a Space that is listened to, for a viewer who joins the listeners already there. */
  lastFrame(spaceId: string): MetricFrame | null {
    return this.dispatchers.get(spaceId)?.last ?? null;
  }

  /**
   * Calls `listener` with each sample of one Space, and at once with the last one if the
   * Space is already watched; answers the function that stops it. Every listener gets the
   * same frame, its JSON made once however many viewers there are. If the upstream ends
   * for good (the Space stopped running, or the Hub refused it), the listener hears
   * nothing more until it listens again.
   */
  listen(spaceId: string, listener: MetricFrameListener): () => void {
    let dispatcher = this.dispatchers.get(spaceId);
    if (dispatcher) {
      if (dispatcher.last) listener(dispatcher.last);
      dispatcher.listeners.add(listener);
    } else {
      const created: Dispatcher = { listeners: new Set([listener]), last: null, subscription: null };
      dispatcher = created;
      this.dispatchers.set(spaceId, created);
      const ended = () => {
        if (this.dispatchers.get(spaceId) === created) this.dispatchers.delete(spaceId);
      };
      // Subscribed after the listener is in: the shared upstream may replay its last sample synchronously.
      created.subscription = this.upstream(spaceId).subscribe({
        next: (frame) => {
          created.last = frame;
          for (const each of created.listeners) each(frame);
        },
        error: ended,
        complete: ended,
      });
    }
    const owner = dispatcher;
    return () => {
      if (!owner.listeners.delete(listener) || owner.listeners.size > 0) return;
      // The last viewer left: the upstream's grace period starts (see share() below).
      owner.subscription?.unsubscribe();
      if (this.dispatchers.get(spaceId) === owner) this.dispatchers.delete(spaceId);
    };
  }

  private upstream(spaceId: string): Observable<MetricFrame> {
    const existing = this.upstreams.get(spaceId);
    if (existing) return existing;
    const upstream = defer(() => {
      this.open += 1;
      return this.hf.liveMetrics(spaceId, this.tokenFor(spaceId));
    }).pipe(
      map((event) => toSample(spaceId, event, Date.now())),
      tap((sample) => {
        this.history.record(sample);
        this.rollups.add(sample);
      }),
      map((sample): MetricFrame => ({ sample, json: JSON.stringify(sample) })),
      takeUntil(merge(this.stoppedRunning(spaceId), this.destroyed)),
      finalize(() => {
        this.open -= 1;
      }),
      share({
        connector: () => new ReplaySubject<MetricFrame>(1),
        resetOnError: true,
        resetOnComplete: true,
        // On shutdown the grace period is cut short, so no timer outlives the application.
        resetOnRefCountZero: () => race(timer(UPSTREAM_GRACE_MS), this.destroyed),
      }),
    );
    this.upstreams.set(spaceId, upstream);
    return upstream;
  }

  onModuleDestroy(): void {
    this.destroyed.next();
    this.destroyed.complete();
  }

  /** Fires once the inventory no longer lists the Space as live (see hasLiveMetrics). */
  private stoppedRunning(spaceId: string): Observable<unknown> {
    return this.inventory.snapshots$.pipe(
      filter(() => {
        const space = this.inventory.find(spaceId);
        return space === undefined || !hasLiveMetrics(space);
      }),
    );
  }

  private tokenFor(spaceId: string): string | null {
    return accountByName(this.hub.accounts, spaceId.split('/')[0])?.token ?? null;
  }
}
