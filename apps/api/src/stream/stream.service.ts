import { Injectable, type MessageEvent } from '@nestjs/common';
import { STREAM_EVENT, STREAM_HEARTBEAT_SECONDS, hasLiveMetrics, type SessionEndedEvent } from '@hfd/contracts';
import { EMPTY, NEVER, Observable, defer, distinctUntilChanged, filter, finalize, interval, map, merge, switchMap, take, timer } from 'rxjs';
import { IncidentAnnouncer } from '../history/incident-announcer.service';
import { StatusWatchService } from '../history/status-watch.service';
import { TransitionRecorder } from '../history/transition-recorder.service';
import type { Principal } from '../common/http/principal';
import { SessionEvents, ends } from '../people/session-events';
import { AppConfigService } from '../config/app-config.service';
import { InventoryViews } from '../spaces/inventory-views';
import { InventoryService } from '../spaces/inventory.service';
import type { InventorySnapshot } from '../spaces/inventory.types';
import { Visibility } from '../spaces/visibility';
import { MetricsHubService, type MetricFrame } from '../metrics/metrics-hub.service';
import { BatchInterner } from './batch-interner';
import { FlushClock } from './flush-clock';
import { MetricCoalescer, type MetricPacing } from './metric-coalescer';
import { TurnScheduler, inTurns } from './turn-scheduler';

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

/** How long one inventory event may be reused for viewers that connect later: the precision of its `ageMs`. */
const SHARED_INVENTORY_MS = 1000;

/**
 * Views whose encodings are kept (a visibility, narrowed or not by `?spaces=`): the least
 * recently made goes first. Viewers narrowed to the same Spaces (a Space's page, a script)
 * share their encodings as viewers of the whole inventory do; a flood of distinct lists
 * cannot make this grow.
 */
const MAX_SHARED_VIEWS = 64;

/** Sets `key` as the newest entry of `map`, dropping the oldest beyond MAX_SHARED_VIEWS. */
function remember<V>(map: Map<string, V>, key: string, value: V): void {
  map.delete(key);
  map.set(key, value);
  if (map.size > MAX_SHARED_VIEWS) map.delete(map.keys().next().value as string);
}

/** What one viewer sees: a visibility, narrowed or not to some Spaces, and a key that names it. */
interface View {
  visibility: Visibility;
  /** Lower-case ids, or null for the whole inventory. */
  only: ReadonlySet<string> | null;
  key: string;
}

function viewOf(visibility: Visibility, only: ReadonlySet<string> | null): View {
  return { visibility, only, key: only === null ? visibility.key : `${visibility.key}|${[...only].sort().join(',')}` };
}

/** Whether a Space is in a view: visible to it, and among its Spaces when it is narrowed. */
function inView(view: View, space: { id: string; private: boolean }): boolean {
  return view.visibility.sees(space) && (view.only === null || view.only.has(space.id.toLowerCase()));
}

/** setTimeout's longest delay; SESSION_TTL may be longer (up to a year). */
const LONGEST_TIMER_MS = 2 ** 31 - 1;

/** Emits once at `time` (epoch ms), however far away it is. */
function at(time: number): Observable<void> {
  return defer(() => {
    const delay = Math.max(0, time - Date.now());
    return delay <= LONGEST_TIMER_MS ? timer(delay).pipe(map(() => undefined)) : timer(LONGEST_TIMER_MS).pipe(switchMap(() => at(time)));
  });
}

function sameKeys(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  return a === b || (a.size === b.size && [...a].every((key) => b.has(key)));
}

/**
 * One viewer's live stream: the inventory it may see (whole first, then its changes), the
 * stage changes of those Spaces, the metrics of those that run, and a heartbeat comment.
 * Everything comes from shared sources, encoded once; per viewer there is only filtering,
 * and a few `metric` events a second, each with the samples since the last, rather than one
 * per sample: Nest's @Sse pipeline costs a promise, a stream hop and a socket write per event
 * per client, and with 1000 viewers of 50 Spaces one event per sample saturated a core.
 */
@Injectable()
export class StreamService {
  private readonly showPrivate: boolean;
  private viewers = 0;
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
  /** The inventory JSON last made for each view (see inventoryJson). */
  private readonly sharedInventory = new Map<string, { version: number; stale: boolean; at: number; json: string }>();
  private readonly sharedChange = new Map<string, { key: string; json: string }>();
  /** The live Spaces of each inventory state per view (see liveSpaces). */
  private readonly sharedLive = new WeakMap<InventorySnapshot, Map<string, ReadonlySet<string>>>();
  /** The last live set per view, handed out again while its content is unchanged. */
  private readonly lastLive = new Map<string, ReadonlySet<string>>();
  /** Each status change, transition and incident encoded once, for every viewer it reaches. */
  private readonly eventJson = new WeakMap<object, string>();

