import { call, useHub } from '../../testing/hub-test-kit';
import { SseTestClient } from '../../testing/sse-test-client';

describe('fault injection', () => {
  const hub = useHub({ metricsIntervalMs: 30, keepAliveMs: 100 });
  const clients: SseTestClient[] = [];
  const open = async (path: string, headers: Record<string, string> = {}) => {
    const client = await SseTestClient.open(`${hub().url}${path}`, headers);
    clients.push(client);
    return client;
  };
  const control = (path: string, method: string, body?: unknown) => call(hub(), `/__emulator${path}`, { method, body });
  afterEach(async () => {
    clients.splice(0).forEach((c) => c.close());
    hub().control.clearFaults();
  });

  describe('latency', () => {
    it('delays requests by at least the configured time', async () => {
      hub().control.setLatency({ ms: 300, jitterMs: 50 });
      const started = Date.now();
      expect((await call(hub(), '/api/spaces?limit=1')).status).toBe(200);
      expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    });

    it('can target chosen routes only (set over HTTP)', async () => {
      const res = await control('/faults/latency', 'POST', { ms: 600_000, routes: ['whoami'] });
      expect(res.body).toMatchObject({ latency: { ms: 600_000, jitterMs: 0, routes: ['whoami'] } });
      // A delayed route would hang past the spec timeout; these answer.
      expect((await call(hub(), '/api/spaces?limit=1')).status).toBe(200);
      expect((await call(hub(), '/api/spaces/alice/portfolio/runtime')).status).toBe(200);
    });
  });

  describe('error statuses', () => {
    it('fails a route a number of times, then lets it through', async () => {
      hub().control.failRoute({ route: 'space-runtime', status: 500, times: 2 });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(hub(), '/api/spaces/alice/portfolio/runtime')).status);
      expect(statuses).toEqual([500, 500, 200]);
      expect((await call(hub(), '/api/spaces/alice/portfolio')).status).toBe(200);
    });

    it('answers 502/503 with CloudFront’s HTML page, only for the chosen method', async () => {
      await control('/faults/errors', 'POST', { route: 'space-restart', method: 'post', status: 503 });
      const res = await call(hub(), '/api/spaces/alice/telegram-bot/restart', { method: 'POST', token: 'demo-alice-write' });
      expect(res.status).toBe(503);
      expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(res.headers.get('x-cache')).toBe('Error from cloudfront');
      expect(res.text).toContain('<TITLE>ERROR: The request could not be satisfied</TITLE>');
      expect(res.text).toContain('503 ERROR');
      expect((await call(hub(), '/api/spaces/alice/telegram-bot/runtime', { token: 'demo-alice-write' })).status).toBe(200);
    });

    it('sends a JSON error body when asked', async () => {
      hub().control.failRoute({ route: 'spaces-list', status: 502, body: 'json', message: 'upstream hiccup' });
      const res = await call(hub(), '/api/spaces');
      expect(res.status).toBe(502);
      expect(res.body).toEqual({ error: 'upstream hiccup' });
    });

    it('fails a share of the requests, from the seeded PRNG', async () => {
      hub().control.failRoute({ route: 'space-info', status: 500, share: 0.5 });
      let failed = 0;
      for (let i = 0; i < 100; i++) if ((await call(hub(), '/api/spaces/alice/portfolio')).status === 500) failed++;
      expect(failed).toBeGreaterThan(20);
      expect(failed).toBeLessThan(80);
      hub().control.clearFaults();
      hub().control.failRoute({ route: '*', status: 500, share: 0 });
      expect((await call(hub(), '/api/spaces/alice/portfolio')).status).toBe(200);
    });

    it('rejects a bad fault with 400 naming the field', async () => {
      const res = await control('/faults/errors', 'POST', { route: 'spaces-list', status: 200 });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: expect.stringMatching(/^Invalid error fault: status: /) });
      expect(() => hub().control.failRoute({ route: 'nowhere' as never, status: 500 })).toThrow(/route/);
    });
  });

  describe('rate limits', () => {
    it('changes quota and window at run time', async () => {
      const res = await control('/rate-limit', 'POST', { quota: 2, windowSeconds: 60 });
      expect(res.body).toMatchObject({ quota: 2, windowSeconds: 60 });
      const statuses = [];
      for (let i = 0; i < 3; i++) statuses.push((await call(hub(), '/api/spaces?limit=1', { token: 'demo-bob-read' })).status);
      expect(statuses).toEqual([200, 200, 429]);
      hub().control.setRateLimit({ quota: 1000, windowSeconds: 300 });
      expect((await call(hub(), '/api/spaces?limit=1', { token: 'demo-bob-read' })).status).toBe(200);
    });
  });

  describe('streams', () => {
    it('drops a stream after N events', async () => {
      hub().control.dropStreams({ afterEvents: 3, kind: 'metrics' });
      const metrics = await open('/v1/bob/music-gen/live-metrics/sse');
      const status = await open('/v1/bob/music-gen/sse');
      expect(await metrics.ended).toBe('error');
      expect(metrics.events).toHaveLength(3);
      await status.next();
      expect(hub().counters.openStreams({ spaceId: 'bob/music-gen', kind: 'status' })).toBe(1);
    });

    it('sends invalid JSON in data: every Nth event', async () => {
      hub().control.malformEvents({ every: 2, kind: 'metrics', spaceId: 'bob/music-gen' });
      const client = await open('/v1/bob/music-gen/live-metrics/sse');
      const events = await client.take(6);
      const valid = events.map((e) => {
        try {
          JSON.parse(e.data);
          return true;
        } catch {
          return false;
        }
      });
      expect(valid).toEqual([true, false, true, false, true, false]);
      expect(events.every((e) => e.event === 'metric' && e.data.startsWith('{'))).toBe(true);
    });

    it('breaks log lines too (set over HTTP)', async () => {
      await control('/faults/streams', 'POST', { kind: 'logs', malformedEvery: 1 });
      const client = await open('/api/spaces/alice/telegram-bot/logs/build', { Authorization: 'Bearer demo-alice-write' });
      await client.ended;
      expect(client.events.length).toBeGreaterThan(0);
      for (const event of client.events) expect(() => JSON.parse(event.data)).toThrow();
    });
  });

  describe('the whole hub down', () => {
    it('answers 503 for everything, cuts open streams, keeps control reachable, and comes back', async () => {
      const stream = await open('/v1/alice/portfolio/sse');
      await stream.next();
      await control('/faults/down', 'POST', { mode: '503' });
      expect(await stream.ended).toBe('error');
      for (const path of ['/api/spaces', '/api/whoami-v2', '/v1/alice/portfolio/sse', '/somewhere']) {
        const res = await call(hub(), path);
        expect({ path, status: res.status }).toEqual({ path, status: 503 });
        expect(res.text).toContain('503 ERROR');
      }
      expect((await control('/faults', 'GET')).body).toMatchObject({ down: '503' });
      await control('/faults/up', 'POST');
      expect((await call(hub(), '/api/spaces?limit=1')).status).toBe(200);
    });

    it('resets connections in reset mode', async () => {
      hub().control.hubDown('reset');
      await expect(fetch(`${hub().url}/api/spaces?limit=1`)).rejects.toThrow();
      await expect(fetch(`${hub().url}/v1/alice/portfolio/sse`)).rejects.toThrow();
      hub().control.hubUp();
      expect((await call(hub(), '/api/spaces?limit=1')).status).toBe(200);
    });
  });

  it('clears every fault at once', async () => {
    hub().control.setLatency({ ms: 10 });
    hub().control.failRoute({ status: 500 });
    hub().control.dropStreams({ afterEvents: 1 });
    hub().control.hubDown();
    const cleared = await control('/faults', 'DELETE');
    expect(cleared.body).toEqual({ latency: null, errors: [], streams: [], down: null });
    expect((await call(hub(), '/api/spaces?limit=1')).status).toBe(200);
  });
});
