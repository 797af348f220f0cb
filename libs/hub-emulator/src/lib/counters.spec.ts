import { call, until, useHub } from '../testing/hub-test-kit';
import { SseTestClient } from '../testing/sse-test-client';
import { EmulatorCounters } from './counters';

describe('EmulatorCounters', () => {
  it('sums requests by any combination of route, method and token label', () => {
    const counters = new EmulatorCounters();
    counters.recordRequest('spaces-list', 'GET', 'alice/dashboard');
    counters.recordRequest('spaces-list', 'GET', 'alice/dashboard');
    counters.recordRequest('space-restart', 'POST', 'alice/dashboard');
    counters.recordRequest('spaces-list', 'GET', 'anonymous');
    expect(counters.requests()).toBe(4);
    expect(counters.requests({ route: 'spaces-list' })).toBe(3);
    expect(counters.requests({ method: 'post' })).toBe(1);
    expect(counters.requests({ token: 'alice/dashboard', route: 'spaces-list' })).toBe(2);
    expect(counters.requestRows({ token: 'anonymous' })).toEqual([{ route: 'spaces-list', method: 'GET', token: 'anonymous', count: 1 }]);
  });

  it('tracks open streams per Space and kind, and keeps them across a reset', () => {
    const counters = new EmulatorCounters();
    counters.streamOpened('a/b', 'metrics');
    counters.streamOpened('a/b', 'status');
    counters.streamOpened('c/d', 'metrics');
    counters.streamClosed('a/b', 'status');
    counters.recordRequest('whoami', 'GET', 'anonymous');
    counters.reset();
    expect(counters.snapshot()).toEqual({
      totalRequests: 0,
      requests: [],
      streamsOpened: 0,
      openStreams: { total: 2, byKind: { metrics: 2, status: 0, logs: 0 }, bySpace: { 'a/b': { metrics: 1, status: 0, logs: 0 }, 'c/d': { metrics: 1, status: 0, logs: 0 } } },
      spaces: {},
    });
    expect(counters.openStreams({ kind: 'metrics' })).toBe(2);
    expect(counters.openStreams({ spaceId: 'A/B' })).toBe(1);
  });
});

describe('counters over HTTP', () => {
  const hub = useHub();
  beforeEach(() => hub().control.resetCounters());

  it('counts requests per route, method and token label, never the token itself', async () => {
    await call(hub(), '/api/spaces?author=alice', { token: 'demo-alice-write' });
    await call(hub(), '/api/spaces?author=alice', { token: 'demo-alice-write' });
    await call(hub(), '/api/spaces/alice/portfolio/runtime');
    await call(hub(), '/api/spaces/alice/telegram-bot/pause', { method: 'POST', token: 'demo-alice-read' });
    await call(hub(), '/api/whoami-v2', { token: 'hf_not_a_real_token' });
    await call(hub(), '/api/nothing-here');

    const counters = hub().counters;
    expect(counters.requests({ route: 'spaces-list', method: 'GET', token: 'alice/dashboard' })).toBe(2);
    expect(counters.requests({ route: 'space-runtime', token: 'anonymous' })).toBe(1);
    expect(counters.requests({ route: 'space-pause', method: 'POST', token: 'alice/ci-read' })).toBe(1);
    expect(counters.requests({ route: 'whoami', token: 'invalid-token' })).toBe(1);
    expect(counters.requests({ route: 'unknown' })).toBe(1);
    expect(counters.requests()).toBe(6);

    const res = await call(hub(), '/__emulator/counters');
    expect(res.body).toMatchObject({ totalRequests: 6 });
    expect(res.text).not.toMatch(/demo-alice|hf_not_a_real_token/);
    expect(counters.requests()).toBe(6);
  });

  it('counts open streams per Space and kind while they are open', async () => {
    const auth = { Authorization: 'Bearer demo-alice-write' };
    const clients = await Promise.all([
      SseTestClient.open(`${hub().url}/v1/alice/whisper-transcriber/live-metrics/sse`),
      SseTestClient.open(`${hub().url}/v1/alice/whisper-transcriber/live-metrics/sse`),
      SseTestClient.open(`${hub().url}/v1/alice/whisper-transcriber/sse`),
      SseTestClient.open(`${hub().url}/api/spaces/alice/telegram-bot/logs/run`, auth),
    ]);
    try {
      const counters = hub().counters;
      expect(counters.openStreams({ spaceId: 'alice/whisper-transcriber', kind: 'metrics' })).toBe(2);
      expect(counters.openStreams({ spaceId: 'alice/whisper-transcriber' })).toBe(3);
      expect(counters.openStreams({ kind: 'logs' })).toBe(1);
      expect(counters.openStreams()).toBe(4);
      expect((await call(hub(), '/__emulator/counters')).body).toMatchObject({
        streamsOpened: 4,
        openStreams: { total: 4, byKind: { metrics: 2, status: 1, logs: 1 }, bySpace: { 'alice/whisper-transcriber': { metrics: 2, status: 1, logs: 0 } } },
      });
    } finally {
      clients.forEach((c) => c.close());
    }
    await until(() => hub().counters.openStreams() === 0);
  });

  it('counts visits and actions per Space, case-insensitively, and forgets them on reset', async () => {
    // A private Space: its app needs a token that may read it.
    const auth = { headers: { Authorization: 'Bearer demo-alice-read' } };
    await fetch(`${hub().url}/_apps/alice-telegram-bot/`, auth);
    await fetch(`${hub().url}/_apps/alice-telegram-bot/healthz`, auth);
    await call(hub(), '/api/spaces/alice/telegram-bot/restart', { method: 'POST', token: 'demo-alice-write' });
    await call(hub(), '/api/spaces/alice/telegram-bot/restart?factory=true', { method: 'POST', token: 'demo-alice-write' });
    await call(hub(), '/api/spaces/alice/telegram-bot/pause', { method: 'POST', token: 'demo-alice-read' });
    const activity = { visits: 2, restarts: 1, rebuilds: 1, pauses: 0, wakes: 0, sleeps: 0, crashes: 0 };
    expect(hub().counters.space('Alice/Telegram-Bot')).toEqual(activity);
    expect((await call(hub(), '/__emulator/counters')).body).toMatchObject({ spaces: { 'alice/telegram-bot': activity } });
    expect((await call(hub(), '/__emulator/counters', { method: 'DELETE' })).body).toMatchObject({ spaces: {} });
    expect(hub().counters.space('alice/telegram-bot').visits).toBe(0);
  });

  it('resets request counts over HTTP', async () => {
    await call(hub(), '/api/spaces?limit=1');
    const res = await call(hub(), '/__emulator/counters', { method: 'DELETE' });
    expect(res.body).toMatchObject({ totalRequests: 0, requests: [] });
    expect(hub().counters.requests()).toBe(0);
  });
});
