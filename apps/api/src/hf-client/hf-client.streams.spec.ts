import type { HubEmulator } from '@hfd/hub-emulator';
import type { SseConnectionState } from '@hfd/sse-client';
import { firstValueFrom, lastValueFrom, take, toArray, type Observable } from 'rxjs';
import type { HubLogLine, HubMetricEvent } from './hf-api.types';
import { HubBadRequestError, HubForbiddenError, HubNotFoundError, HubUnauthorizedError } from './hf-client.errors';
import type { HfClientService, MalformedHubEvent } from './hf-client.service';
import { TOKENS, captureLogs, recordRequests, startTestHub, testClient, waitFor } from './testing/hub-test-kit';

const METRICS_ROUTE = 'GET /v1/{owner}/{name}/live-metrics/sse';

function collect<T>(source: Observable<T>, count: number): Promise<T[]> {
  return firstValueFrom(source.pipe(take(count), toArray()));
}

function failure(source: Observable<unknown>): Promise<unknown> {
  return lastValueFrom(source).then(
    () => new Error('expected the stream to fail'),
    (error: unknown) => error,
  );
}

/** The SSE operations against the hub emulator's streams over loopback HTTP. */
describe('HfClientService streams (hub emulator)', () => {
  const logs = captureLogs();
  let hub: HubEmulator;
  let client: HfClientService;

  beforeAll(async () => {
    hub = await startTestHub();
  });

  beforeEach(() => {
    hub.control.clearFaults();
    hub.control.resetCounters();
    client = testClient(hub);
  });

  afterEach(async () => {
    // Every test leaves with its streams closed, or the emulator would still count them.
    await waitFor(() => hub.counters.openStreams() === 0);
  });

  afterAll(async () => {
    await hub.close();
    for (const token of Object.values(TOKENS)) expect(logs.lines.join('\n')).not.toContain(token);
    logs.restore();
  });

  describe('liveMetrics', () => {
    it('emits parsed samples from a running Space', async () => {
      const events = recordRequests(client);
      const samples = await collect(client.liveMetrics('alice/public-app', null), 3);
      for (const sample of samples) {
        expect(sample).toEqual(
          expect.objectContaining<HubMetricEvent>({
            cpu_usage_pct: expect.any(Number),
            memory_used_bytes: expect.any(Number),
            memory_total_bytes: expect.any(Number),
            rx_bps: expect.any(Number),
            tx_bps: expect.any(Number),
            replica: expect.any(String),
          }),
        );
      }
      expect(events).toEqual([expect.objectContaining({ route: METRICS_ROUTE, status: 200 })]);
    });

    it('reads a private Space with a token', async () => {
      await expect(collect(client.liveMetrics('alice/private-app', TOKENS.aliceRead), 1)).resolves.toHaveLength(1);
    });

    it('keeps emitting after the upstream drops, through reconnections', async () => {
      hub.control.dropStreams({ kind: 'metrics', spaceId: 'alice/public-app', afterEvents: 2 });
      const states: SseConnectionState[] = [];
      const samples = await collect(client.liveMetrics('alice/public-app', null, { onStateChange: (state) => states.push(state) }), 6);
      expect(samples).toHaveLength(6);
      expect(hub.counters.snapshot().streamsOpened).toBeGreaterThanOrEqual(3);
      expect(hub.counters.requests({ route: 'live-metrics' })).toBeGreaterThanOrEqual(3);
      expect(states.slice(0, 4)).toEqual(['connecting', 'open', 'reconnecting', 'open']);
      expect(states[states.length - 1]).toBe('closed');
    });

    it('skips and counts malformed samples, and goes on', async () => {
      hub.control.malformEvents({ kind: 'metrics', spaceId: 'alice/public-app', every: 2 });
      const malformed: MalformedHubEvent[] = [];
      client.malformedEvents$.subscribe((event) => malformed.push(event));
      const samples = await collect(client.liveMetrics('alice/public-app', null), 3);
      expect(samples).toHaveLength(3);
      // Samples 2 and 4 were broken; the third good one is sample 5.
      expect(malformed).toEqual([{ route: METRICS_ROUTE }, { route: METRICS_ROUTE }]);
      expect(hub.counters.requests({ route: 'live-metrics' })).toBe(1);
    });

    it('closes the upstream connection on unsubscribe', async () => {
      const states: SseConnectionState[] = [];
      const samples: HubMetricEvent[] = [];
      const subscription = client
        .liveMetrics('alice/public-app', null, { onStateChange: (state) => states.push(state) })
        .subscribe((sample) => samples.push(sample));
      await waitFor(() => samples.length >= 1);
      expect(hub.counters.openStreams({ spaceId: 'alice/public-app', kind: 'metrics' })).toBe(1);
      subscription.unsubscribe();
      await waitFor(() => hub.counters.openStreams({ spaceId: 'alice/public-app', kind: 'metrics' }) === 0);
      expect(states).toEqual(['connecting', 'open', 'closed']);
    });

    it('opens one upstream connection per subscription (cold)', async () => {
      const stream = client.liveMetrics('alice/public-app', null);
      const first = stream.subscribe();
      const second = stream.subscribe();
      await waitFor(() => hub.counters.openStreams({ spaceId: 'alice/public-app' }) === 2);
      first.unsubscribe();
      second.unsubscribe();
    });

    it('retries while the hub answers 503, and resumes when it is back', async () => {
      const events = recordRequests(client);
      hub.control.hubDown('503');
      const samples: HubMetricEvent[] = [];
      const subscription = client.liveMetrics('alice/public-app', null).subscribe((sample) => samples.push(sample));
      await waitFor(() => events.length >= 2);
      expect(samples).toHaveLength(0);
      hub.control.hubUp();
      await waitFor(() => samples.length >= 1);
      subscription.unsubscribe();
      expect(events.slice(0, 2).map((event) => event.status)).toEqual([503, 503]);
      expect(events[events.length - 1]).toMatchObject({ route: METRICS_ROUTE, status: 200 });
    });

    it('gives up on a connection the Hub does not answer within timeoutMs, and tries again', async () => {
      const slow = testClient(hub, { timeoutMs: 150 });
      const events = recordRequests(slow);
      hub.control.setLatency({ ms: 2000, routes: ['live-metrics'] });
      const samples: HubMetricEvent[] = [];
      const subscription = slow.liveMetrics('alice/public-app', null).subscribe((sample) => samples.push(sample));
      await waitFor(() => events.length >= 2);
      hub.control.setLatency(null);
      await waitFor(() => samples.length >= 1);
      subscription.unsubscribe();
      expect(events.slice(0, 2)).toEqual([
        expect.objectContaining({ route: METRICS_ROUTE, status: 'error' }),
        expect.objectContaining({ route: METRICS_ROUTE, status: 'error' }),
      ]);
    });

    it('ends with HubBadRequestError (406) for a static Space, without reconnecting', async () => {
      const error = await failure(client.liveMetrics('alice/static-site', null));
      expect(error).toBeInstanceOf(HubBadRequestError);
      expect(error).toMatchObject({ status: 406, hubMessage: 'Space is stale' });
      expect(hub.counters.requests({ route: 'live-metrics' })).toBe(1);
    });

    it('ends with HubNotFoundError for a private Space asked anonymously (401) and a missing one (404)', async () => {
      await expect(failure(client.liveMetrics('alice/private-app', null))).resolves.toMatchObject({ name: 'HubNotFoundError', status: 401 });
      const missing = await failure(client.liveMetrics('alice/nothing', TOKENS.aliceWrite));
      expect(missing).toBeInstanceOf(HubNotFoundError);
      expect(missing).toMatchObject({ status: 404, errorCode: 'RepoNotFound' });
      expect(hub.counters.requests({ route: 'live-metrics' })).toBe(2);
    });

    it('ends with HubUnauthorizedError for an invalid token', async () => {
      await expect(failure(client.liveMetrics('alice/public-app', TOKENS.unknown))).resolves.toBeInstanceOf(HubUnauthorizedError);
    });
  });

  describe('statusEvents', () => {
    it('gives the current stage, then every change after a restart', async () => {
      const stages: string[] = [];
      const subscription = client.statusEvents('alice/private-app', TOKENS.aliceWrite).subscribe((stage) => stages.push(stage));
      await waitFor(() => stages.length === 1);
      await client.restart('alice/private-app', TOKENS.aliceWrite);
      await waitFor(() => stages[stages.length - 1] === 'RUNNING' && stages.length > 1);
      subscription.unsubscribe();
      expect(stages).toEqual(['RUNNING', 'BUILDING', 'APP_STARTING', 'RUNNING']);
    });

    it('reports what the infrastructure says of a static Space', async () => {
      await expect(collect(client.statusEvents('alice/static-site', null), 1)).resolves.toEqual(['CONFIG_ERROR']);
    });
  });

  describe('logs', () => {
    it('replays the run log, starting with the startup banner', async () => {
      const lines = await collect(client.logs('alice/public-app', TOKENS.aliceWrite, 'run'), 2);
      expect(lines[0].data).toMatch(/^===== Application Startup at .* =====\n$/);
      expect(lines[0].timestamp).toEqual(expect.any(String));
    });

    it('completes the build log when the build is over', async () => {
      await client.restart('bob/app', TOKENS.bobWrite);
      const lines = await lastValueFrom(client.logs('bob/app', TOKENS.bobWrite, 'build').pipe(toArray()));
      expect(lines[0].data).toMatch(/^===== Build Queued at /);
      expect(lines[lines.length - 1].data).toMatch(/^DONE /);
      expect(hub.counters.requests({ route: 'space-logs' })).toBe(1);
    });

    it('does not repeat lines the Hub replays after a reconnection', async () => {
      const lines: HubLogLine[] = [];
      const subscription = client.logs('alice/public-app', TOKENS.aliceWrite, 'run').subscribe((line) => lines.push(line));
      // The five history lines, then a few live ones.
      await waitFor(() => lines.length >= 8);
      hub.control.hubDown('reset');
      hub.control.hubUp();
      const beforeDrop = lines.length;
      await waitFor(() => hub.counters.requests({ route: 'space-logs' }) >= 2 && lines.length >= beforeDrop + 3);
      subscription.unsubscribe();
      // A fresh connection replays the whole log: what we got must be exactly its start, nothing twice, nothing lost.
      const replay = await collect(client.logs('alice/public-app', TOKENS.aliceWrite, 'run'), lines.length);
      expect(lines).toEqual(replay);
      expect(lines.filter((line) => line.data.startsWith('===== Application Startup'))).toHaveLength(1);
    });

    it('ends with HubForbiddenError for a read-only token', async () => {
      await expect(failure(client.logs('alice/public-app', TOKENS.aliceRead, 'run'))).resolves.toBeInstanceOf(HubForbiddenError);
    });
  });
});
