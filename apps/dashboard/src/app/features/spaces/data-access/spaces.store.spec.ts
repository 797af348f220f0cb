import { HttpTestingController } from '@angular/common/http/testing';
import { Component, computed, signal } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import {
  API_ROUTES,
  ERROR_CODES,
  type InventoryChangeEvent,
  type MetricSample,
  type RuntimeStage,
  type SpaceRuntime,
  type SpaceStatusEvent,
  type SpacesListResponse,
} from '@hfd/contracts';
import { Subject } from 'rxjs';
import { makeAccount, makeSample, makeSpace } from '../../../../testing/fixtures';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { Notifier } from '../../../core/notify/notifier.service';
import { StreamService } from '../../../core/sse/stream.service';
import { STORAGE_KEYS } from '../../../core/storage/browser-storage';
import { SpacesStore } from './spaces.store';

@Component({ template: '' })
class BlankComponent {}

/** Lets a router navigation finish. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve));

function inventory(spaces = defaultSpaces(), overrides: Partial<SpacesListResponse> = {}): SpacesListResponse {
  return {
    spaces,
    accounts: [makeAccount('alice'), makeAccount('bob')],
    fetchedAt: '2025-06-01T00:00:00.000Z',
    ageMs: 1000,
    stale: false,
    refreshing: false,
    generatedAt: '2025-06-01T00:00:01.000Z',
    ...overrides,
  };
}

/** A runtime in the given stage, as status events and action answers carry it. */
function runtime(stage: RuntimeStage): SpaceRuntime {
  const space = makeSpace('x/y', stage);
  if (!space.runtime) throw new Error('fixture without runtime');
  return space.runtime;
}

function defaultSpaces() {
  return [
    makeSpace('alice/whisper', 'RUNNING', { title: 'Whisper' }),
    makeSpace('alice/bot', 'RUNTIME_ERROR', { title: 'Bot' }),
    makeSpace('bob/arena', 'RUNNING', { title: 'Arena' }),
  ];
}

