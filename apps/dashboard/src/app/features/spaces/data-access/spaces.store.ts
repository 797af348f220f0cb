import {
  DestroyRef,
  Injectable,
  Injector,
  computed,
  inject,
  signal,
  untracked,
  type Signal,
  type WritableSignal,
} from '@angular/core';
import {
  takeUntilDestroyed,
  toObservable,
  toSignal,
} from '@angular/core/rxjs-interop';
import { NavigationEnd, Router, type ParamMap } from '@angular/router';
import {
  METRIC_STAGES,
  hasLiveMetrics,
  type AccountStatus,
  type InventoryChangeEvent,
  type MetricSample,
  type SpaceAction,
  type SpaceRuntime,
  type SpaceStatusEvent,
  type SpaceSummary,
  type SpacesListResponse,
  type SpaceUptime,
} from '@hfd/contracts';
import {
  catchError,
  filter,
  finalize,
  map,
  merge,
  of,
  startWith,
  switchMap,
  tap,
  timer,
  type Observable,
} from 'rxjs';
import { toApiFailure, type ApiFailure } from '../../../core/api/api-failure';
import { SessionStore } from '../../../core/auth/session.store';
import { LanguageService } from '../../../core/i18n/language.service';
import { Notifier } from '../../../core/notify/notifier.service';
import { isInventory } from '../../../core/sse/stream-events';
import { StreamService } from '../../../core/sse/stream.service';
import { actionFailureMessage } from './action-failure-message';
import { applyInventoryChange, reconcileSpaces } from './inventory-merge';
import {
  filtersFromParams,
  filtersToParams,
  hasActiveFilters,
  type SortKey,
  type SpaceFilters,
} from './space-filters';
import {
  countOverview,
  filterSpaces,
  groupByAccount,
  sortSpaces,
  stageOf,
} from './space-view';
import { HistoryApiService } from './history-api.service';
import { SpacesApiService } from './spaces-api.service';

/** Sorting by live load re-ranks on this beat, not on every sample, so cards do not jump about. */
const RANK_INTERVAL_MS = 5000;
const LIVE_SORT_KEYS: readonly SortKey[] = ['cpu', 'memory', 'network'];
/** The cards' 24-hour strips and the uptime sort are read again this often (the bar's slots are 15 minutes). */
const UPTIME_INTERVAL_MS = 60_000;

export interface TrafficTotals {
  upload: number;
  download: number;
}

/**
 * The Spaces page's state: the inventory (from GET /spaces, then the stream), live metric
 * samples, and the filtered, sorted, grouped view, whose filters live in the URL.
 *
 * Metric samples are held one signal per Space, so a sample re-renders its own card and
 * nothing else; the inventory keeps unchanged Space objects, so cards keep their inputs.
 */
@Injectable()
export class SpacesStore {
  private readonly api = inject(SpacesApiService);
  private readonly historyApi = inject(HistoryApiService);
  private readonly stream = inject(StreamService);
  private readonly router = inject(Router);
  private readonly language = inject(LanguageService);
  private readonly session = inject(SessionStore);
  private readonly notifier = inject(Notifier);
  private readonly destroyRef = inject(DestroyRef);
  private readonly injector = inject(Injector);

  private readonly inventory = signal<SpacesListResponse | null>(null);
  private readonly spaceList = signal<SpaceSummary[]>([]);
  private readonly failure = signal<ApiFailure | null>(null);
  private readonly uptimeList = signal<ReadonlyMap<string, SpaceUptime>>(
    new Map(),
  );
  private readonly manualRefresh = signal(false);
  /** Bumped on every inventory applied, so an HTTP answer older than a stream event is dropped. */
  private inventoryVersion = 0;

  private readonly samples = new Map<
    string,
    WritableSignal<MetricSample | null>
  >();
  /** Bumped when the set of metric slots changes, for computations that read them all. */
  private readonly slotsVersion = signal(0);
  private readonly rankTick = signal(0);

  readonly spaces = this.spaceList.asReadonly();
  readonly accounts = computed(() => this.inventory()?.accounts ?? []);
  private readonly accountsByName = computed(
    () => new Map(this.accounts().map((account) => [account.name, account])),
  );
  readonly loaded = computed(() => this.inventory() !== null);
  readonly loadError = this.failure.asReadonly();
  readonly refreshing = computed(
    () => this.manualRefresh() || (this.inventory()?.refreshing ?? false),
  );
  readonly stale = computed(() => this.inventory()?.stale ?? false);
  readonly fetchedAt = computed(() => this.inventory()?.fetchedAt ?? null);
  /** Every account failed to reach the Hub: the page says so once instead of per account. */
  readonly hubUnreachable = computed(() => {
    const accounts = this.accounts();
    return (
      accounts.length > 0 &&
      accounts.every(
        (account) =>
          account.error?.kind === 'hub_unreachable' ||
          account.error?.kind === 'hub_error',
      )
    );
  });

