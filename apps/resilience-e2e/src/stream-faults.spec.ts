import type { MetricSample } from '@hfd/contracts';
import { EventStream, eventually, sleep } from '@hfd/test-support';
import { expectServerHealthy } from './support/assertions';
import { prometheusValue, startRig, waitForFreshInventory, RIG_START_TIMEOUT_MS, type Rig } from './support/harness';
import { RUNNING_SPACES } from './support/scenario';
import { longestMetricGapMs, metricsOf } from './support/stream-viewer';

/** The emulator's sample period here; the Hub's is about 1 s. */
const METRICS_INTERVAL_MS = 500;
/** How long each fault is watched. */
const WATCH_MS = 20_000;
/** The longest silence a viewer may see: a reconnection waits at most 1 s, plus a sample period and a loaded machine. */
const MAX_GAP_MS = 5000;

function isWellFormed(sample: MetricSample): boolean {
  return (
    typeof sample.spaceId === 'string' &&
    RUNNING_SPACES.some((id) => id === sample.spaceId) &&
    [sample.cpuPct, sample.memoryUsedBytes, sample.rxBps, sample.txBps, sample.receivedAt].every((value) => typeof value === 'number' && Number.isFinite(value))
  );
}

describe('faults of the live-metrics streams', () => {
  let rig: Rig;
  let viewer: EventStream;

  beforeAll(async () => {
    rig = await startRig({ emulator: { metricsIntervalMs: METRICS_INTERVAL_MS } });
    await waitForFreshInventory(rig.server);
    viewer = await EventStream.open(`${rig.server.url}/api/v1/stream`);
    await eventually('samples of every running Space', () => metricsOf(viewer), (m) => RUNNING_SPACES.every((id) => m.some((s) => s.sample.spaceId === id)), 20_000);
  }, RIG_START_TIMEOUT_MS);

  afterEach(() => {
    rig.hub.control.clearFaults();
  });

  afterAll(async () => {
    viewer?.close();
    await rig?.close();
  });

  it('a stream the Hub drops every 3 events is reconnected under one shared upstream, and the viewer sees no gap', async () => {
    const { hub, server } = rig;
    hub.control.resetCounters();
    hub.control.dropStreams({ kind: 'metrics', afterEvents: 3 });
    const since = performance.now();
    await sleep(WATCH_MS);

    // The Hub really cut them, about every 1.5 s, and each was reconnected.
    expect(hub.counters.requests({ route: 'live-metrics' })).toBeGreaterThanOrEqual(RUNNING_SPACES.length * 4);
    for (const id of RUNNING_SPACES) {
      const gap = longestMetricGapMs(viewer, id, since);
      expect(gap).toBeLessThanOrEqual(MAX_GAP_MS);
      expect(metricsOf(viewer).filter(({ sample, at }) => sample.spaceId === id && at >= since).length).toBeGreaterThanOrEqual(10);
    }
    // One upstream per running Space, never one per reconnection left behind.
    expect(hub.counters.openStreams({ kind: 'metrics' })).toBeLessThanOrEqual(RUNNING_SPACES.length);
    expect(await prometheusValue(server, 'hfd_upstream_streams')).toBe(RUNNING_SPACES.length);
    expect(viewer.end).toBeNull();
    await expectServerHealthy(server);
  }, 90_000);

  it('malformed events are skipped and counted, never shown, and do not break the stream', async () => {
    const { hub, server } = rig;
    const countedBefore = await prometheusValue(server, 'hfd_hub_malformed_events_total');
    const eventsBefore = viewer.events.length;
    // Reconnections still pending from an earlier fault (at most 1 s away) are not this test's.
    await sleep(3000);
    hub.control.resetCounters();
    hub.control.malformEvents({ kind: 'metrics', every: 2 });
    const since = performance.now();
    await sleep(WATCH_MS / 2);

    // Half of about 3 × 20 events were malformed.
    const counted = (await prometheusValue(server, 'hfd_hub_malformed_events_total')) - countedBefore;
    expect(counted).toBeGreaterThanOrEqual(RUNNING_SPACES.length * 4);
    const shown = viewer.events
      .slice(eventsBefore)
      .filter((event) => event.event === 'metric')
      .flatMap((event) => JSON.parse(event.data) as MetricSample[]);
    expect(shown.length).toBeGreaterThanOrEqual(RUNNING_SPACES.length * 4);
    for (const sample of shown) expect(isWellFormed(sample)).toBe(true);
    for (const id of RUNNING_SPACES) expect(longestMetricGapMs(viewer, id, since)).toBeLessThanOrEqual(MAX_GAP_MS);
    // A bad event is not a broken connection: nothing was reconnected.
    expect(hub.counters.requests({ route: 'live-metrics' })).toBe(0);
    expect(viewer.end).toBeNull();
    await expectServerHealthy(server);
  }, 60_000);
});
