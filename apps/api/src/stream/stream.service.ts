import { Injectable, type OnModuleDestroy } from '@nestjs/common';
import { STREAM_EVENT, STREAM_HEARTBEAT_SECONDS, type SessionEndedEvent } from '@hfd/contracts';
import { Observable, Subscription } from 'rxjs';
import { IncidentAnnouncer } from '../history/incident-announcer.service';
import { StatusWatchService } from '../history/status-watch.service';
import { TransitionRecorder } from '../history/transition-recorder.service';
import type { Principal } from '../common/http/principal';
import { SessionEvents, ends } from '../people/session-events';
import { AppConfigService } from '../config/app-config.service';
import { InventoryViews } from '../spaces/inventory-views';
import { InventoryService } from '../spaces/inventory.service';
import { Visibility } from '../spaces/visibility';
import { MetricsHubService } from '../metrics/metrics-hub.service';
import { BatchInterner } from './batch-interner';
import { FlushClock } from './flush-clock';
import type { MetricPacing } from './metric-coalescer';
import { TurnScheduler } from './turn-scheduler';
import { HEARTBEAT_FRAME, sseFrame } from './sse-frame';
import { ViewGroup } from './view-group';
import { inView, viewOf, type View } from './view';
import { onceAt } from './once-at';
import { Viewer } from './viewer';

/** Samples that keep coming go out to a viewer at most once per this interval (see MetricCoalescer). */
const METRIC_FLUSH_INTERVAL_MS = 250;
/** A sample after this long without one starts a burst: the bursts of the Hub's streams are some 1 s apart, their samples a few ms. */
const METRIC_QUIET_MS = 100;
/** How long a burst's samples go out as they come: bursts are 50 to 150 ms wide, more on a busy machine. */
const METRIC_LEADING_WINDOW_MS = 250;
/** A viewer's bursts come about once a second (each Space sends about once a second), give or take. */
const METRIC_LEADING_WINDOW_SPACING_MS = 750;

/**
 * A stream that asks to watch (`watch=true`) and is narrowed to at most this many Spaces (the
 * dashboard's page of one Space) has their Hub status streams held while it lasts, so that no
 * stage change of a Space someone looks at is lost.
 */
export const MAX_STATUS_WATCHED_PER_VIEWER = 5;

type SharedEventType = typeof STREAM_EVENT.status | typeof STREAM_EVENT.history | typeof STREAM_EVENT.incident;

function sessionEnded(reason: SessionEndedEvent['reason']): Buffer {
  return sseFrame(STREAM_EVENT.sessionEnded, JSON.stringify({ reason } satisfies SessionEndedEvent));
}

/**
 * The viewers' live streams, as SSE frames (see sseFrame): the inventory each may see (whole
 * first, then its changes), the stage changes, transitions and incidents of those Spaces, the
 * metrics of those that run, and a heartbeat comment. The service follows each shared source
 * once; viewers of the same view form a ViewGroup that filters and encodes each event once
 * for all of them; each viewer only queues frames and coalesces samples (see Viewer). A few
 * `metric` events a second go to each viewer, each with the samples since the last, rather
 * than one per sample: every event costs a socket write per viewer, and with 1000 viewers of
 * 50 Spaces one event per sample saturated a core.
 */
@Injectable()
export class StreamService implements OnModuleDestroy {
  private readonly showPrivate: boolean;
  /** Every viewer's writes, in slices (see TurnScheduler). */
  private readonly turns = new TurnScheduler();
  private readonly pacing: MetricPacing = {
    clock: new FlushClock(METRIC_FLUSH_INTERVAL_MS, this.turns),
    quietMs: METRIC_QUIET_MS,
    leadingWindowMs: METRIC_LEADING_WINDOW_MS,
    leadingWindowSpacingMs: METRIC_LEADING_WINDOW_SPACING_MS,
    turns: this.turns,
    batches: new BatchInterner(),
  };
  private readonly groups = new Map<string, ViewGroup>();
  /** Viewers admitted as a session or key, which end when it does. */
  private readonly signedIn = new Set<Viewer>();
  private heartbeat: ReturnType<typeof setInterval> | null = null;
  private readonly sources = new Subscription();

