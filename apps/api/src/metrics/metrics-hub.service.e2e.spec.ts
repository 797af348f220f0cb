import { eventually, sleep, startE2e, type E2eContext } from '../testing/e2e/e2e-harness';
import { MetricsHubService, UPSTREAM_GRACE_MS, type MetricFrame } from './metrics-hub.service';

/** The fan-out of one Space's samples to many viewers, against the hub emulator. */
describe('MetricsHubService.listen', () => {
  let context: E2eContext;
  let hub: MetricsHubService;
  const upstreams = (spaceId: string) => context.emulator.counters.openStreams({ kind: 'metrics', spaceId });

  beforeAll(async () => {
    context = await startE2e();
    hub = context.app.get(MetricsHubService);
    await eventually(async () => ((await (await fetch(`${context.url}/api/v1/spaces`)).json()) as { fetchedAt: string | null }).fetchedAt !== null);
  });
  afterAll(() => context.close());

  it('hands every listener the same frame, its JSON made once, over one upstream', async () => {
    const received = Array.from({ length: 50 }, () => [] as MetricFrame[]);
    const stops = received.map((events) => hub.listen('user1/space1', (event) => events.push(event)));
    try {
      await eventually(() => received.every((events) => events.length >= 2));
      expect(upstreams('user1/space1')).toBe(1);
      const first = received[0]?.[1];
      for (const events of received) expect(events[1]).toBe(first);
      expect(typeof first?.json).toBe('string');
      expect(JSON.parse(String(first?.json))).toEqual(first?.sample);
      expect(first?.sample).toMatchObject({ spaceId: 'user1/space1', cpuPct: expect.any(Number) });
    } finally {
      stops.forEach((stop) => stop());
    }
  });

  it('gives a listener that joins a watched Space the last sample at once', async () => {
    const early: MetricFrame[] = [];
    const stopEarly = hub.listen('org1/org-app', (event) => early.push(event));
    try {
      await eventually(() => early.length > 0);
      const late: MetricFrame[] = [];
      const stopLate = hub.listen('org1/org-app', (event) => late.push(event));
      expect(late[0]).toBe(early[early.length - 1]);
      stopLate();
    } finally {
      stopEarly();
    }
  });

  it('keeps the upstream for the grace period after the last listener stops, then closes it', async () => {
    const stop = hub.listen('user2/u2-public', () => undefined);
    await eventually(() => upstreams('user2/u2-public') === 1);
    stop();
    stop(); // Twice is harmless.
    await sleep(UPSTREAM_GRACE_MS / 2);
    expect(upstreams('user2/u2-public')).toBe(1);
    await eventually(() => upstreams('user2/u2-public') === 0, UPSTREAM_GRACE_MS * 2);
    expect(hub.openUpstreams).toBe(0);
  }, 30_000);

  it('lets a listener that stops stop hearing, while the others go on', async () => {
    const kept: MetricFrame[] = [];
    const dropped: MetricFrame[] = [];
    const stopKept = hub.listen('user3/u3-public', (event) => kept.push(event));
    const stopDropped = hub.listen('user3/u3-public', (event) => dropped.push(event));
    try {
      await eventually(() => dropped.length > 0);
      stopDropped();
      const heard = dropped.length;
      const before = kept.length;
      await eventually(() => kept.length >= before + 2);
      expect(dropped).toHaveLength(heard);
    } finally {
      stopKept();
    }
  });
});
