import { STREAM_HEARTBEAT_SECONDS } from '@hfd/contracts';
import { HfClientService } from '../../hf-client/hf-client.service';
import { UPSTREAM_GRACE_MS } from '../../metrics/metrics-hub.service';
import { InventoryService } from '../../spaces/inventory.service';
import { StreamClient, eventually, sleep, startE2e, type E2eContext } from './e2e-harness';

describe('the live stream (e2e)', () => {
  let context: E2eContext;

  beforeAll(async () => {
    context = await startE2e();
  });
  afterAll(() => context.close());

  const metricsStreams = (spaceId?: string) => context.emulator.counters.openStreams({ kind: 'metrics', ...(spaceId ? { spaceId } : {}) });

  it('opens exactly one upstream for two viewers of one Space, and closes it after both leave', async () => {
    const url = `${context.url}/api/v1/stream?spaces=org1/org-app`;
    const first = new StreamClient(url);
    const second = new StreamClient(url);
    try {
      await first.waitForSample();
      await second.waitForSample();
      expect(metricsStreams('org1/org-app')).toBe(1);
      expect(metricsStreams()).toBe(1);
      const seen = first.samples().length;
      await eventually(() => first.samples().length >= seen + 3);
      expect(metricsStreams('org1/org-app')).toBe(1);
    } finally {
      first.close();
      second.close();
    }
    await sleep(UPSTREAM_GRACE_MS / 2);
    expect(metricsStreams('org1/org-app')).toBe(1);
    await eventually(() => metricsStreams() === 0, UPSTREAM_GRACE_MS * 2);
  }, 30_000);

  it('gives a viewer that joins a watched Space the last sample at once', async () => {
    const url = `${context.url}/api/v1/stream?spaces=user2/u2-public`;
    const first = new StreamClient(url);
    try {
      const sample = await first.waitForSample();
      const late = new StreamClient(url);
      try {
        const replayed = await late.waitForSample(() => true, 2000);
        expect(replayed.receivedAt).toBeGreaterThanOrEqual(sample.receivedAt);
      } finally {
        late.close();
      }
    } finally {
      first.close();
    }
  });

  it('keeps a viewer fed when the upstream drops: it reconnects by itself', async () => {
    context.emulator.control.dropStreams({ kind: 'metrics', spaceId: 'user1/space1', afterEvents: 3 });
    const client = new StreamClient(`${context.url}/api/v1/stream?spaces=user1/space1`);
    try {
      const opened = context.emulator.counters.requests({ route: 'live-metrics' });
      await eventually(() => client.samples().length >= 10, 20_000);
      expect(context.emulator.counters.requests({ route: 'live-metrics' }) - opened).toBeGreaterThanOrEqual(2);
      const times = client.samples().map((sample) => sample.receivedAt);
      expect([...times].sort((a, b) => a - b)).toEqual(times);
    } finally {
      client.close();
      context.emulator.control.clearFaults();
    }
  }, 30_000);

  it('skips malformed upstream events and keeps streaming', async () => {
    context.emulator.control.malformEvents({ kind: 'metrics', spaceId: 'user1/space1', every: 2 });
    let skipped = 0;
    const counting = context.app.get(HfClientService).malformedEvents$.subscribe(() => (skipped += 1));
    const client = new StreamClient(`${context.url}/api/v1/stream?spaces=user1/space1`);
    try {
      await eventually(() => client.samples().length >= 4, 20_000);
      for (const sample of client.samples()) expect(typeof sample.cpuPct).toBe('number');
      expect(skipped).toBeGreaterThanOrEqual(2);
    } finally {
      counting.unsubscribe();
      client.close();
      context.emulator.control.clearFaults();
    }
  }, 30_000);

  it('sends metrics only for running Spaces, and closes the upstream when a Space stops running', async () => {
    const client = new StreamClient(`${context.url}/api/v1/stream`);
    try {
      await client.waitForSample((sample) => sample.spaceId === 'user3/u3-public');
      expect(new Set(client.samples().map((sample) => sample.spaceId)).has('user1/space3')).toBe(false);
      context.emulator.control.setStage('user3/u3-public', 'SLEEPING');
      await context.app.get(InventoryService).refresh();
      await eventually(() => metricsStreams('user3/u3-public') === 0, 10_000);
    } finally {
      client.close();
    }
  }, 30_000);

  it('sends a heartbeat comment every 15 s', async () => {
    const client = new StreamClient(`${context.url}/api/v1/stream?spaces=user1/space3`);
    try {
      await client.waitFor('inventory');
      // The stream opens with an empty comment (see writeFramesUnderSse); then the heartbeats.
      expect(client.comments).toEqual(['']);
      await eventually(() => client.comments.length > 1, (STREAM_HEARTBEAT_SECONDS + 5) * 1000, 250);
      expect(client.comments[1]).toBe('heartbeat');
    } finally {
      client.close();
    }
  }, 30_000);
});
