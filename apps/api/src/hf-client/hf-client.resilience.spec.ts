import { DEFAULT_RATE_LIMIT, type HubEmulator } from '@hfd/hub-emulator';
import { HubRateLimitedError } from './hf-client.errors';
import { TOKENS, captureLogs, recordRequests, startTestHub, testClient } from './testing/hub-test-kit';

/** Retries, timeouts and rate limits, against the hub emulator's faults over loopback HTTP. */
describe('HfClientService resilience (hub emulator)', () => {
  const logs = captureLogs();
  let hub: HubEmulator;
  const runtimeRoute = 'GET /api/spaces/{owner}/{name}/runtime';

  beforeAll(async () => {
    hub = await startTestHub();
  });

  beforeEach(() => {
    hub.control.clearFaults();
    hub.control.setRateLimit(DEFAULT_RATE_LIMIT);
    hub.control.resetCounters();
    logs.lines.length = 0;
  });

  afterAll(async () => {
    await hub.close();
    logs.restore();
  });

  describe('reads', () => {
    it('retry a 503 and succeed', async () => {
      const client = testClient(hub);
      const events = recordRequests(client);
      hub.control.failRoute({ route: 'space-runtime', status: 503, times: 1 });
      await expect(client.runtime('alice/public-app', null)).resolves.toMatchObject({ stage: 'RUNNING' });
      expect(events.map((event) => [event.route, event.status])).toEqual([
        [runtimeRoute, 503],
        [runtimeRoute, 200],
      ]);
      expect(hub.counters.requests({ route: 'space-runtime' })).toBe(2);
      expect(logs.lines.some((line) => line.includes('attempt 2 of 4'))).toBe(true);
    });

    it('end a retry wait at once when the application stops, so no timer outlives it', async () => {
      const client = testClient(hub, { retry: { initialDelayMs: 20_000, maxDelayMs: 20_000, budgetMs: 60_000 } });
      hub.control.failRoute({ route: 'space-runtime', status: 503 });
      const read = client.runtime('alice/public-app', null);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const stoppedAt = Date.now();
      client.onModuleDestroy();
      await expect(read).rejects.toThrow('The application is stopping');
      expect(Date.now() - stoppedAt).toBeLessThan(1000);
      expect(hub.counters.requests({ route: 'space-runtime' })).toBe(1);
    });

    it('give up after maxAttempts, with the last error', async () => {
      const client = testClient(hub, { retry: { maxAttempts: 3 } });
      hub.control.failRoute({ route: 'space-info', status: 502 });
      await expect(client.spaceInfo('alice/public-app', null)).rejects.toMatchObject({ name: 'HubUnavailableError', status: 502, reason: 'server' });
      expect(hub.counters.requests({ route: 'space-info' })).toBe(3);
    });

    it('stop retrying when the next wait would pass the time budget', async () => {
      const client = testClient(hub, { retry: { initialDelayMs: 100, budgetMs: 150 } });
      hub.control.failRoute({ route: 'space-runtime', status: 500 });
      await expect(client.runtime('alice/public-app', null)).rejects.toMatchObject({ status: 500 });
      // 100 ms after the first failure, then 200 ms: the second wait does not fit.
      expect(hub.counters.requests({ route: 'space-runtime' })).toBe(2);
    });

    it('time out after timeoutMs, retry, and report a timeout', async () => {
      const client = testClient(hub, { timeoutMs: 200, retry: { maxAttempts: 2 } });
      const events = recordRequests(client);
      hub.control.setLatency({ ms: 1500, routes: ['space-runtime'] });
      const started = Date.now();
      const error = await client.runtime('alice/public-app', null).catch((caught: unknown) => caught);
      expect(error).toMatchObject({ name: 'HubUnavailableError', reason: 'timeout', status: null });
      expect(Date.now() - started).toBeLessThan(1400);
      expect(events.map((event) => event.status)).toEqual(['error', 'error']);
      expect(hub.counters.requests({ route: 'space-runtime' })).toBe(2);
    });

    it("stop at once, without a HubError, when the caller's signal aborts", async () => {
      const client = testClient(hub);
      hub.control.setLatency({ ms: 1000, routes: ['space-runtime'] });
      const caller = new AbortController();
      setTimeout(() => caller.abort(new Error('caller left')), 100);
      await expect(client.runtime('alice/public-app', null, { signal: caller.signal })).rejects.toThrow('caller left');
      expect(hub.counters.requests({ route: 'space-runtime' })).toBe(1);
    });
  });

  describe('mutations', () => {
    it('are not retried on 5xx', async () => {
      const client = testClient(hub);
      hub.control.failRoute({ route: 'space-restart', status: 503, times: 1 });
      await expect(client.restart('bob/app', TOKENS.bobWrite)).rejects.toMatchObject({ name: 'HubUnavailableError', status: 503 });
      expect(hub.counters.requests({ route: 'space-restart' })).toBe(1);
    });

    it('are not retried after a timeout either', async () => {
      const client = testClient(hub, { timeoutMs: 200 });
      hub.control.setLatency({ ms: 1000, routes: ['space-pause'] });
      await expect(client.pause('bob/app', TOKENS.bobWrite)).rejects.toMatchObject({ reason: 'timeout' });
      expect(hub.counters.requests({ route: 'space-pause' })).toBe(1);
    });
  });

  describe('rate limits', () => {
    /**
     * Uses up a two-second window of `quota` requests for a token, through another client.
     * The emulator then answers 429 with t = 1 or 2 (whole seconds left), so clients wait 2 or 3 s.
     */
    async function exhaust(token: string, quota: number): Promise<void> {
      hub.control.setRateLimit({ quota, windowSeconds: 2 });
      const other = testClient(hub);
      for (let i = 0; i < quota; i += 1) await other.runtime('alice/public-app', token);
      hub.control.resetCounters();
    }

    it('wait t + 1 s after a 429, then retry', async () => {
      await exhaust(TOKENS.aliceWrite, 2);
      const client = testClient(hub);
      const events = recordRequests(client);
      await expect(client.runtime('alice/public-app', TOKENS.aliceWrite)).resolves.toMatchObject({ stage: 'RUNNING' });
      expect(events.map((event) => event.status)).toEqual([429, 200]);
      expect(events[0].rateLimitRemaining).toBe(0);
      // t is at least 1, so the retry comes at least t + 1 = 2 s later.
      expect(events[1].at - events[0].at).toBeGreaterThanOrEqual(1950);
      expect(hub.counters.requests({ route: 'space-runtime' })).toBe(2);
    });

    it('fail at once when the wait exceeds the budget, and send nothing with that identity before the reset', async () => {
      await exhaust(TOKENS.aliceWrite, 1);
      const client = testClient(hub, { retry: { budgetMs: 500 } });
      const started = Date.now();
      const error = (await client.runtime('alice/public-app', TOKENS.aliceWrite).catch((caught: unknown) => caught)) as HubRateLimitedError;
      expect(error).toBeInstanceOf(HubRateLimitedError);
      expect(error).toMatchObject({ status: 429 });
      expect([2000, 3000]).toContain(error.retryAfterMs);
      expect(error.hubMessage).toContain('exceeded the rate limit');
      expect(Date.now() - started).toBeLessThan(500);
      expect(hub.counters.requests()).toBe(1);

      // Before the reset: reads and mutations with that token fail without a request.
      await expect(client.runtime('alice/public-app', TOKENS.aliceWrite)).rejects.toBeInstanceOf(HubRateLimitedError);
      await expect(client.listSpaces('alice', TOKENS.aliceWrite)).rejects.toBeInstanceOf(HubRateLimitedError);
      const refused = (await client.restart('alice/public-app', TOKENS.aliceWrite).catch((caught: unknown) => caught)) as HubRateLimitedError;
      expect(refused).toBeInstanceOf(HubRateLimitedError);
      expect(refused.retryAt).toBeGreaterThanOrEqual(error.retryAt - 50);
      expect(hub.counters.requests()).toBe(1);

      // Other identities are not held back.
      await expect(client.runtime('alice/public-app', TOKENS.bobWrite)).resolves.toMatchObject({ stage: 'RUNNING' });
      await expect(client.runtime('alice/public-app', null)).resolves.toMatchObject({ stage: 'RUNNING' });
      expect(hub.counters.requests({ token: 'alice/dashboard' })).toBe(1);

      // After the reset, requests go out again.
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, error.retryAt - Date.now()) + 20));
      await expect(client.runtime('alice/public-app', TOKENS.aliceWrite)).resolves.toMatchObject({ stage: 'RUNNING' });
      expect(hub.counters.requests({ token: 'alice/dashboard' })).toBe(2);
    });

    it('fail at once, with the wait, for a caller that may not wait (maxRateLimitWaitMs: 0)', async () => {
      await exhaust(TOKENS.aliceWrite, 1);
      const client = testClient(hub);
      const started = Date.now();
      const error = (await client.runtime('alice/public-app', TOKENS.aliceWrite, { maxRateLimitWaitMs: 0 }).catch((caught: unknown) => caught)) as HubRateLimitedError;
      expect(error).toBeInstanceOf(HubRateLimitedError);
      expect([2000, 3000]).toContain(error.retryAfterMs);
      expect(Date.now() - started).toBeLessThan(1000);
      expect(hub.counters.requests()).toBe(1);
      // The gate learned the wait: the next read is refused without a request, even one that could wait.
      await expect(client.runtime('alice/public-app', TOKENS.aliceWrite)).rejects.toBeInstanceOf(HubRateLimitedError);
      expect(hub.counters.requests()).toBe(1);
    });

    it('hold back after a success that used up the window, without waiting for a 429', async () => {
      hub.control.setRateLimit({ quota: 1, windowSeconds: 1 });
      const client = testClient(hub, { retry: { budgetMs: 500 } });
      await client.runtime('alice/public-app', TOKENS.bobWrite);
      await expect(client.runtime('alice/public-app', TOKENS.bobWrite)).rejects.toMatchObject({ name: 'HubRateLimitedError', status: 429 });
      expect(hub.counters.requests({ route: 'space-runtime' })).toBe(1);
    });

    it('keep the whoami-v2 limit apart from the rest of the API', async () => {
      hub.control.setRateLimit({ whoamiQuota: 1, whoamiWindowSeconds: 60 });
      await testClient(hub).whoami(TOKENS.aliceRead);
      const client = testClient(hub, { retry: { budgetMs: 1000 } });
      const limited = (await client.whoami(TOKENS.aliceRead).catch((caught: unknown) => caught)) as HubRateLimitedError;
      expect(limited).toBeInstanceOf(HubRateLimitedError);
      expect(limited.retryAfterMs).toBeGreaterThanOrEqual(60_000);
      await expect(client.runtime('alice/public-app', TOKENS.aliceRead)).resolves.toMatchObject({ stage: 'RUNNING' });
      await expect(client.whoami(TOKENS.aliceRead)).rejects.toBeInstanceOf(HubRateLimitedError);
      expect(hub.counters.requests({ route: 'whoami' })).toBe(2);
    });
  });

  describe('concurrent identical reads', () => {
    it('share one Hub request (and its retries), however many callers wait', async () => {
      const client = testClient(hub, { timeoutMs: 200, retry: { maxAttempts: 2 } });
      hub.control.setLatency({ ms: 1000, routes: ['space-info'] });
      const callers = Array.from({ length: 20 }, () => client.spaceInfo('alice/public-app', TOKENS.aliceWrite).catch((caught: unknown) => caught));
      for (const outcome of await Promise.all(callers)) expect(outcome).toMatchObject({ name: 'HubUnavailableError', reason: 'timeout' });
      expect(hub.counters.requests({ route: 'space-info' })).toBe(2);

      hub.control.setLatency({ ms: 100, routes: ['space-info'] });
      const answers = await Promise.all(Array.from({ length: 20 }, () => client.spaceInfo('alice/public-app', TOKENS.aliceWrite)));
      expect(new Set(answers.map((space) => space.id))).toEqual(new Set(['alice/public-app']));
      expect(hub.counters.requests({ route: 'space-info' })).toBe(3);
    });

    it('are shared only for the same identity and URL', async () => {
      const client = testClient(hub);
      hub.control.setLatency({ ms: 200, routes: ['space-runtime'] });
      await Promise.all([
        client.runtime('alice/public-app', TOKENS.aliceWrite),
        client.runtime('alice/public-app', TOKENS.aliceWrite),
        client.runtime('alice/public-app', TOKENS.aliceRead),
        client.runtime('alice/public-app', null),
        client.runtime('bob/app', TOKENS.aliceWrite),
      ]);
      expect(hub.counters.requests({ route: 'space-runtime' })).toBe(4);
      expect(hub.counters.requests({ route: 'space-runtime', token: 'alice/dashboard' })).toBe(2);
    });

    it('are sent again once the shared one has settled: answers are not cached', async () => {
      const client = testClient(hub);
      await client.runtime('alice/public-app', null);
      await client.runtime('alice/public-app', null);
      expect(hub.counters.requests({ route: 'space-runtime' })).toBe(2);
    });

    it('let one caller leave without failing the others', async () => {
      const client = testClient(hub);
      hub.control.setLatency({ ms: 300, routes: ['space-runtime'] });
      const leaving = new AbortController();
      const left = client.runtime('alice/public-app', null, { signal: leaving.signal });
      const staying = client.runtime('alice/public-app', null);
      setTimeout(() => leaving.abort(new Error('caller left')), 50);
      await expect(left).rejects.toThrow('caller left');
      await expect(staying).resolves.toMatchObject({ stage: 'RUNNING' });
      expect(hub.counters.requests({ route: 'space-runtime' })).toBe(1);
    });

    it('are never mutations: each action is its own request', async () => {
      const client = testClient(hub);
      await Promise.all([client.pause('bob/app', TOKENS.bobWrite), client.pause('bob/app', TOKENS.bobWrite)]);
      expect(hub.counters.requests({ route: 'space-pause' })).toBe(2);
      await client.restart('bob/app', TOKENS.bobWrite);
    });
  });

  describe('observability', () => {
    it('reports each request with its route template, status, duration and remaining quota, and never a token', async () => {
      const client = testClient(hub);
      const events = recordRequests(client);
      await client.runtime('alice/private-app', TOKENS.aliceWrite);
      await client.listSpaces('alice', TOKENS.aliceWrite);
      await client.pause('alice/private-app', TOKENS.aliceWrite).then(() => client.restart('alice/private-app', TOKENS.aliceWrite));
      await client.runtime('alice/no-such-space', TOKENS.aliceWrite).catch(() => undefined);
      expect(events.map(({ route, status }) => ({ route, status }))).toEqual([
        { route: runtimeRoute, status: 200 },
        { route: 'GET /api/spaces', status: 200 },
        { route: 'POST /api/spaces/{owner}/{name}/pause', status: 200 },
        { route: 'POST /api/spaces/{owner}/{name}/restart', status: 200 },
        { route: runtimeRoute, status: 404 },
      ]);
      for (const event of events) {
        expect(event.durationMs).toBeGreaterThanOrEqual(0);
        expect(event.rateLimitRemaining).toEqual(expect.any(Number));
      }
      expect(JSON.stringify(events)).not.toContain(TOKENS.aliceWrite);
    });

    it('logs requests and retries without tokens', async () => {
      const client = testClient(hub);
      hub.control.failRoute({ route: 'space-runtime', status: 503, times: 1 });
      await client.runtime('alice/private-app', TOKENS.aliceWrite);
      await client.runtime('alice/public-app', TOKENS.unknown).catch(() => undefined);
      expect(logs.lines.length).toBeGreaterThanOrEqual(3);
      for (const token of Object.values(TOKENS)) expect(logs.lines.join('\n')).not.toContain(token);
      expect(logs.lines.join('\n')).not.toMatch(/authorization|bearer/i);
    });
  });
});
