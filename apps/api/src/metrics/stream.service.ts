import { Injectable, type MessageEvent } from '@nestjs/common';
import { METRIC_STAGES, STREAM_EVENT, STREAM_HEARTBEAT_SECONDS, type SpaceStatusEvent, type SpaceSummary } from '@hfd/contracts';
import { Observable, defer, distinctUntilChanged, filter, finalize, interval, map, merge } from 'rxjs';
import type { Principal } from '../common/http/principal';
import { AppConfigService } from '../config/app-config.service';
import { InventoryViews } from '../spaces/inventory-views';
import { InventoryService } from '../spaces/inventory.service';
import type { InventorySnapshot } from '../spaces/inventory.types';
import { isVisible, maySeePrivate } from '../spaces/visibility';
import { MetricsHubService } from './metrics-hub.service';

/** How long one inventory event may be reused for viewers that connect later: the precision of its `ageMs`. */
const SHARED_INVENTORY_MS = 1000;

/** Static Spaces are served as files: they run no container and have no live metrics. */
function hasLiveMetrics(space: SpaceSummary): boolean {
  return space.sdk !== 'static' && space.runtime !== null && METRIC_STAGES.includes(space.runtime.stage);
}

function sameKeys(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a.size === b.size && [...a].every((key) => b.has(key));
}

/**
 * One viewer's live stream: the inventory it may see (first, then on each change), the
 * stage changes of those Spaces, the metrics of those that run, and a heartbeat comment.
 * Everything comes from shared sources; per viewer there is only filtering.
 */
@Injectable()
export class StreamService {
  private readonly showPrivate: boolean;
  private viewers = 0;
  /** The inventory event last made for each visibility (see inventoryEvent). */
  private readonly sharedInventory = new Map<boolean, { version: number; stale: boolean; at: number; event: MessageEvent }>();
  private readonly statusEvents = new WeakMap<SpaceStatusEvent, MessageEvent>();

  constructor(
    config: AppConfigService,
    private readonly inventory: InventoryService,
    private readonly views: InventoryViews,
    private readonly metrics: MetricsHubService,
  ) {
    this.showPrivate = config.get('SHOW_PRIVATE');
  }

  get connectedViewers(): number {
    return this.viewers;
  }

  /**
   * The metric events of the Spaces in the latest key set: Spaces that appear are listened
   * to, Spaces that disappear are dropped, Spaces that stay are left alone. One callback
   * per viewer, registered with each Space's dispatcher (see MetricsHubService.listen), and
   * the events are shared, already serialized: nothing per viewer per event but the write.
   * A Space whose metrics cannot be read (static, gone) just sends nothing.
   */
  private listenToEach(keys$: Observable<ReadonlySet<string>>): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const listener = (event: Readonly<MessageEvent>) => subscriber.next(event);
      const stops = new Map<string, () => void>();
      const keys = keys$.subscribe({
        next: (wanted) => {
          for (const [spaceId, stop] of stops) {
            if (!wanted.has(spaceId)) {
              stop();
              stops.delete(spaceId);
            }
          }
          for (const spaceId of wanted) if (!stops.has(spaceId)) stops.set(spaceId, this.metrics.listen(spaceId, listener));
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        keys.unsubscribe();
        for (const stop of stops.values()) stop();
        stops.clear();
      };
    });
  }

  /** `only` (lower-case ids) narrows the stream to some Spaces. */
  connect(principal: Principal | null, only: ReadonlySet<string> | null): Observable<MessageEvent> {
    const seesPrivate = maySeePrivate(principal, this.showPrivate);
    const wanted = (space: { id: string; private: boolean }) => isVisible(space, seesPrivate) && (!only || only.has(space.id.toLowerCase()));

    const inventory$ = this.inventory.snapshots$.pipe(
      distinctUntilChanged((a, b) => a.contentVersion === b.contentVersion && this.views.isStale(a) === this.views.isStale(b)),
      map((snapshot) => this.inventoryEvent(snapshot, seesPrivate, only)),
    );

    const status$ = this.inventory.statusChanges$.pipe(
      filter((event) => {
        const space = this.inventory.find(event.spaceId);
        return space !== undefined && wanted(space);
      }),
      map((event) => this.statusEvent(event)),
    );

    const metric$ = this.inventory.snapshots$.pipe(
      map(
        (snapshot) =>
          new Set(
            snapshot.spaces
              .filter((space) => wanted(space) && hasLiveMetrics(space))
              .map((space) => space.id),
          ) as ReadonlySet<string>,
      ),
      distinctUntilChanged(sameKeys),
      (keys$) => this.listenToEach(keys$),
    );

    // A comment-only event: proxies see traffic, EventSource clients see no message.
    const heartbeat$ = interval(STREAM_HEARTBEAT_SECONDS * 1000).pipe(map(() => ({ comment: 'heartbeat' }) as MessageEvent));

    return defer(() => {
      this.viewers += 1;
      return merge(inventory$, status$, metric$, heartbeat$).pipe(
        finalize(() => {
          this.viewers -= 1;
        }),
      );
    });
  }

  /**
   * The inventory event for a viewer. Viewers of the whole inventory with the same
   * visibility get one shared event object per inventory state, so SseWriter formats it
   * once: per viewer, a 200-Space inventory is some 70 KB of JSON, and 1000 viewers each
   * serialising their own copy at every change took hundreds of MB at once (a heap capped
   * at 256 MB ran out). An event is reused for at most a second, so `ageMs` stays that exact
   * for viewers who connect later. Narrowed viewers (`?spaces=`) get their own.
   */
  private inventoryEvent(snapshot: InventorySnapshot, seesPrivate: boolean, only: ReadonlySet<string> | null): MessageEvent {
    if (only !== null) return { type: STREAM_EVENT.inventory, data: this.views.list(snapshot, seesPrivate, only) };
    const now = Date.now();
    const stale = this.views.isStale(snapshot, now);
    const shared = this.sharedInventory.get(seesPrivate);
    if (shared && shared.version === snapshot.version && shared.stale === stale && now - shared.at < SHARED_INVENTORY_MS) return shared.event;
    const event: MessageEvent = { type: STREAM_EVENT.inventory, data: this.views.list(snapshot, seesPrivate) };
    this.sharedInventory.set(seesPrivate, { version: snapshot.version, stale, at: now, event });
    return event;
  }

  /** One event object per status change, shared by every viewer it reaches (see inventoryEvent). */
  private statusEvent(change: SpaceStatusEvent): MessageEvent {
    let event = this.statusEvents.get(change);
    if (event === undefined) {
      event = { type: STREAM_EVENT.status, data: change };
      this.statusEvents.set(change, event);
    }
    return event;
  }
}
