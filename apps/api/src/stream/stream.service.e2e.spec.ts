import type { Subscription } from 'rxjs';
import { MetricsHubService } from '../metrics/metrics-hub.service';
import { InventoryService } from '../spaces/inventory.service';
import { eventually, startE2e, type E2eContext } from '../testing/e2e/e2e-harness';
import { readEvents, type ReadEvent } from '../testing/sse-frames';
import { StreamService } from './stream.service';

/** What viewers of /api/v1/stream share, through the real application and the hub emulator. */
describe('StreamService: events shared by viewers', () => {
  let context: E2eContext;
  let streams: StreamService;
  let inventory: InventoryService;
  const subscriptions: Subscription[] = [];

  /** The frames one viewer was handed, in order. */
  function viewer(only: ReadonlySet<string> | null = null): Buffer[] {
    const frames: Buffer[] = [];
    subscriptions.push(streams.connect(null, only).subscribe((frame) => frames.push(frame)));
    return frames;
  }
  const ofType = (frames: Buffer[], type: string) => readEvents(frames).filter((event) => event.type === type);
  /** Viewers get their events in the turn after they were made (TurnScheduler). */
  const delivered = () => new Promise((resolve) => setImmediate(resolve));

  beforeAll(async () => {
    context = await startE2e();
    streams = context.app.get(StreamService);
    inventory = context.app.get(InventoryService);
    await eventually(() => inventory.current.fetchedAt !== null);
  });

  afterEach(() => {
    for (const subscription of subscriptions.splice(0)) subscription.unsubscribe();
    jest.restoreAllMocks();
  });

  afterAll(() => context.close());

  /** Calls of JSON.stringify whose value looks like `shape`, while `act` runs. */
  function encodings(shape: (value: unknown) => boolean, act: () => void): number {
    const stringify = jest.spyOn(JSON, 'stringify');
    act();
    const count = stringify.mock.calls.filter(([value]) => shape(value)).length;
    stringify.mockRestore();
    return count;
  }
  const isInventory = (value: unknown) => typeof value === 'object' && value !== null && 'spaces' in value && 'accounts' in value;
  const parsed = (event: ReadEvent) => JSON.parse(String(event.data)) as { spaces: Array<{ id: string }>; ageMs: number };

  it('encodes the inventory once for every viewer of the whole inventory', async () => {
    let viewers: Buffer[][] = [];
    expect(encodings(isInventory, () => (viewers = Array.from({ length: 20 }, () => viewer())))).toBe(1);
    await delivered();
    const first = ofType(viewers[0], 'inventory')[0];
    expect(parsed(first).spaces.length).toBeGreaterThan(0);
    // Not only the same JSON: the same frame, made once, its bytes written to every connection.
    for (const frames of viewers) expect(frames[0]).toBe(viewers[0][0]);
  });

  it('sends every viewer only what changed, encoded once and shared', async () => {
    const viewers = Array.from({ length: 5 }, () => viewer());
    context.emulator.control.setStage('user1/space3', 'PAUSED');
    await inventory.refresh();
    await eventually(() => viewers.every((events) => ofType(events, 'inventory-change').length === 1));
    const change = ofType(viewers[0], 'inventory-change')[0].data;
    for (const events of viewers) {
      expect(ofType(events, 'inventory')).toHaveLength(1);
      expect(ofType(events, 'inventory-change')[0].data).toBe(change);
    }
    const parsedChange = JSON.parse(String(change)) as { changed: Array<{ id: string; runtime: { stage: string } }>; removed: string[]; accounts: unknown[] };
    expect(parsedChange.changed.map((space) => [space.id, space.runtime.stage])).toEqual([['user1/space3', 'PAUSED']]);
    expect(parsedChange.removed).toEqual([]);
    expect(parsedChange.accounts).toHaveLength(4);
  });

  it('reuses an encoding for at most a second, so a viewer who connects later gets a current age', async () => {
    const early = viewer();
    const now = Date.now();
    jest.spyOn(Date, 'now').mockReturnValue(now + 1500);
    const late = viewer();
    await delivered();
    const [earlyEvent, lateEvent] = [ofType(early, 'inventory')[0], ofType(late, 'inventory')[0]];
    expect(lateEvent.data).not.toBe(earlyEvent.data);
    expect(parsed(lateEvent).spaces).toEqual(parsed(earlyEvent).spaces);
    expect(parsed(lateEvent).ageMs).toBeGreaterThan(parsed(earlyEvent).ageMs);
  });

  it('gives a narrowed viewer its own inventory, with only its Spaces', async () => {
    const whole = viewer();
    const narrowed = viewer(new Set(['user1/space1']));
    await delivered();
    const event = ofType(narrowed, 'inventory')[0];
    expect(event.data).not.toBe(ofType(whole, 'inventory')[0].data);
    expect(parsed(event).spaces.map((space) => space.id)).toEqual(['user1/space1']);
  });

  it('lets viewers narrowed to the same Spaces, in any order, share one encoding, and no other viewer does', async () => {
    let viewers: Buffer[][] = [];
    const encoded = encodings(isInventory, () => {
      viewers = [viewer(new Set(['user1/space5', 'user1/space3'])), viewer(new Set(['user1/space3', 'user1/space5'])), viewer(new Set(['user1/space3']))];
    });
    expect(encoded).toBe(2);
    await delivered();
    const [first, same, other] = viewers.map((events) => ofType(events, 'inventory')[0]);
    expect(same.data).toBe(first.data);
    expect(parsed(first).spaces.map((space) => space.id).sort()).toEqual(['user1/space3', 'user1/space5']);
    expect(parsed(other).spaces.map((space) => space.id)).toEqual(['user1/space3']);
  });

  it('encodes a status change once for every viewer it reaches', async () => {
    const viewers = [viewer(), viewer(), viewer()];
    const space = inventory.find('org1/org-app');
    if (!space?.runtime) throw new Error('org1/org-app is not in the inventory');
    const isStatus = (value: unknown) => typeof value === 'object' && value !== null && 'previousStage' in value;
    expect(encodings(isStatus, () => inventory.applyRuntime(space.id, { ...space.runtime as NonNullable<typeof space.runtime>, stage: 'APP_STARTING' }, 'action'))).toBe(1);
    await delivered();
    const first = ofType(viewers[0], 'status')[0];
    expect(JSON.parse(String(first.data))).toMatchObject({ spaceId: 'org1/org-app', stage: 'APP_STARTING' });
    for (const events of viewers) expect(ofType(events, 'status')[0].data).toBe(first.data);
  });

  it('listens to each live Space once for all the viewers of a view, and stops when the last one leaves', async () => {
    const metrics = context.app.get(MetricsHubService);
    const listen = jest.spyOn(metrics, 'listen');
    const stops: jest.Mock[] = [];
    listen.mockImplementation((spaceId, listener) => {
      const stop = jest.fn(MetricsHubService.prototype.listen.call(metrics, spaceId, listener));
      stops.push(stop);
      return stop;
    });
    const before = subscriptions.length;
    Array.from({ length: 10 }, () => viewer());
    const live = new Set(listen.mock.calls.map(([spaceId]) => spaceId));
    expect(live.size).toBeGreaterThan(0);
    expect(listen).toHaveBeenCalledTimes(live.size);
    for (const subscription of subscriptions.splice(before, 9)) subscription.unsubscribe();
    expect(stops.filter((stop) => stop.mock.calls.length > 0)).toHaveLength(0);
    subscriptions.splice(before).forEach((subscription) => subscription.unsubscribe());
    expect(stops.every((stop) => stop.mock.calls.length === 1)).toBe(true);
  });

  it('gives a viewer who joins others the last sample of each live Space at once', async () => {
    const first = viewer();
    await eventually(() => ofType(first, 'metric').length > 0, 10_000);
    const late = viewer();
    await delivered();
    await delivered();
    const replayed = ofType(late, 'metric').flatMap((event) => JSON.parse(String(event.data)) as Array<{ spaceId: string }>);
    expect(replayed.length).toBeGreaterThan(0);
    const seenByFirst = new Set(ofType(first, 'metric').flatMap((event) => (JSON.parse(String(event.data)) as Array<{ spaceId: string }>).map((sample) => sample.spaceId)));
    for (const sample of replayed) expect(seenByFirst.has(sample.spaceId)).toBe(true);
  });

  it('sends the samples that arrive together as one metric event, an array', async () => {
    const events = viewer();
    await eventually(() => ofType(events, 'metric').some((event) => (JSON.parse(String(event.data)) as unknown[]).length > 1), 10_000);
    for (const event of ofType(events, 'metric')) {
      const batch = JSON.parse(String(event.data)) as Array<{ spaceId: string; cpuPct: number }>;
      expect(Array.isArray(batch)).toBe(true);
      for (const sample of batch) expect(sample).toMatchObject({ spaceId: expect.any(String), cpuPct: expect.any(Number) });
    }
  });
});