  constructor(
    config: AppConfigService,
    private readonly inventory: InventoryService,
    private readonly views: InventoryViews,
    private readonly metrics: MetricsHubService,
    private readonly watches: StatusWatchService,
    private readonly recorder: TransitionRecorder,
    private readonly incidents: IncidentAnnouncer,
    private readonly sessions: SessionEvents,
  ) {
    this.showPrivate = config.get('SHOW_PRIVATE');
  }

  get connectedViewers(): number {
    return this.viewers;
  }

  /** `only` (lower-case ids) narrows the stream to some Spaces; `watch` holds their status streams (see MAX_STATUS_WATCHED_PER_VIEWER). */
  connect(principal: Principal | null, only: ReadonlySet<string> | null, watch = false): Observable<MessageEvent> {
    const visibility = Visibility.of(principal, this.showPrivate);
    const view = viewOf(visibility, only);
    const wanted = (space: { id: string; private: boolean }) => inView(view, space);

    // Nest numbers each event it writes (`id`), so every viewer gets event objects of its own;
    // only the JSON inside them is shared. The whole inventory goes once, on connection; then
    // only what changed: with 1000 viewers, a 70 KB inventory to each at every change held
    // 70 MB of frames at once (Nest formats each connection's copy).
    const inventory$ = defer(() => {
      let sent: InventorySnapshot | null = null;
      return this.inventory.snapshots$.pipe(
        distinctUntilChanged((a, b) => a.contentVersion === b.contentVersion && this.views.isStale(a) === this.views.isStale(b)),
        map((snapshot): MessageEvent => {
          const event =
            sent === null
              ? { type: STREAM_EVENT.inventory, data: this.inventoryJson(snapshot, view) }
              : { type: STREAM_EVENT.inventoryChange, data: this.changeJson(sent, snapshot, view) };
          sent = snapshot;
          return event;
        }),
      );
    });

    const status$ = this.inventory.statusChanges$.pipe(
      filter((event) => {
        const space = this.inventory.find(event.spaceId);
        return space !== undefined && wanted(space);
      }),
      map((event): MessageEvent => ({ type: STREAM_EVENT.status, data: this.encodeOnce(event) })),
    );

    const metric$ = this.inventory.snapshots$.pipe(
      map((snapshot) => this.liveSpaces(snapshot, view)),
      distinctUntilChanged(sameKeys),
      (keys$) => this.metricBatches(keys$),
    );

    const history$ = this.recorder.recorded$.pipe(
      filter((transition) => {
        const space = this.inventory.find(transition.spaceId);
        return space !== undefined && wanted(space);
      }),
      map((transition): MessageEvent => ({ type: STREAM_EVENT.history, data: this.encodeOnce(transition) })),
    );

    const incident$ = this.incidents.incidents$.pipe(
      filter((incident) => {
        const space = this.inventory.find(incident.spaceId);
        return space !== undefined && wanted(space);
      }),
      map((incident): MessageEvent => ({ type: STREAM_EVENT.incident, data: this.encodeOnce(incident) })),
    );

    // Only Spaces in the inventory the viewer may see: a visitor cannot make us open streams to anything else.
    const watch$ =
      watch && only !== null && only.size <= MAX_STATUS_WATCHED_PER_VIEWER
        ? new Observable<MessageEvent>(() => {
            const releases = this.inventory.current.spaces.filter(wanted).map((space) => this.watches.watch(space.id, 'viewer'));
            return () => releases.forEach((release) => release());
          })
        : EMPTY;

    // A comment-only event: proxies see traffic, EventSource clients see no message.
    const heartbeat$ = interval(STREAM_HEARTBEAT_SECONDS * 1000).pipe(map((): MessageEvent => ({ comment: 'heartbeat' }) as MessageEvent));

    const events$ = defer(() => {
      this.viewers += 1;
      // The shared sources' events go out in turns, like the metrics: see TurnScheduler.
      const shared$ = merge(inventory$, status$, history$, incident$).pipe(inTurns(this.turns));
      return merge(shared$, metric$, watch$, heartbeat$).pipe(
        finalize(() => {
          this.viewers -= 1;
        }),
      );
    });
    return principal === null ? events$ : this.untilEnded(events$, principal);
  }

