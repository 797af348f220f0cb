import { call, useHub } from '../../testing/hub-test-kit';
import { ALICE, BOB, scenarioWith } from '../../testing/manual-hub';

describe('the app host: /_apps/{subdomain}/… stands in for https://{subdomain}.hf.space (docs/hub-api.md §0.1)', () => {
  const hub = useHub({
    scenario: scenarioWith([
      { id: 'alice/app', cardData: { title: 'My <App>' } },
      { id: 'alice/Chat_Bot', app: { status: 200, body: 'pong', contentType: 'text/plain' } },
      { id: 'alice/secret', private: true },
      { id: 'alice/site', sdk: 'static' },
      { id: 'alice/paused', stage: 'PAUSED' },
      { id: 'alice/stuck', stage: 'BUILDING', stuckBuild: { duration: 'never' } },
    ]),
  });
  beforeEach(() => {
    hub().control.resetCounters();
    hub().control.setApp('alice/app', null);
  });
  const visit = (path: string, init: RequestInit = {}) => fetch(`${hub().url}/_apps/${path}`, init);

  it('serves each Space’s app on any path under its subdomain, outside the Hub API', async () => {
    expect(hub().appUrlTemplate).toBe(`${hub().url}/_apps/{subdomain}`);
    const home = await visit('alice-app');
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(await home.text()).toContain('<title>My &lt;App&gt;</title>');
    // The subdomain rule of §0.1: lower-cased, runs outside [a-z0-9-] as "-".
    const api = await visit('alice-chat-bot/api/predict?x=1', { method: 'POST' });
    expect({ status: api.status, type: api.headers.get('content-type'), body: await api.text() }).toEqual({
      status: 200,
      type: 'text/plain; charset=utf-8',
      body: 'pong',
    });
    expect(home.headers.get('x-powered-by')).toBeNull();
    expect(home.headers.get('ratelimit')).toBeNull();
    expect(hub().counters.requests()).toBe(0);
    expect(hub().counters.space('alice/app').visits).toBe(1);
    expect(hub().counters.space('ALICE/chat_bot').visits).toBe(1);
  });

  it('answers the status, body and latency set through control, and the scenario’s again after a reset', async () => {
    expect(hub().control.setApp('alice/app', { status: 502, body: 'Bad gateway' })).toMatchObject({ status: 502, body: 'Bad gateway', latencyMs: 0 });
    const failing = await visit('alice-app/health');
    expect({ status: failing.status, body: await failing.text() }).toEqual({ status: 502, body: 'Bad gateway' });

    hub().control.setApp('alice/app', { latencyMs: 300 });
    const started = Date.now();
    expect((await visit('alice-app')).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(300);

    hub().control.setApp('alice/app', null);
    expect(await (await visit('alice-app')).text()).toContain('alice/app is running.');
  });

  it('does not answer at all when set to hang, so the caller’s timeout ends the request', async () => {
    hub().control.setApp('alice/app', { hang: true });
    await expect(visit('alice-app', { signal: AbortSignal.timeout(300) })).rejects.toThrow(/aborted due to timeout/);
    expect(hub().counters.space('alice/app').visits).toBe(1);
  });

  it('hides a private Space’s app from callers who may not read it, without counting a visit', async () => {
    expect((await visit('alice-secret')).status).toBe(404);
    expect((await visit('alice-secret', { headers: { Authorization: `Bearer ${BOB}` } })).status).toBe(404);
    expect((await visit('alice-secret', { headers: { Authorization: 'Bearer not-a-token' } })).status).toBe(404);
    expect(hub().counters.space('alice/secret').visits).toBe(0);
    expect((await visit('alice-secret', { headers: { Authorization: `Bearer ${ALICE}` } })).status).toBe(200);
    expect(hub().counters.space('alice/secret').visits).toBe(1);
    expect((await visit('nobody-nothing')).status).toBe(404);
  });

  it('serves a static Space always, and stands in for an app that does not serve', async () => {
    expect((await visit('alice-site')).status).toBe(200);
    const paused = await visit('alice-paused');
    expect({ status: paused.status, body: await paused.text() }).toEqual({ status: 503, body: expect.stringContaining('paused by its owner') });
    const building = await visit('alice-stuck');
    expect({ status: building.status, body: await building.text() }).toEqual({ status: 503, body: expect.stringContaining('not running (BUILDING)') });
    // Visiting wakes only sleeping Spaces (docs/hub-api.md §9): these stay where they were.
    expect((await call(hub(), '/api/spaces/alice/paused/runtime')).body).toMatchObject({ stage: 'PAUSED' });
    expect((await call(hub(), '/api/spaces/alice/stuck/runtime')).body).toMatchObject({ stage: 'BUILDING' });
    expect(hub().counters.space('alice/paused')).toMatchObject({ visits: 1, wakes: 0 });
  });

  it('is changed over HTTP at /__emulator/spaces/{id}/app, with 400 naming a bad field', async () => {
    const set = await call(hub(), '/__emulator/spaces/alice/app/app', { method: 'POST', body: { status: 503, body: 'maintenance' } });
    expect(set.body).toEqual({ status: 503, latencyMs: 0, body: 'maintenance', contentType: 'text/html; charset=utf-8', hang: false });
    expect((await visit('alice-app')).status).toBe(503);
    const bad = await call(hub(), '/__emulator/spaces/alice/app/app', { method: 'POST', body: { status: 99 } });
    expect(bad).toMatchObject({ status: 400, body: { error: expect.stringMatching(/^Invalid app answer: status: /) } });
    await call(hub(), '/__emulator/spaces/alice/app/app', { method: 'DELETE' });
    expect((await visit('alice-app')).status).toBe(200);
  });
});