describe('SpacesStore', () => {
  let store: SpacesStore;
  let backend: HttpTestingController;
  let router: Router;
  let notifier: { info: jest.Mock; error: jest.Mock };
  const stream = {
    inventory$: new Subject<SpacesListResponse>(),
    inventoryChange$: new Subject<InventoryChangeEvent>(),
    metric$: new Subject<MetricSample>(),
    status$: new Subject<SpaceStatusEvent>(),
    connection: signal('live'),
  };

  function setUp(): void {
    notifier = { info: jest.fn(), error: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        ...provideTestDefaults(),
        provideRouter([{ path: '', component: BlankComponent }]),
        { provide: Notifier, useValue: notifier },
        { provide: StreamService, useValue: stream },
        SpacesStore,
      ],
    });
    store = TestBed.inject(SpacesStore);
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  }

  /** Connects, and answers the first GET /spaces. */
  function connect(list = inventory()): void {
    store.connect();
    TestBed.tick();
    backend.expectOne(API_ROUTES.spaces).flush(list);
  }

  beforeEach(() => {
    localStorage.clear();
    stream.inventory$ = new Subject();
    stream.inventoryChange$ = new Subject();
    stream.metric$ = new Subject();
    stream.status$ = new Subject();
  });

  afterEach(() => {
    // The cards' uptime is read in the background; its own test answers it.
    backend.match((request) => request.url === API_ROUTES.uptime);
    backend.verify();
  });

  describe('inventory', () => {
    beforeEach(setUp);

    it('loads the Spaces, then follows the inventory on the stream', () => {
      connect();
      expect(store.loaded()).toBe(true);
      expect(store.spaces().map((space) => space.id)).toEqual(['alice/whisper', 'alice/bot', 'bob/arena']);

      stream.inventory$.next(inventory([makeSpace('alice/whisper')]));
      expect(store.spaces().map((space) => space.id)).toEqual(['alice/whisper']);
    });

    it('keeps unchanged Space objects across inventories, so their cards are not re-rendered', () => {
      connect();
      const [whisper, bot] = store.spaces();
      const next = defaultSpaces();
      next[1] = makeSpace('alice/bot', 'BUILDING', { title: 'Bot' });
      stream.inventory$.next(inventory(next));
      expect(store.spaces()[0]).toBe(whisper);
      expect(store.spaces()[1]).not.toBe(bot);
    });

    it('applies a change event: changed Spaces replaced, removed ones gone, unchanged objects kept', () => {
      connect();
      const [whisper] = store.spaces();
      const { spaces: _unused, ...rest } = inventory();
      stream.inventoryChange$.next({ ...rest, changed: [makeSpace('alice/bot', 'PAUSED'), makeSpace('carol/new')], removed: ['bob/arena'] });
      expect(store.spaces().map((space) => [space.id, space.runtime?.stage])).toEqual([
        ['alice/whisper', whisper.runtime?.stage],
        ['alice/bot', 'PAUSED'],
        ['carol/new', 'RUNNING'],
      ]);
      expect(store.spaces()[0]).toBe(whisper);
    });

    it('drops an HTTP answer that arrives after a newer stream inventory', () => {
      store.connect();
      TestBed.tick();
      stream.inventory$.next(inventory([makeSpace('alice/fresh')]));
      backend.expectOne(API_ROUTES.spaces).flush(inventory());
      expect(store.spaces().map((space) => space.id)).toEqual(['alice/fresh']);
    });

    it('applies a status event to its Space only', () => {
      connect();
      const [whisper, , arena] = store.spaces();
      stream.status$.next({
        spaceId: 'alice/bot',
        stage: 'APP_STARTING',
        previousStage: 'RUNTIME_ERROR',
        runtime: runtime('APP_STARTING'),
        source: 'action',
        at: '2025-06-01T00:00:00.000Z',
      });
      expect(store.spaces()[1].runtime?.stage).toBe('APP_STARTING');
      expect(store.spaces()[0]).toBe(whisper);
      expect(store.spaces()[2]).toBe(arena);
    });

    it('takes since when a Space is in its stage from the status event, as the server saw it', () => {
      connect();
      stream.status$.next({
        spaceId: 'alice/bot',
        stage: 'APP_STARTING',
        previousStage: 'RUNTIME_ERROR',
        runtime: runtime('APP_STARTING'),
        source: 'refresh',
        at: '2025-06-01T10:00:00.000Z',
      });
      expect(store.spaces()[1].stageSince).toBe('2025-06-01T10:00:00.000Z');
    });

    it('lists every account together, problems first, by default', () => {
      connect(
        inventory([
          makeSpace('alice/a', 'RUNNING', { title: 'A' }),
          makeSpace('alice/b', 'SLEEPING', { title: 'B' }),
          makeSpace('bob/c', 'BUILDING', { title: 'C' }),
          makeSpace('bob/d', 'RUNTIME_ERROR', { title: 'D' }),
          makeSpace('alice/e', 'BUILD_ERROR', { title: 'E' }),
        ]),
      );
      expect(store.visible().map((space) => space.id)).toEqual(['bob/d', 'alice/e', 'bob/c', 'alice/b', 'alice/a']);
    });

    it("reports each account as the latest inventory does, canWrite included", () => {
      store.connect();
      TestBed.tick();
      expect(store.accountStatus('alice')).toBeNull();
      backend.expectOne(API_ROUTES.spaces).flush(inventory(defaultSpaces(), { accounts: [makeAccount('alice', { canWrite: false })] }));
      expect(store.accountStatus('alice')?.canWrite).toBe(false);

      // The server learned the token's role later (the Hub was down at start).
      stream.inventory$.next(inventory(defaultSpaces(), { accounts: [makeAccount('alice', { canWrite: true })] }));
      expect(store.accountStatus('alice')?.canWrite).toBe(true);
      expect(store.accountStatus('mallory')).toBeNull();
    });

    it('counts the overview', () => {
      connect();
      expect(store.counts()).toEqual({ accounts: 2, spaces: 3, running: 2, notRunning: 1, attention: 1 });
    });

    it('reports a failed first load, and says when every account fails to reach the Hub', () => {
      store.connect();
      TestBed.tick();
      backend.expectOne(API_ROUTES.spaces).flush(null, { status: 0, statusText: 'Unknown Error' });
      expect(store.loadError()?.status).toBe(0);
      expect(store.loaded()).toBe(false);

      const error = { kind: 'hub_unreachable' as const, message: 'down', at: '2025-06-01T00:00:00Z' };
      stream.inventory$.next(inventory([], { accounts: [makeAccount('alice', { error }), makeAccount('bob', { error })] }));
      expect(store.loadError()).toBeNull();
      expect(store.hubUnreachable()).toBe(true);
    });
  });

  describe('live metrics', () => {
    beforeEach(setUp);

    it('gives each Space its own signal: a sample for one does not touch another', () => {
      connect();
      let arenaReads = 0;
      const arenaView = computed(() => {
        arenaReads++;
        return store.metric('bob/arena')();
      });
      expect(arenaView()).toBeNull();

      stream.metric$.next(makeSample('alice/whisper', { cpuPct: 50 }));
      expect(store.metric('alice/whisper')()?.cpuPct).toBe(50);
      expect(arenaView()).toBeNull();
      expect(arenaReads).toBe(1);

      stream.metric$.next(makeSample('bob/arena', { cpuPct: 7 }));
      expect(arenaView()?.cpuPct).toBe(7);
      expect(arenaReads).toBe(2);
    });

    it('sums upload and download over the Spaces', () => {
      connect();
      stream.metric$.next(makeSample('alice/whisper', { txBps: 100, rxBps: 1000 }));
      stream.metric$.next(makeSample('bob/arena', { txBps: 50, rxBps: 500 }));
      expect(store.totals()).toEqual({ upload: 150, download: 1500 });
    });

    it('waits for data rather than summing to zero before the first sample', () => {
      connect();
      expect(store.totals()).toBeNull();
      stream.metric$.next(makeSample('alice/whisper', { txBps: 100, rxBps: 1000 }));
      expect(store.totals()).toEqual({ upload: 100, download: 1000 });
    });

    it('says zero when no Space reports load: nothing runs, or only static Spaces do', () => {
      connect(inventory([makeSpace('alice/site', 'RUNNING', { sdk: 'static' }), makeSpace('bob/sleepy', 'SLEEPING')]));
      expect(store.totals()).toEqual({ upload: 0, download: 0 });
    });

    it('forgets the load of a Space that stops', () => {
      connect();
      stream.metric$.next(makeSample('alice/whisper', { txBps: 100, rxBps: 1000 }));
      stream.metric$.next(makeSample('bob/arena', { txBps: 50, rxBps: 500 }));
      stream.status$.next({
        spaceId: 'bob/arena',
        stage: 'SLEEPING',
        previousStage: 'RUNNING',
        runtime: runtime('SLEEPING'),
        source: 'refresh',
        at: '2025-06-01T00:00:00.000Z',
      });
      expect(store.metric('bob/arena')()).toBeNull();
      expect(store.totals()).toEqual({ upload: 100, download: 1000 });
    });

    it('ignores samples of Spaces it does not list', () => {
      connect();
      stream.metric$.next(makeSample('mallory/unknown', { txBps: 999 }));
      expect(store.totals()).toBeNull();
    });
  });

  describe('filters in the URL', () => {
    beforeEach(setUp);

    it('reads the filters from the URL and narrows the groups', async () => {
      await router.navigateByUrl('/?status=error&account=alice');
      connect();
      expect(store.filters()).toMatchObject({ status: 'error', account: 'alice' });
      expect(store.filtered()).toBe(true);
      expect(store.groups().map((group) => group.name)).toEqual(['alice']);
      expect(store.groups()[0].spaces.map((space) => space.id)).toEqual(['alice/bot']);
    });

    it('writes filter changes to the URL, leaving defaults out', async () => {
      await router.navigateByUrl('/');
      connect();
      store.setFilters({ status: 'running', query: 'arena' });
      await settle();
      expect(router.url).toBe('/?status=running&q=arena');
      expect(store.matchCount()).toBe(1);

      store.clearFilters();
      await settle();
      expect(router.url).toBe('/');
      expect(store.filtered()).toBe(false);
    });

    it('sorts by the 24-hour uptime, the least available first, Spaces without history last', async () => {
      await router.navigateByUrl('/?sort=uptime');
      connect();
      const figure = (ratio: number | null) => [{ window: '24h', upMs: 0, downMs: 0, unknownMs: 0, ratio }];
      backend.expectOne((request) => request.url === API_ROUTES.uptime).flush({
        at: '2025-06-01T00:00:00.000Z',
        spaces: [
          { spaceId: 'alice/whisper', windows: figure(0.99) },
          { spaceId: 'bob/arena', windows: figure(0.5) },
        ],
        accounts: [],
        fleet: [],
      });
      expect(store.visible().map((space) => space.id)).toEqual(['bob/arena', 'alice/whisper', 'alice/bot']);
      expect(store.uptime('bob/arena')?.windows[0].ratio).toBe(0.5);
      expect(store.uptime('alice/bot')).toBeNull();
    });

    it('sorts within groups by the chosen key', async () => {
      await router.navigateByUrl('/?sort=name-desc');
      connect();
      expect(store.groups()[0].spaces.map((space) => space.title)).toEqual(['Whisper', 'Bot']);
    });

    it('lists every account when nothing is filtered', async () => {
      await router.navigateByUrl('/');
      connect(inventory([makeSpace('alice/one')]));
      expect(store.groups().map((group) => [group.name, group.spaces.length])).toEqual([
        ['alice', 1],
        ['bob', 0],
      ]);
    });
  });

  describe('refresh and actions', () => {
    it('re-fetches the list for a visitor', () => {
      setUp();
      connect();
      store.refresh();
      expect(store.refreshing()).toBe(true);
      backend.expectNone(API_ROUTES.spacesRefresh);
      backend.expectOne(API_ROUTES.spaces).flush(inventory());
      expect(store.refreshing()).toBe(false);
    });

    it('asks the server to re-read the Hub for a logged-in operator, then re-fetches', () => {
      localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'a', expiresAt: Date.now() + 60_000 }));
      setUp();
      connect();
      store.refresh();
      const refresh = backend.expectOne(API_ROUTES.spacesRefresh);
      expect(refresh.request.method).toBe('POST');
      expect(refresh.request.headers.get('Authorization')).toBe('Bearer t');
      refresh.flush({});
      backend.expectOne(API_ROUTES.spaces).flush(inventory());
      expect(store.refreshing()).toBe(false);
    });

    it('applies the inventory the refresh answers, without fetching the list again', () => {
      localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'a', expiresAt: Date.now() + 60_000 }));
      setUp();
      connect();
      store.refresh();
      expect(store.refreshing()).toBe(true);
      backend.expectOne(API_ROUTES.spacesRefresh).flush(inventory([makeSpace('alice/fresh')], { fetchedAt: '2025-06-02T00:00:00.000Z' }));
      backend.expectNone(API_ROUTES.spaces);
      expect(store.spaces().map((space) => space.id)).toEqual(['alice/fresh']);
      expect(store.fetchedAt()).toBe('2025-06-02T00:00:00.000Z');
      expect(store.refreshing()).toBe(false);
    });

    it('fetches the list when the refresh fails', () => {
      localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'a', expiresAt: Date.now() + 60_000 }));
      setUp();
      connect();
      store.refresh();
      backend.expectOne(API_ROUTES.spacesRefresh).flush({ error: 'busy' }, { status: 503, statusText: 'Service Unavailable' });
      backend.expectOne(API_ROUTES.spaces).flush(inventory([makeSpace('bob/arena')]));
      expect(store.spaces().map((space) => space.id)).toEqual(['bob/arena']);
      expect(store.refreshing()).toBe(false);
    });

    it('applies the runtime an action answers with and reports it', () => {
      setUp();
      connect();
      let accepted: boolean | undefined;
      store.runAction(store.spaces()[1], 'restart').subscribe((result) => (accepted = result));
      const request = backend.expectOne('/api/v1/spaces/alice/bot/restart');
      expect(request.request.method).toBe('POST');
      request.flush({ id: 'alice/bot', action: 'restart', runtime: runtime('APP_STARTING') });
      expect(accepted).toBe(true);
      expect(store.spaces()[1].runtime?.stage).toBe('APP_STARTING');
      // The answer does not say since when: unknown until the status event brings the server's time.
      expect(store.spaces()[1].stageSince).toBeNull();
      expect(notifier.info).toHaveBeenCalledWith('actions.accepted.restart', { space: 'alice/bot' });
    });

    it('reports a refused action in words', () => {
      setUp();
      connect();
      let accepted: boolean | undefined;
      store.runAction(store.spaces()[2], 'rebuild').subscribe((result) => (accepted = result));
      backend
        .expectOne('/api/v1/spaces/bob/arena/rebuild')
        .flush({ error: 'read-only', code: ERROR_CODES.tokenCannotWrite }, { status: 403, statusText: 'Forbidden' });
      expect(accepted).toBe(false);
      expect(notifier.error).toHaveBeenCalledWith('errors.tokenCannotWrite', { account: 'bob' });
    });
  });
});
