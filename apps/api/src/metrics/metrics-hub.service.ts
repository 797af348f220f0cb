import { Injectable, OnModuleDestroy } from '@nestjs/common';
import { METRIC_STAGES, type MetricSample } from '@hfd/contracts';
import { Observable, ReplaySubject, defer, filter, finalize, map, merge, race, share, takeUntil, tap, timer } from 'rxjs';
import { HfClientService } from '../hf-client/hf-client.service';
import { HubTarget } from '../hub-target/hub-target';
import { InventoryService } from '../spaces/inventory.service';
import { MetricHistoryService } from './metric-history.service';
import { toSample } from './metric.mapper';

/** How long an upstream stays open after its last viewer left, so a reload does not reconnect. */
export const UPSTREAM_GRACE_MS = 5000;

/**
 * One upstream live-metrics connection per watched running Space, shared by every
 * viewer: opened by the first, closed a little after the last leaves, and closed as
 * soon as the Space stops running. A new viewer gets the last sample at once.
 * Reconnection with backoff happens inside HfClient.
 */
@Injectable()
export class MetricsHubService implements OnModuleDestroy {
  private readonly upstreams = new Map<string, Observable<MetricSample>>();
  /** Replays, so anything started after shutdown ends at once too. */
  private readonly destroyed = new ReplaySubject<void>(1);
  private open = 0;

  constructor(
    private readonly hf: HfClientService,
    private readonly hub: HubTarget,
    private readonly inventory: InventoryService,
    private readonly history: MetricHistoryService,
  ) {}

  /** Upstream connections open now (for /metrics and the tests). */
  get openUpstreams(): number {
    return this.open;
  }

  watch(spaceId: string): Observable<MetricSample> {
    const existing = this.upstreams.get(spaceId);
    if (existing) return existing;
    const upstream = defer(() => {
      this.open += 1;
      return this.hf.liveMetrics(spaceId, this.tokenFor(spaceId));
    }).pipe(
      map((event) => toSample(spaceId, event, Date.now())),
      tap((sample) => this.history.record(sample)),
      takeUntil(merge(this.stoppedRunning(spaceId), this.destroyed)),
      finalize(() => {
        this.open -= 1;
      }),
      share({
        connector: () => new ReplaySubject<MetricSample>(1),
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

  private stoppedRunning(spaceId: string): Observable<unknown> {
    return this.inventory.snapshots$.pipe(
      filter((snapshot) => {
        const space = snapshot.spaces.find((candidate) => candidate.id === spaceId);
        return !space?.runtime || !METRIC_STAGES.includes(space.runtime.stage);
      }),
    );
  }

  private tokenFor(spaceId: string): string | null {
    const owner = spaceId.split('/')[0].toLowerCase();
    return this.hub.accounts.find((account) => account.name.toLowerCase() === owner)?.token ?? null;
  }
}
