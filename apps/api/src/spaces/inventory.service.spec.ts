import type { SpaceRuntime } from '@hfd/contracts';
import type { AppConfigService } from '../config/app-config.service';
import type { HubSpace } from '../hf-client/hf-api.types';
import { HubUnavailableError } from '../hf-client/hf-client.errors';
import type { HfClientService } from '../hf-client/hf-client.service';
import type { HubTarget } from '../hub-target/hub-target';
import type { AccountAccessService } from './account-access.service';
import { FORCED_REFRESH_INTERVAL_MS, InventoryService } from './inventory.service';

const REFRESH_INTERVAL_MS = 30_000;
const ACCOUNTS = ['alice', 'bob'] as const;
type Account = (typeof ACCOUNTS)[number];

/** A list read the test answers when it chooses. */
interface PendingRead {
  author: Account;
  resolve(spaces: HubSpace[]): void;
  reject(error: unknown): void;
}

function hubSpace(id: string, stage = 'RUNNING', extra: Partial<HubSpace> = {}): HubSpace {
  return { id, author: id.split('/')[0], private: false, sdk: 'gradio', runtime: { stage, hardware: { current: 'cpu-basic', requested: 'cpu-basic' } }, ...extra };
}

function unavailable(): HubUnavailableError {
  return new HubUnavailableError('Hub GET /api/spaces answered 503', { status: 503 }, 'server');
}

const RESTARTED: SpaceRuntime = { stage: 'BUILDING', hardware: { current: null, requested: 'cpu-basic' }, sleepTimeSeconds: null, replicas: { current: null, requested: 1 }, errorMessage: null };

