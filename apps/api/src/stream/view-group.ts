import { STREAM_EVENT, hasLiveMetrics } from '@hfd/contracts';
import type { MetricFrame, MetricsHubService } from '../metrics/metrics-hub.service';
import type { InventoryViews } from '../spaces/inventory-views';
import type { InventorySnapshot } from '../spaces/inventory.types';
import { sseFrame } from './sse-frame';
import { inView, type View } from './view';
import type { Viewer } from './viewer';

/** How long one inventory event may be reused for viewers that connect later: the precision of its `ageMs`. */
const SHARED_INVENTORY_MS = 1000;

function sameKeys(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a === b || (a.size === b.size && [...a].every((key) => b.has(key)));
}

/**
 * The viewers of one view (the whole inventory of a visibility, or the same few Spaces): all
 * see the same events, so each is filtered and encoded here once, not once per viewer, and
 * the group listens to each live Space's metrics once and hands the samples to every viewer.
 * Every viewer of the group holds the same inventory state (the one last sent, see
 * `onSnapshot`), so the change to the next one is the same for all.
 */
export class ViewGroup {
  readonly viewers = new Set<Viewer>();
  /** The inventory state this group's viewers were sent last. */
  private sent: InventorySnapshot;
  private sentStale: boolean;
  private shared: { version: number; stale: boolean; at: number; frame: Buffer } | null = null;
  /** The Spaces whose metrics the viewers get, and how to stop listening to each. */
  private live: ReadonlySet<string> = new Set();
  private readonly stops = new Map<string, () => void>();
  private readonly dispatch = (frame: MetricFrame): void => {
    for (const viewer of this.viewers) viewer.metric(frame);
  };

  constructor(
    readonly view: View,
    snapshot: InventorySnapshot,
    private readonly views: InventoryViews,
    private readonly metrics: MetricsHubService,
  ) {
    this.sent = snapshot;
    this.sentStale = views.isStale(snapshot);
    this.follow(snapshot);
  }

  /** A new viewer: the whole inventory first, then the last sample of every live Space. */
  join(viewer: Viewer, snapshot: InventorySnapshot): void {
    viewer.send(this.inventoryFrame(snapshot));
    this.viewers.add(viewer);
    for (const spaceId of this.live) {
      const last = this.metrics.lastFrame(spaceId);
      if (last !== null) viewer.metric(last);
    }
  }

  /** Answers whether the group is now empty (and should be closed). */
  leave(viewer: Viewer): boolean {
    this.viewers.delete(viewer);
    return this.viewers.size === 0;
  }

  /**
   * Each inventory state: what changed goes to every viewer (only when the content or its
   * staleness changed since the state they hold), then the metrics follow the live Spaces.
   */
  onSnapshot(snapshot: InventorySnapshot): void {
    const stale = this.views.isStale(snapshot);
    if (snapshot.contentVersion !== this.sent.contentVersion || stale !== this.sentStale) {
      if (this.viewers.size > 0) {
        const change = this.views.change(this.sent, snapshot, this.view.visibility, this.view.only ?? undefined);
        const frame = sseFrame(STREAM_EVENT.inventoryChange, JSON.stringify(change));
        for (const viewer of this.viewers) viewer.send(frame);
      }
      this.sent = snapshot;
      this.sentStale = stale;
    }
    this.follow(snapshot);
  }

  sees(space: { id: string; private: boolean }): boolean {
    return inView(this.view, space);
  }

  /** A stage change, transition or incident to every viewer (see StreamService.publish). */
  send(frame: Buffer): void {
    for (const viewer of this.viewers) viewer.send(frame);
  }

  close(): void {
    for (const stop of this.stops.values()) stop();
    this.stops.clear();
  }

  /**
   * The inventory event for a viewer who joins. It is reused for at most a second, so `ageMs`
   * stays that exact for viewers who connect later.
   */
  private inventoryFrame(snapshot: InventorySnapshot): Buffer {
    const now = Date.now();
    const stale = this.views.isStale(snapshot, now);
    const shared = this.shared;
    if (shared && shared.version === snapshot.version && shared.stale === stale && now - shared.at < SHARED_INVENTORY_MS) return shared.frame;
    const frame = sseFrame(STREAM_EVENT.inventory, JSON.stringify(this.views.list(snapshot, this.view.visibility, this.view.only ?? undefined)));
    this.shared = { version: snapshot.version, stale, at: now, frame };
    return frame;
  }

  /**
   * Listens to the Spaces of this state that have live metrics: those that appear are
   * listened to (and their last sample goes to every viewer), those that go are dropped,
   * those that stay are left alone (see MetricsHubService.listen). A Space whose metrics
   * cannot be read (static, gone) just sends nothing.
   */
  private follow(snapshot: InventorySnapshot): void {
    const live = new Set(snapshot.spaces.filter((space) => inView(this.view, space) && hasLiveMetrics(space)).map((space) => space.id));
    if (sameKeys(live, this.live)) return;
    this.live = live;
    for (const [spaceId, stop] of this.stops) {
      if (!live.has(spaceId)) {
        stop();
        this.stops.delete(spaceId);
      }
    }
    for (const spaceId of live) if (!this.stops.has(spaceId)) this.stops.set(spaceId, this.metrics.listen(spaceId, this.dispatch));
  }
}