  private readonly queryParams: Signal<ParamMap> = toSignal(
    this.router.events.pipe(
      filter((event) => event instanceof NavigationEnd),
      map(() => this.currentParams()),
    ),
    { initialValue: this.currentParams() },
  );
  readonly filters = computed<SpaceFilters>(() =>
    filtersFromParams(this.queryParams()),
  );
  readonly filtered = computed(() => hasActiveFilters(this.filters()));

  private readonly collator = computed(
    () =>
      new Intl.Collator(this.language.lang(), {
        numeric: true,
        sensitivity: 'base',
      }),
  );
  private readonly sorted = computed(() => {
    const { sort } = this.filters();
    const matching = filterSpaces(this.spaceList(), this.filters());
    if (sort.key === 'uptime') {
      const uptime = this.uptimeList();
      return sortSpaces(
        matching,
        sort,
        this.collator(),
        () => null,
        (id) => uptime.get(id)?.windows[0]?.ratio ?? null,
      );
    }
    if (!LIVE_SORT_KEYS.includes(sort.key)) {
      return sortSpaces(matching, sort, this.collator(), () => null);
    }
    this.rankTick();
    return untracked(() =>
      sortSpaces(
        matching,
        sort,
        this.collator(),
        (id) => this.samples.get(id)?.() ?? null,
      ),
    );
  });
  /** The Spaces that pass the filters, sorted, across all accounts. */
  readonly visible = this.sorted;
  readonly matchCount = computed(() => this.sorted().length);
  readonly groups = computed(() =>
    groupByAccount(
      this.sorted(),
      this.spaceList(),
      this.accounts(),
      this.filtered(),
    ),
  );
  readonly counts = computed(() =>
    countOverview(this.spaceList(), this.accounts()),
  );
  /**
   * Sum of the live upload and download rates of the running Spaces; null while Spaces that
   * will report load have not sent a first sample, so no one reads "0 B/s" as a real zero.
   */
  readonly totals = computed<TrafficTotals | null>(() => {
    this.slotsVersion();
    let upload = 0;
    let download = 0;
    let sampled = false;
    let expected = false;
    for (const space of this.spaceList()) {
      const sample = this.samples.get(space.id)?.();
      expected ||= hasLiveMetrics(space);
      if (sample) {
        sampled = true;
        upload += sample.txBps;
        download += sample.rxBps;
      }
    }
    return expected && !sampled ? null : { upload, download };
  });

  constructor() {
    const rank = setInterval(
      () => this.rankTick.update((tick) => tick + 1),
      RANK_INTERVAL_MS,
    );
    this.destroyRef.onDestroy(() => clearInterval(rank));
  }

