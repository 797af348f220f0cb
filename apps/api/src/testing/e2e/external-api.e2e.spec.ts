import type { ScenarioInput } from '@hfd/hub-emulator';
import { E2E_API_KEY, startE2e, type E2eContext } from './e2e-harness';

/** The accounts and Spaces of the seed README's examples: user1, token hf_xxx123, space1 and space2. */
function seedScenario(): ScenarioInput {
  return {
    seed: 1,
    timings: { buildMs: 1000, startMs: 1000, factoryBuildMs: 2000 },
    accounts: [{ type: 'user', name: 'user1', tokens: [{ token: 'hf_xxx123', role: 'write', displayName: 'seed' }] }],
    spaces: [
      {
        id: 'user1/space1',
        sdk: 'gradio',
        stage: 'RUNNING',
        hardware: { requested: 'cpu-basic' },
        tags: ['demo', 'ai'],
        createdAt: '2023-09-01T12:00:00.000Z',
        lastModified: '2023-10-01T12:00:00.000Z',
      },
      { id: 'user1/space2', sdk: 'docker', stage: 'RUNNING', hardware: { requested: 'cpu-basic' }, createdAt: '2023-09-02T12:00:00.000Z' },
    ],
  };
}

/** The seed README's curl examples, sent as curl sends them. */
function curl(context: E2eContext, method: 'GET' | 'POST', path: string, key = E2E_API_KEY): Promise<Response> {
  return fetch(`${context.url}${path}`, { method, headers: { Authorization: `Bearer ${key}` } });
}

describe("the original's external API (e2e)", () => {
  let context: E2eContext;

  beforeAll(async () => {
    context = await startE2e({ scenario: seedScenario(), env: { HF_USER: 'user1:hf_xxx123', API_KEY: 'my-api-key' } });
  });
  afterAll(() => context.close());

  it('GET /api/v1/info/hf_xxx123 lists the Spaces of the token’s user', async () => {
    const response = await curl(context, 'GET', '/api/v1/info/hf_xxx123', 'my-api-key');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"spaces":["user1/space1","user1/space2"],"total":2}');
  });

  it('GET /api/v1/info/hf_xxx123/user1/space1 gives the Space in the original’s shape', async () => {
    const response = await curl(context, 'GET', '/api/v1/info/hf_xxx123/user1/space1', 'my-api-key');
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['id', 'status', 'last_modified', 'created_at', 'sdk', 'tags', 'private']);
    expect(body).toEqual({
      id: 'user1/space1',
      status: 'RUNNING',
      last_modified: '2023-10-01T12:00:00.000Z',
      created_at: '2023-09-01T12:00:00.000Z',
      sdk: 'gradio',
      tags: expect.arrayContaining(['demo', 'ai']),
      private: false,
    });
  });

  it.each(['SLEEPING', 'RUNTIME_ERROR', 'PAUSED'] as const)('answers the Hub’s stage %s as it is, as the original’s code does', async (stage) => {
    context.emulator.control.setStage('user1/space2', stage);
    const response = await curl(context, 'GET', '/api/v1/info/hf_xxx123/user1/space2', 'my-api-key');
    expect(response.status).toBe(200);
    expect(((await response.json()) as { status: string }).status).toBe(stage);
  });

  it('POST /api/v1/action/hf_xxx123/user1/space1/restart answers as the original did', async () => {
    const response = await curl(context, 'POST', '/api/v1/action/hf_xxx123/user1/space1/restart', 'my-api-key');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"success":true,"message":"Space user1/space1 重启成功"}');
  });

  it('POST /api/v1/action/hf_xxx123/user1/space1/rebuild answers as the original did, with a factory restart', async () => {
    const response = await curl(context, 'POST', '/api/v1/action/hf_xxx123/user1/space1/rebuild', 'my-api-key');
    expect(response.status).toBe(200);
    expect(await response.text()).toBe('{"success":true,"message":"Space user1/space1 重建成功"}');
  });

  it('answers 401 with a code for a wrong key', async () => {
    const response = await curl(context, 'GET', '/api/v1/info/hf_xxx123', 'not-the-key');
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: expect.any(String), code: 'API_KEY_INVALID' });
  });

  it('answers 404 with a code for a Space that does not exist', async () => {
    const response = await curl(context, 'GET', '/api/v1/info/hf_xxx123/user1/nothing', 'my-api-key');
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: expect.stringContaining('实例未找到'), code: 'SPACE_NOT_FOUND' });
  });

  it('answers 500 with a code when the Hub fails otherwise', async () => {
    context.emulator.control.failRoute({ route: 'space-restart', status: 500, times: 1 });
    const response = await curl(context, 'POST', '/api/v1/action/hf_xxx123/user1/space2/restart', 'my-api-key');
    expect(response.status).toBe(500);
    expect(await response.json()).toEqual({ error: expect.stringContaining('重启失败'), code: 'HUB_UNAVAILABLE' });
  });

  it('answers 429 with Retry-After when the Hub rate-limits', async () => {
    context.emulator.control.setRateLimit({ quota: 1, windowSeconds: 30 });
    await curl(context, 'GET', '/api/v1/info/hf_xxx123/user1/space1', 'my-api-key');
    const response = await curl(context, 'GET', '/api/v1/info/hf_xxx123/user1/space2', 'my-api-key');
    expect(response.status).toBe(429);
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await response.json()) as { code: string }).code).toBe('HUB_RATE_LIMITED');
  });

  it('never writes the token of the URL to a log line', () => {
    const lines = context.logs.join('\n');
    expect(lines).toContain('/api/v1/info/[REDACTED]');
    expect(lines).not.toContain('hf_xxx123');
  });
});

describe("the original's external API with API_KEY unset (e2e)", () => {
  let context: E2eContext;

  beforeAll(async () => {
    context = await startE2e({ env: { API_KEY: undefined } });
  });
  afterAll(() => context.close());

  it('answers 401 EXTERNAL_API_DISABLED', async () => {
    const response = await curl(context, 'GET', '/api/v1/info/e2e-user1-write-token', 'anything');
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('EXTERNAL_API_DISABLED');
  });
});