  /**
   * The stream of a session or key, for as long as it is valid: when it is logged out, revoked,
   * expires, or its user is disabled, deleted or given a new password, role or scope, a
   * `session-ended` event goes out and the stream closes at once, so no private Space reaches
   * a viewer that may no longer see it. The client reconnects as what it now is (a visitor).
   */
  private untilEnded(events$: Observable<MessageEvent>, principal: Principal): Observable<MessageEvent> {
    const ended$: Observable<SessionEndedEvent['reason']> = merge(
      this.sessions.ended$.pipe(
        filter((end) => ends(end, principal)),
        map((end) => end.reason),
      ),
      principal.expiresAt === null ? NEVER : at(principal.expiresAt).pipe(map((): SessionEndedEvent['reason'] => 'expired')),
    ).pipe(take(1));
    return new Observable<MessageEvent>((subscriber) => {
      // An observer of its own, not `subscriber`: given a Subscriber, subscribe answers that very
      // subscriber, and unsubscribing it would end the stream before the last event is written.
      const events = events$.subscribe({
        next: (event) => subscriber.next(event),
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      const end = ended$.subscribe((reason) => {
        events.unsubscribe();
        subscriber.next({ type: STREAM_EVENT.sessionEnded, data: JSON.stringify({ reason } satisfies SessionEndedEvent) });
        subscriber.complete();
      });
      return () => {
        end.unsubscribe();
        events.unsubscribe();
      };
    });
  }

  /**
   * The `metric` events of the Spaces in the latest key set: Spaces that appear are listened
   * to, Spaces that disappear are dropped, Spaces that stay are left alone (see
   * MetricsHubService.listen). The samples go out coalesced (see MetricCoalescer), each
   * event a JSON array made by joining the samples' shared JSON. A Space whose metrics
   * cannot be read (static, gone) just sends nothing.
   */
  private metricBatches(keys$: Observable<ReadonlySet<string>>): Observable<MessageEvent> {
    return new Observable<MessageEvent>((subscriber) => {
      const coalescer = new MetricCoalescer(this.pacing, (json) => subscriber.next({ type: STREAM_EVENT.metric, data: json }));
      const listener = (frame: MetricFrame) => coalescer.add(frame);
      const stops = new Map<string, () => void>();
      const keys = keys$.subscribe({
        next: (spaces) => {
          for (const [spaceId, stop] of stops) {
            if (!spaces.has(spaceId)) {
              stop();
              stops.delete(spaceId);
            }
          }
          for (const spaceId of spaces) if (!stops.has(spaceId)) stops.set(spaceId, this.metrics.listen(spaceId, listener));
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => subscriber.complete(),
      });
      return () => {
        keys.unsubscribe();
        coalescer.stop();
        for (const stop of stops.values()) stop();
        stops.clear();
      };
    });
  }

  /**
   * The ids of the Spaces whose metrics a viewer gets. Viewers of the same view share one set
   * per inventory state, and the same set object while its content stays the same, so a
   * viewer's check for a change is one comparison: a CPU profile of the load test found each
   * of 1000 viewers filtering 200 Spaces at every publish of a refresh.
   */
  private liveSpaces(snapshot: InventorySnapshot, view: View): ReadonlySet<string> {
    let byView = this.sharedLive.get(snapshot);
    if (byView === undefined) {
      byView = new Map();
      this.sharedLive.set(snapshot, byView);
    }
    let live = byView.get(view.key);
    if (live === undefined) {
      const fresh = new Set(snapshot.spaces.filter((space) => inView(view, space) && hasLiveMetrics(space)).map((space) => space.id));
      const last = this.lastLive.get(view.key);
      live = last !== undefined && sameKeys(last, fresh) ? last : fresh;
      remember(this.lastLive, view.key, live);
      byView.set(view.key, live);
    }
    return live;
  }

  /**
   * The inventory JSON for a viewer. Viewers of the same view share one encoding per inventory
   * state: per viewer, a 200-Space inventory is some 70 KB of JSON, and 1000 viewers each
   * encoding their own copy at every change took hundreds of MB at once. It is reused for at
   * most a second, so `ageMs` stays that exact for viewers who connect later.
   */
  private inventoryJson(snapshot: InventorySnapshot, view: View): string {
    const now = Date.now();
    const stale = this.views.isStale(snapshot, now);
    const shared = this.sharedInventory.get(view.key);
    if (shared && shared.version === snapshot.version && shared.stale === stale && now - shared.at < SHARED_INVENTORY_MS) return shared.json;
    const json = JSON.stringify(this.views.list(snapshot, view.visibility, view.only ?? undefined));
    remember(this.sharedInventory, view.key, { version: snapshot.version, stale, at: now, json });
    return json;
  }

  /**
   * The change from one inventory state to the next, encoded once for every viewer of the
   * same view: viewers were sent states of the same content (the same `contentVersion`), so
   * the change to the new state is the same for all.
   */
  private changeJson(from: InventorySnapshot, to: InventorySnapshot, view: View): string {
    const key = `${from.contentVersion}>${to.version}`;
    const shared = this.sharedChange.get(view.key);
    if (shared?.key === key) return shared.json;
    const json = JSON.stringify(this.views.change(from, to, view.visibility, view.only ?? undefined));
    remember(this.sharedChange, view.key, { key, json });
    return json;
  }

  /**
   * One encoding per event, shared by every viewer it reaches: the sources hand the same object
   * to each subscriber, so a stage change seen by 1000 viewers is serialised once, not 1000 times.
   */
  private encodeOnce(event: object): string {
    let json = this.eventJson.get(event);
    if (json === undefined) {
      json = JSON.stringify(event);
      this.eventJson.set(event, json);
    }
    return json;
  }
}