  constructor(
    config: AppConfigService,
    private readonly inventory: InventoryService,
    private readonly views: InventoryViews,
    private readonly metrics: MetricsHubService,
    private readonly watches: StatusWatchService,
    recorder: TransitionRecorder,
    incidents: IncidentAnnouncer,
    sessions: SessionEvents,
  ) {
    this.showPrivate = config.get('SHOW_PRIVATE');
    this.sources.add(
      this.inventory.snapshots$.subscribe((snapshot) => {
        for (const group of this.groups.values()) group.onSnapshot(snapshot);
      }),
    );
    // Each event is encoded once, for every viewer it reaches.
    this.sources.add(this.inventory.statusChanges$.subscribe((event) => this.publish(STREAM_EVENT.status, event.spaceId, event)));
    this.sources.add(recorder.recorded$.subscribe((transition) => this.publish(STREAM_EVENT.history, transition.spaceId, transition)));
    this.sources.add(incidents.incidents$.subscribe((incident) => this.publish(STREAM_EVENT.incident, incident.spaceId, incident)));
    // When a session or key is logged out, revoked, expires, or its user is disabled, deleted or
    // given a new password, role or scope, its streams end at once, so no private Space reaches
    // a viewer that may no longer see it. The client reconnects as what it now is (a visitor).
    this.sources.add(
      sessions.ended$.subscribe((end) => {
        for (const viewer of this.signedIn) if (viewer.principal !== null && ends(end, viewer.principal)) viewer.end(sessionEnded(end.reason));
      }),
    );
  }

  get connectedViewers(): number {
    let viewers = 0;
    for (const group of this.groups.values()) viewers += group.viewers.size;
    return viewers;
  }

  onModuleDestroy(): void {
    this.sources.unsubscribe();
    if (this.heartbeat !== null) clearInterval(this.heartbeat);
    this.heartbeat = null;
  }

  /** `only` (lower-case ids) narrows the stream to some Spaces; `watch` holds their status streams (see MAX_STATUS_WATCHED_PER_VIEWER). */
  connect(principal: Principal | null, only: ReadonlySet<string> | null, watch = false): Observable<Buffer> {
    const fresh = viewOf(Visibility.of(principal, this.showPrivate), only);
    // The view of a group that already exists, so that a viewer keeps no copy of its own: a
    // view narrowed to 50 Spaces holds a key and a set of ids of some 4 KB.
    const view = this.groups.get(fresh.key)?.view ?? fresh;
    const watching = watch && only !== null && only.size <= MAX_STATUS_WATCHED_PER_VIEWER;
    return new Observable<Buffer>((subscriber) => {
      const viewer = new Viewer(subscriber, this.pacing, principal);
      const group = this.join(viewer, view);
      const releases = watching ? this.watchAll(view) : [];
      const expiry = principal?.expiresAt == null ? null : onceAt(principal.expiresAt, () => viewer.end(sessionEnded('expired')));
      return () => {
        expiry?.();
        releases.forEach((release) => release());
        this.leave(viewer, group);
      };
    });
  }

  private join(viewer: Viewer, view: View): ViewGroup {
    let group = this.groups.get(view.key);
    if (group === undefined) {
      group = new ViewGroup(view, this.inventory.current, this.views, this.metrics);
      this.groups.set(view.key, group);
    }
    group.join(viewer, this.inventory.current);
    if (viewer.principal !== null) this.signedIn.add(viewer);
    this.heartbeat ??= setInterval(() => {
      for (const each of this.groups.values()) for (const member of each.viewers) member.send(HEARTBEAT_FRAME);
    }, STREAM_HEARTBEAT_SECONDS * 1000);
    return group;
  }

  private leave(viewer: Viewer, group: ViewGroup): void {
    viewer.close();
    this.signedIn.delete(viewer);
    // A group is dropped only once empty, so the one under its key is this one.
    if (group.leave(viewer)) {
      group.close();
      this.groups.delete(group.view.key);
    }
    if (this.groups.size === 0 && this.heartbeat !== null) {
      clearInterval(this.heartbeat);
      this.heartbeat = null;
    }
  }

  /** Only Spaces in the inventory the viewer may see: a visitor cannot make us open streams to anything else. */
  private watchAll(view: View): Array<() => void> {
    return this.inventory.current.spaces.filter((space) => inView(view, space)).map((space) => this.watches.watch(space.id, 'viewer'));
  }

  /** An event of one Space to the groups that see it, encoded once if any does. */
  private publish(type: SharedEventType, spaceId: string, event: object): void {
    const space = this.groups.size === 0 ? undefined : this.inventory.find(spaceId);
    if (space === undefined) return;
    let frame: Buffer | null = null;
    for (const group of this.groups.values()) {
      if (!group.sees(space)) continue;
      frame ??= sseFrame(type, JSON.stringify(event));
      group.send(frame);
    }
  }
}