  /** Loads the inventory and follows the stream until the page goes away. */
  connect(): void {
    // Every session change (login, logout, expiry) widens or narrows what may be seen.
    const session$ = toObservable(this.session.token, {
      injector: this.injector,
    });
    session$
      .pipe(
        switchMap(() => this.fetchInventory()),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
    session$
      .pipe(
        switchMap(() =>
          timer(UPTIME_INTERVAL_MS, UPTIME_INTERVAL_MS).pipe(
            startWith(0),
            switchMap(() =>
              this.historyApi.fleetUptime().pipe(catchError(() => of(null))),
            ),
          ),
        ),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((uptime) => {
        // Without history (an old server, a failed read) the cards simply show no strip.
        if (uptime)
          this.uptimeList.set(
            new Map(uptime.spaces.map((space) => [space.spaceId, space])),
          );
      });
    merge(
      this.stream.inventory$.pipe(
        tap((inventory) => this.applyInventory(inventory)),
      ),
      this.stream.inventoryChange$.pipe(
        tap((change) => this.applyChange(change)),
      ),
      this.stream.metric$.pipe(tap((sample) => this.applyMetric(sample))),
      this.stream.status$.pipe(tap((event) => this.applyStatus(event))),
    )
      .pipe(takeUntilDestroyed(this.destroyRef))
      .subscribe();
  }

  /** The refresh button: a logged-in operator makes the server re-read the Hub; a visitor re-fetches. */
  refresh(): void {
    if (this.manualRefresh()) return;
    this.manualRefresh.set(true);
    const load$ = this.session.loggedIn()
      ? this.rereadHub()
      : this.fetchInventory();
    load$
      .pipe(
        finalize(() => this.manualRefresh.set(false)),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe();
  }

  /**
   * The account as the latest inventory reports it (its live `canWrite` and error), or null
   * before the first inventory arrives.
   */
  accountStatus(name: string): AccountStatus | null {
    return this.accountsByName().get(name) ?? null;
  }

  setFilters(change: Partial<SpaceFilters>): void {
    void this.router.navigate([], {
      queryParams: filtersToParams(change),
      queryParamsHandling: 'merge',
      // Typing in the search box must not leave one history entry per keystroke.
      replaceUrl: 'query' in change,
    });
  }

  clearFilters(): void {
    this.setFilters({ status: 'all', account: null, query: '' });
  }

  /** One Space's 24-hour uptime and status bar, once read. */
  uptime(spaceId: string): SpaceUptime | null {
    return this.uptimeList().get(spaceId) ?? null;
  }

  /** The latest live sample of one Space; reading it ties a view to that Space alone. */
  metric(spaceId: string): Signal<MetricSample | null> {
    return this.slot(spaceId);
  }

  /** Runs an action; resolves to whether it was accepted. The stages that follow arrive on the stream. */
  runAction(space: SpaceSummary, action: SpaceAction): Observable<boolean> {
    return this.api.runAction(space.id, action).pipe(
      tap((response) => {
        this.applyRuntime(space.id, response.runtime);
        this.notifier.info(`actions.accepted.${action}`, { space: space.id });
      }),
      map(() => true),
      catchError((error: unknown) => {
        const message = actionFailureMessage(toApiFailure(error), space.id);
        if (message) this.notifier.error(message.key, message.params);
        return of(false);
      }),
    );
  }

  /**
   * POST /spaces/refresh answers the inventory it just read, so that answer is applied as is.
   * The list is fetched again only when the re-read failed (the session ended, the server
   * throttled it) or answered something that is not an inventory.
   */
  private rereadHub(): Observable<unknown> {
    const version = this.inventoryVersion;
    return this.api.refresh().pipe(
      catchError(() => of(null)),
      switchMap((answer: unknown) => {
        if (!isInventory(answer)) return this.fetchInventory();
        // A stream inventory applied meanwhile is at least as new as this answer.
        if (version === this.inventoryVersion) this.applyInventory(answer);
        return of(answer);
      }),
    );
  }

  private fetchInventory(): Observable<unknown> {
    const version = this.inventoryVersion;
    return this.api.list().pipe(
      tap((inventory) => {
        if (version === this.inventoryVersion) this.applyInventory(inventory);
      }),
      catchError((error: unknown) => {
        this.failure.set(toApiFailure(error));
        return of(null);
      }),
    );
  }

  private applyInventory(inventory: SpacesListResponse): void {
    this.inventoryVersion++;
    this.failure.set(null);
    this.inventory.set(inventory);
    const spaces = reconcileSpaces(this.spaceList(), inventory.spaces);
    this.spaceList.set(spaces);
    this.syncSlots(spaces);
  }

  /** A change applies to the inventory the stream sent whole on connecting, never before it. */
  private applyChange(change: InventoryChangeEvent): void {
    const current = this.inventory();
    if (current)
      this.applyInventory(
        applyInventoryChange({ ...current, spaces: this.spaceList() }, change),
      );
  }

  private applyMetric(sample: MetricSample): void {
    const slot = this.samples.get(sample.spaceId);
    if (slot) {
      slot.set(sample);
    } else if (this.spaceList().some((space) => space.id === sample.spaceId)) {
      this.samples.set(sample.spaceId, signal(sample));
      this.slotsVersion.update((version) => version + 1);
    }
  }

  /** A status event is a stage change the server saw begin at `event.at`. */
  private applyStatus(event: SpaceStatusEvent): void {
    this.applyRuntime(event.spaceId, event.runtime, event.at);
  }

  /**
   * An action's answer says nothing of since when: a changed stage is "since unknown" until
   * the status event (or the next inventory) brings the server's time.
   */
  private applyRuntime(
    spaceId: string,
    runtime: SpaceRuntime,
    since: string | null = null,
  ): void {
    this.spaceList.update((spaces) =>
      spaces.map((space) => {
        if (space.id !== spaceId) return space;
        const stageSince =
          since ??
          (space.runtime?.stage === runtime.stage ? space.stageSince : null);
        return { ...space, runtime, stageSince };
      }),
    );
    // A Space that stopped has no load; its last sample must not linger on the card or in the totals.
    if (!METRIC_STAGES.includes(runtime.stage))
      this.samples.get(spaceId)?.set(null);
  }

  /** One slot per known Space, made outside any render so views can read them freely. */
  private syncSlots(spaces: readonly SpaceSummary[]): void {
    const ids = new Set(spaces.map((space) => space.id));
    let changed = false;
    for (const id of [...this.samples.keys()]) {
      if (!ids.has(id)) {
        this.samples.delete(id);
        changed = true;
      }
    }
    for (const space of spaces) {
      const slot = this.samples.get(space.id);
      if (!slot) {
        this.samples.set(space.id, signal<MetricSample | null>(null));
        changed = true;
      } else if (!METRIC_STAGES.includes(stageOf(space))) {
        slot.set(null);
      }
    }
    if (changed) this.slotsVersion.update((version) => version + 1);
  }

  private slot(spaceId: string): WritableSignal<MetricSample | null> {
    let slot = this.samples.get(spaceId);
    if (!slot) {
      // Only reached for a Space the inventory does not list yet; its slot is counted when it is.
      slot = signal<MetricSample | null>(null);
      this.samples.set(spaceId, slot);
    }
    return slot;
  }

  private currentParams(): ParamMap {
    return this.router.routerState.snapshot.root.queryParamMap;
  }
}
