import type { HubEmulator } from '@hfd/hub-emulator';
import type { HealthResponse, InventoryChangeEvent, SpacesListResponse } from '@hfd/contracts';
import { EventStream, eventually, sleep } from '@hfd/test-support';
import { expectServerHealthy, retryLog } from './support/assertions';
import { REFRESH_INTERVAL_MS, healthOf, isFresh, spacesOf, startRig, waitForFreshInventory, RIG_START_TIMEOUT_MS, type Rig } from './support/harness';
import { ACCOUNTS, RUNNING_SPACES } from './support/scenario';
import { metricsOf } from './support/stream-viewer';

/** How long the Hub fails: long enough for several refreshes and retry cycles. */
const OUTAGE_MS = 30_000;
/** Hub requests the server may send per second of outage, all routes together; a tight loop sends hundreds. */
const MAX_HUB_REQUESTS_PER_SECOND = 2;
/**
 * Reconnections of one cut live-metrics stream in 30 s: the waits double from 1 s up to
 * 30 s and jitter shortens each by at most half, so at the shortest they are 0.5, 1, 2, 4, 8
 * and 15 s: 5 attempts in 30 s. 7 leaves room for a machine that delays timers.
 */
const MAX_STREAM_ATTEMPTS = 7;

interface Outage {
  name: string;
  start(hub: HubEmulator): void;
  end(hub: HubEmulator): void;
}

const OUTAGES: Outage[] = [
  {
    name: 'every Hub route answers 500 (JSON errors; open streams stay up)',
    start: (hub) => hub.control.failRoute({ route: '*', status: 500 }),
    end: (hub) => hub.control.clearFaults(),
  },
  {
    name: "the whole Hub is down with CloudFront's 503 page (open streams are cut)",
    start: (hub) => hub.control.hubDown('503'),
    end: (hub) => hub.control.hubUp(),
  },
];

describe.each(OUTAGES)('a 30 s Hub outage: $name', (outage) => {
  let rig: Rig;
  let viewer: EventStream;

  beforeAll(async () => {
    rig = await startRig();
    viewer = await EventStream.open(`${rig.server.url}/api/v1/stream`);
  }, RIG_START_TIMEOUT_MS);

  afterAll(async () => {
    viewer?.close();
    await rig?.close();
  });

  it('serves the last data marked stale, says the Hub is unreachable, backs off, and recovers by itself', async () => {
    const { hub, server } = rig;
    const before = await waitForFreshInventory(server);
    const ids = before.spaces.map((space) => space.id).sort();
    expect(ids.length).toBeGreaterThan(0);
    await eventually('live samples of every running Space', () => metricsOf(viewer), (m) => RUNNING_SPACES.every((id) => m.some((s) => s.sample.spaceId === id)), 20_000);

    hub.control.resetCounters();
    outage.start(hub);
    const startedAt = Date.now();
    const lists: SpacesListResponse[] = [];
    const healths: HealthResponse[] = [];
    while (Date.now() - startedAt < OUTAGE_MS) {
      // Every answer during the outage is a 200 with the Spaces known before it.
      const list = await spacesOf(server);
      expect(list.spaces.map((space) => space.id).sort()).toEqual(ids);
      lists.push(list);
      healths.push(await healthOf(server));
      await sleep(1000);
    }
    const elapsedS = (Date.now() - startedAt) / 1000;
    const hubRequests = hub.counters.requests();
    const streamAttempts = hub.counters.requests({ route: 'live-metrics' });
    outage.end(hub);
    const endedAt = performance.now();

    // Marked stale with the reason beside each account, before the outage was over.
    const marked = lists.find((list) => list.stale && list.accounts.every((account) => account.error?.kind === 'hub_unreachable'));
    expect(marked).toBeDefined();
    expect(marked?.accounts.map((account) => account.name)).toEqual([...ACCOUNTS]);
    expect(marked?.fetchedAt).not.toBeNull();
    expect(healths.some((health) => health.status === 'degraded' && !health.hub.reachable && health.hub.error !== null)).toBe(true);
    // The viewer had the whole inventory on connecting; staleness then comes as a change.
    expect(viewer.events.some((event) => event.event === 'inventory-change' && (JSON.parse(event.data) as InventoryChangeEvent).stale)).toBe(true);

    // Retries back off: far fewer requests than a loop would send, each wait at least as long as the one before.
    expect(hubRequests).toBeLessThanOrEqual(MAX_HUB_REQUESTS_PER_SECOND * elapsedS);
    expect(streamAttempts).toBeLessThanOrEqual(MAX_STREAM_ATTEMPTS * RUNNING_SPACES.length);
    const retries = retryLog(server).filter((entry) => entry.request.startsWith('GET /api/spaces ('));
    expect(retries.length).toBeGreaterThan(0);
    for (const entry of retries) expect(entry.waitMs).toBeGreaterThanOrEqual(500);
    // Each wait next to the one before it in the same attempt sequence.
    const steps = retries.flatMap((entry, index) => {
      const previous = retries.slice(0, index).reverse().find((candidate) => candidate.request === entry.request);
      return previous && entry.attempt === previous.attempt + 1 ? [{ before: previous.waitMs, after: entry.waitMs }] : [];
    });
    expect(steps.length).toBeGreaterThan(0);
    for (const { before, after } of steps) expect(after).toBeGreaterThanOrEqual(before);

    // Back without a restart: fresh data, the Hub reachable, samples flowing again on the same stream.
    const recovered = await eventually('fresh data after the outage', () => spacesOf(server), isFresh, 6 * REFRESH_INTERVAL_MS);
    expect(recovered.spaces.map((space) => space.id).sort()).toEqual(ids);
    await eventually('health ok after the outage', () => healthOf(server), (health) => health.status === 'ok' && health.hub.reachable, 30_000);
    await eventually(
      'new live samples of every running Space after the outage',
      () => metricsOf(viewer),
      (metrics) => RUNNING_SPACES.every((id) => metrics.some(({ sample, at }) => sample.spaceId === id && at > endedAt)),
      45_000,
    );
    expect(viewer.end).toBeNull();
    await expectServerHealthy(server);
  }, 180_000);
});