describe('InventoryService', () => {
  let pending: PendingRead[];
  let inventory: InventoryService;

  /** Answers the reads in flight, in order: what each account's list holds now. */
  async function answer(lists: Partial<Record<Account, HubSpace[] | Error>>): Promise<void> {
    const reads = pending.splice(0);
    for (const read of reads) {
      const result = lists[read.author];
      if (result instanceof Error) read.reject(result);
      else read.resolve(result ?? []);
    }
    // The reads settle on microtasks; fake timers do not advance by themselves.
    await jest.advanceTimersByTimeAsync(0);
  }

  beforeEach(() => {
    jest.useFakeTimers({ now: new Date('2026-01-01T00:00:00.000Z') });
    pending = [];
    const hf = {
      listSpaces: (author: Account) => new Promise<HubSpace[]>((resolve, reject) => pending.push({ author, resolve, reject })),
    } as unknown as HfClientService;
    const hub = { hubEndpoint: 'https://hub', spacesEndpoint: 'https://spaces', demo: false, accounts: ACCOUNTS.map((name) => ({ name, token: `${name}-token` })) } as HubTarget;
    const config = { get: (key: string) => (key === 'REFRESH_INTERVAL' ? REFRESH_INTERVAL_MS : undefined) } as unknown as AppConfigService;
    const access = { resolve: async () => false, canWrite: () => true } as unknown as AccountAccessService;
    inventory = new InventoryService(hf, hub, config, access);
  });

  afterEach(() => {
    inventory.onModuleDestroy();
    jest.useRealTimers();
  });

  describe('refresh scheduling', () => {
    it('reads every account once at start, then once every REFRESH_INTERVAL', async () => {
      inventory.onApplicationBootstrap();
      expect(pending.map((read) => read.author)).toEqual(['alice', 'bob']);
      await answer({ alice: [hubSpace('alice/a')], bob: [hubSpace('bob/b')] });
      expect(inventory.current.fetchedAt).toBe(Date.now());

      await jest.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS - 1);
      expect(pending).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(1);
      expect(pending.map((read) => read.author)).toEqual(['alice', 'bob']);
    });

    it('does not start a second refresh while one is in flight: a slow Hub never stacks them', async () => {
      inventory.onApplicationBootstrap();
      await jest.advanceTimersByTimeAsync(3 * REFRESH_INTERVAL_MS);
      expect(pending).toHaveLength(2);
      await answer({ alice: [hubSpace('alice/a')], bob: [] });
      await jest.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS);
      expect(pending).toHaveLength(2);
    });

    it('stops refreshing when the module is destroyed', async () => {
      inventory.onApplicationBootstrap();
      await answer({});
      inventory.onModuleDestroy();
      await jest.advanceTimersByTimeAsync(5 * REFRESH_INTERVAL_MS);
      expect(pending).toHaveLength(0);
    });
  });

  describe('readers (stale-while-revalidate)', () => {
    it('makes a reader wait for the very first read, at most maxWaitMs', async () => {
      inventory.onApplicationBootstrap();
      let read: number | null | undefined;
      void inventory.read(1000).then((snapshot) => (read = snapshot.fetchedAt));
      await jest.advanceTimersByTimeAsync(999);
      expect(read).toBeUndefined();
      await jest.advanceTimersByTimeAsync(1);
      expect(read).toBeNull();
    });

    it('answers a reader waiting for the first read as soon as it lands', async () => {
      inventory.onApplicationBootstrap();
      const read = inventory.read(60_000);
      await answer({ alice: [hubSpace('alice/a')], bob: [] });
      expect((await read).spaces.map((space) => space.id)).toEqual(['alice/a']);
    });

    it('answers from the cache at once while a refresh is in flight, with the data and its age as they were', async () => {
      inventory.onApplicationBootstrap();
      await answer({ alice: [hubSpace('alice/a')], bob: [] });
      const readAt = inventory.current.fetchedAt;
      await jest.advanceTimersByTimeAsync(REFRESH_INTERVAL_MS);
      expect(pending).toHaveLength(2);

      const snapshot = await inventory.read(60_000);
      expect(snapshot.refreshing).toBe(true);
      expect(snapshot.fetchedAt).toBe(readAt);
      expect(snapshot.spaces.map((space) => space.id)).toEqual(['alice/a']);
    });

    it('shares one refresh among concurrent callers: one list read per account', async () => {
      const callers = [inventory.refresh(), inventory.refresh(), inventory.refresh()];
      expect(pending).toHaveLength(2);
      await answer({ alice: [hubSpace('alice/a')], bob: [hubSpace('bob/b')] });
      const snapshots = await Promise.all(callers);
      expect(new Set(snapshots)).toEqual(new Set([snapshots[0]]));
    });
  });

  describe('per-account failures', () => {
    it("keeps a failing account's last Spaces with its error, and publishes the others fresh", async () => {
      void inventory.refresh();
      await answer({ alice: [hubSpace('alice/a')], bob: [hubSpace('bob/b', 'SLEEPING')] });
      const before = inventory.current;
      jest.setSystemTime(Date.now() + 10_000);

      void inventory.refresh();
      await answer({ alice: [hubSpace('alice/a'), hubSpace('alice/new')], bob: unavailable() });
      const after = inventory.current;
      expect(after.spaces.map((space) => space.id)).toEqual(['alice/a', 'alice/new', 'bob/b']);
      const bob = after.accounts.find((account) => account.name === 'bob');
      expect(bob).toMatchObject({ fetchedAt: before.accounts[1].fetchedAt, error: { kind: 'hub_unreachable' } });
      expect(after.accounts.find((account) => account.name === 'alice')).toMatchObject({ fetchedAt: Date.now(), error: null });
      expect(inventory.isCurrent('alice')).toBe(true);
      expect(inventory.isCurrent('BOB')).toBe(false);
    });

    it('publishes an account as soon as its read settles, before a slow one', async () => {
      void inventory.refresh();
      const [alice, bob] = pending.splice(0);
      alice.resolve([hubSpace('alice/a')]);
      await jest.advanceTimersByTimeAsync(0);
      expect(inventory.current.spaces.map((space) => space.id)).toEqual(['alice/a']);
      expect(inventory.current.refreshing).toBe(true);
      bob.resolve([hubSpace('bob/b')]);
      await jest.advanceTimersByTimeAsync(0);
      expect(inventory.current.refreshing).toBe(false);
    });

    it('clears the error once the account reads again', async () => {
      void inventory.refresh();
      await answer({ alice: [], bob: unavailable() });
      void inventory.refresh();
      await answer({ alice: [], bob: [hubSpace('bob/b')] });
      expect(inventory.current.accounts.every((account) => account.error === null)).toBe(true);
    });
  });

  describe('forced refreshes', () => {
    it('joins the refresh in flight', async () => {
      const scheduled = inventory.refresh();
      const forced = inventory.forceRefresh();
      expect(forced).toEqual({ refresh: scheduled });
      expect(pending).toHaveLength(2);
      await answer({});
    });

    it('starts at most one per FORCED_REFRESH_INTERVAL_MS, then tells callers how long to wait', async () => {
      const first = inventory.forceRefresh();
      expect('refresh' in first).toBe(true);
      await answer({});
      expect(inventory.forceRefresh()).toEqual({ retryAfterMs: FORCED_REFRESH_INTERVAL_MS });
      await jest.advanceTimersByTimeAsync(FORCED_REFRESH_INTERVAL_MS - 1000);
      expect(inventory.forceRefresh()).toEqual({ retryAfterMs: 1000 });
      expect(pending).toHaveLength(0);
      await jest.advanceTimersByTimeAsync(1000);
      expect('refresh' in inventory.forceRefresh()).toBe(true);
      expect(pending).toHaveLength(2);
      await answer({});
    });

    it('does not count a scheduled refresh against the forced one', async () => {
      inventory.onApplicationBootstrap();
      await answer({});
      expect('refresh' in inventory.forceRefresh()).toBe(true);
      await answer({});
    });
  });

  describe('lookups', () => {
    it('finds a Space whatever the case of its id, and its detail from the list read', async () => {
      void inventory.refresh();
      await answer({ alice: [hubSpace('alice/App', 'RUNNING', { sha: 'abc', models: ['m/one'], cardData: { license: 'mit', sdk_version: '5.0' } })] });
      expect(inventory.find('ALICE/app')?.id).toBe('alice/App');
      expect(inventory.detail('alice/app')).toMatchObject({ id: 'alice/App', sha: 'abc', license: 'mit', sdkVersion: '5.0', models: ['m/one'], datasets: [] });
      expect(inventory.find('alice/other')).toBeUndefined();
      expect(inventory.detail('alice/other')).toBeUndefined();
    });

    it('forgets the detail of a Space that left its account', async () => {
      void inventory.refresh();
      await answer({ alice: [hubSpace('alice/a'), hubSpace('alice/b')] });
      void inventory.refresh();
      await answer({ alice: [hubSpace('alice/a')] });
      expect(inventory.detail('alice/b')).toBeUndefined();
      expect(inventory.detail('alice/a')).toBeDefined();
    });
  });

  describe('runtimes learned from actions', () => {
    it('applies them at once and announces the stage change', async () => {
      void inventory.refresh();
      await answer({ alice: [hubSpace('alice/a')] });
      const changes: string[] = [];
      inventory.statusChanges$.subscribe((change) => changes.push(`${change.spaceId}: ${change.previousStage} → ${change.stage}`));
      inventory.applyRuntime('alice/a', RESTARTED, 'action');
      expect(inventory.find('alice/a')?.runtime?.stage).toBe('BUILDING');
      expect(changes).toEqual(['alice/a: RUNNING → BUILDING']);
    });

    it('are not rolled back by a refresh that started before the action', async () => {
      void inventory.refresh();
      await answer({ alice: [hubSpace('alice/a')] });
      void inventory.refresh();
      jest.setSystemTime(Date.now() + 100);
      inventory.applyRuntime('alice/a', RESTARTED, 'action');
      await answer({ alice: [hubSpace('alice/a', 'RUNNING')] });
      expect(inventory.find('alice/a')?.runtime?.stage).toBe('BUILDING');

      void inventory.refresh();
      await answer({ alice: [hubSpace('alice/a', 'RUNNING')] });
      expect(inventory.find('alice/a')?.runtime?.stage).toBe('RUNNING');
    });
  });
});
