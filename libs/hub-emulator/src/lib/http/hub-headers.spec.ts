import { call, useHub } from '../../testing/hub-test-kit';
import { SseTestClient } from '../../testing/sse-test-client';

const REQUEST_ID = /^Root=1-[0-9a-f]{8}-[0-9a-f]{24}$/;

describe('headers on every response (docs/hub-api.md §0.4, §0.5)', () => {
  const hub = useHub();

  it('sends X-Request-Id, X-Powered-By and the JSON content type', async () => {
    const res = await call(hub(), '/api/spaces?limit=1');
    expect(res.headers.get('x-request-id')).toMatch(REQUEST_ID);
    expect(res.headers.get('x-powered-by')).toBe('huggingface-moon');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.headers.get('etag')).toMatch(/^W\/"[0-9a-f]+-[A-Za-z0-9+/=_-]+"$/);
  });

  it('stamps the epoch seconds into the request id and gives each request its own', async () => {
    const before = Math.floor(Date.now() / 1000);
    const [a, b] = await Promise.all([call(hub(), '/api/spaces?limit=1'), call(hub(), '/api/spaces?limit=1')]);
    const id = a.headers.get('x-request-id') ?? '';
    expect(Math.abs(parseInt(id.slice(7, 15), 16) - before)).toBeLessThanOrEqual(60);
    expect(b.headers.get('x-request-id')).not.toBe(id);
  });

  it('echoes the client X-Amzn-Trace-Id after a semicolon', async () => {
    const trace = '667eaa7d-1339-46c0-82ce-c0bd167b6fe1';
    const res = await call(hub(), '/api/spaces/alice/portfolio/runtime', { headers: { 'X-Amzn-Trace-Id': trace } });
    const id = res.headers.get('x-request-id') ?? '';
    expect(id.endsWith(`;${trace}`)).toBe(true);
    expect(id.slice(0, -trace.length - 1)).toMatch(REQUEST_ID);
  });

  it('sends them on the infrastructure routes and on streams too', async () => {
    const client = await SseTestClient.open(`${hub().url}/v1/alice/portfolio/sse`);
    client.close();
    expect(client.response.headers.get('x-request-id')).toMatch(REQUEST_ID);
    expect(client.response.headers.get('x-powered-by')).toBe('huggingface-moon');
  });

  it('describes errors with X-Error-Code, X-Error-Message and an {"error"} body', async () => {
    const res = await call(hub(), '/api/spaces/alice/does-not-exist', { token: 'demo-alice-write' });
    expect(res.status).toBe(404);
    expect(res.headers.get('x-error-code')).toBe('RepoNotFound');
    expect(res.headers.get('x-error-message')).toBe('Repository not found');
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(res.body).toEqual({ error: 'Repository not found' });
  });

  it('answers unknown paths with a JSON 404', async () => {
    const res = await call(hub(), '/api/models/gpt2');
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: 'Not Found' });
  });
});

describe('the api rate limit (docs/hub-api.md §10)', () => {
  const hub = useHub({ rateLimit: { quota: 5, anonymousQuota: 3, windowSeconds: 120 } });

  it('counts down RateLimit on every /api response, per token', async () => {
    const remaining: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await call(hub(), '/api/spaces?limit=1', { token: 'demo-alice-write' });
      expect(res.status).toBe(200);
      const header = res.headers.get('ratelimit') ?? '';
      expect(header).toMatch(/^"api";r=\d+;t=\d+$/);
      expect(res.headers.get('ratelimit-policy')).toBe('"fixed window";"api";q=5;w=120');
      remaining.push(Number(/r=(\d+)/.exec(header)?.[1]));
      expect(Number(/t=(\d+)/.exec(header)?.[1])).toBeLessThanOrEqual(120);
    }
    expect(remaining).toEqual([4, 3, 2, 1, 0]);
  });

  it('answers 429 past the quota with r=0 and the seconds to wait, on every route', async () => {
    for (const path of ['/api/spaces?limit=1', '/api/spaces/alice/pdf-chat/runtime']) {
      const res = await call(hub(), path, { token: 'demo-alice-write' });
      expect(res.status).toBe(429);
      expect(res.headers.get('ratelimit')).toMatch(/^"api";r=0;t=([1-9]\d*)$/);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(res.body).toEqual({ error: expect.stringContaining('rate limit') });
    }
  });

  it('keeps a separate bucket per token and per address for anonymous callers', async () => {
    expect((await call(hub(), '/api/spaces?limit=1', { token: 'demo-bob-read' })).headers.get('ratelimit')).toMatch(/^"api";r=4;/);
    const anonymous: number[] = [];
    for (let i = 0; i < 4; i++) anonymous.push((await call(hub(), '/api/spaces?limit=1')).status);
    expect(anonymous).toEqual([200, 200, 200, 429]);
  });

  it('does not count the infrastructure routes against the api bucket', async () => {
    const client = await SseTestClient.open(`${hub().url}/v1/alice/portfolio/sse`, { Authorization: 'Bearer demo-alice-write' });
    client.close();
    expect(client.status).toBe(200);
    expect(client.response.headers.get('ratelimit')).toBeNull();
  });
});
