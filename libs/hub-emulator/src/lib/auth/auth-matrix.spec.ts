import type { ScenarioInput } from '../scenario/scenario.schema';
import { call, useHub } from '../../testing/hub-test-kit';
import { SseTestClient } from '../../testing/sse-test-client';

const created = '2024-05-01T00:00:00.000Z';

/** Every row of docs/hub-api.md §11/§12.5 needs a caller of its own. */
const scenario: ScenarioInput = {
  seed: 11,
  accounts: [
    {
      type: 'user',
      name: 'olivia',
      tokens: [
        { token: 'test-olivia-write', role: 'write', displayName: 'write' },
        { token: 'test-olivia-read', role: 'read', displayName: 'read' },
        {
          token: 'test-olivia-acme-write',
          role: 'fineGrained',
          displayName: 'acme-write',
          fineGrained: { scoped: [{ entity: { type: 'org', name: 'acme' }, permissions: ['repo.content.read', 'repo.write'] }], global: [] },
        },
        {
          token: 'test-olivia-acme-read',
          role: 'fineGrained',
          displayName: 'acme-read',
          fineGrained: { scoped: [{ entity: { type: 'org', name: 'acme' }, permissions: ['repo.content.read'] }], global: [] },
        },
      ],
    },
    { type: 'user', name: 'walt', tokens: [{ token: 'test-walt-write', role: 'write', displayName: 'w' }] },
    { type: 'user', name: 'cora', tokens: [{ token: 'test-cora-write', role: 'write', displayName: 'w' }] },
    { type: 'user', name: 'rita', tokens: [{ token: 'test-rita-write', role: 'write', displayName: 'w' }] },
    { type: 'user', name: 'stranger', tokens: [{ token: 'test-stranger-write', role: 'write', displayName: 'w' }] },
    {
      type: 'org',
      name: 'acme',
      members: [
        { user: 'olivia', roleInOrg: 'admin' },
        { user: 'walt', roleInOrg: 'write' },
        { user: 'cora', roleInOrg: 'contributor' },
        { user: 'rita', roleInOrg: 'read' },
      ],
    },
  ],
  spaces: [
    { id: 'olivia/public-app', sdk: 'gradio', createdAt: created },
    { id: 'olivia/private-app', sdk: 'gradio', private: true, createdAt: created },
    { id: 'olivia/site', sdk: 'static', createdAt: created },
    { id: 'acme/tool', sdk: 'docker', createdAt: created },
    { id: 'acme/secret', sdk: 'docker', private: true, createdAt: created },
  ],
};

const NOT_FOUND_401 = { error: 'Invalid username or password.' };
const NOT_FOUND_404 = { error: 'Repository not found' };
const BAD_TOKEN = { error: 'Invalid credentials in Authorization header' };

describe('auth matrix (docs/hub-api.md §11, §12.5)', () => {
  const hub = useHub({ scenario });

  describe('no token', () => {
    it('reads public Spaces', async () => {
      expect((await call(hub(), '/api/spaces/olivia/public-app')).status).toBe(200);
      expect((await call(hub(), '/api/spaces/olivia/public-app/runtime')).status).toBe(200);
    });

    it.each(['/api/spaces/olivia/private-app', '/api/spaces/olivia/private-app/runtime', '/api/spaces/olivia/nope'])(
      'gets 401 RepoNotFound for a private or missing Space: %s',
      async (path) => {
        const res = await call(hub(), path);
        expect(res.status).toBe(401);
        expect(res.headers.get('x-error-code')).toBe('RepoNotFound');
        expect(res.body).toEqual(NOT_FOUND_401);
      },
    );

    it('lists public Spaces only', async () => {
      const res = await call(hub(), '/api/spaces?author=olivia');
      expect((res.body as Array<{ id: string }>).map((s) => s.id)).toEqual(['olivia/public-app', 'olivia/site']);
    });

    it('gets 401 on the private live streams too', async () => {
      const res = await call(hub(), '/v1/acme/secret/live-metrics/sse');
      expect(res.status).toBe(401);
      expect(res.headers.get('x-error-code')).toBe('RepoNotFound');
    });

    it('needs a login to mutate even a public Space', async () => {
      const res = await call(hub(), '/api/spaces/olivia/public-app/restart', { method: 'POST' });
      expect(res.status).toBe(401);
    });
  });

  describe('a valid token', () => {
    it('gets 404 RepoNotFound for a missing Space', async () => {
      const res = await call(hub(), '/api/spaces/olivia/nope', { token: 'test-olivia-write' });
      expect(res.status).toBe(404);
      expect(res.headers.get('x-error-code')).toBe('RepoNotFound');
      expect(res.headers.get('x-error-message')).toBe('Repository not found');
      expect(res.body).toEqual(NOT_FOUND_404);
    });

    it("gets 404 for a private Space it cannot see, on every route", async () => {
      for (const path of ['/api/spaces/olivia/private-app', '/api/spaces/olivia/private-app/runtime', '/v1/olivia/private-app/sse']) {
        const res = await call(hub(), path, { token: 'test-stranger-write' });
        expect({ path, status: res.status, body: res.body }).toEqual({ path, status: 404, body: NOT_FOUND_404 });
      }
    });

    it('sees its own private Spaces and those of its organisations, whatever its role there', async () => {
      expect((await call(hub(), '/api/spaces/olivia/private-app', { token: 'test-olivia-read' })).status).toBe(200);
      expect((await call(hub(), '/api/spaces/acme/secret', { token: 'test-rita-write' })).status).toBe(200);
      const list = await call(hub(), '/api/spaces?author=acme', { token: 'test-cora-write' });
      expect((list.body as Array<{ id: string }>).map((s) => s.id)).toEqual(['acme/tool', 'acme/secret']);
    });

    it('sees a private Space through a fine-grained token only inside its scopes', async () => {
      expect((await call(hub(), '/api/spaces/acme/secret', { token: 'test-olivia-acme-read' })).status).toBe(200);
      expect((await call(hub(), '/api/spaces/olivia/private-app', { token: 'test-olivia-acme-read' })).status).toBe(404);
    });
  });

  describe('an invalid token', () => {
    it.each([
      ['GET', '/api/spaces/olivia/public-app'],
      ['GET', '/api/spaces/olivia/public-app/runtime'],
      ['GET', '/api/spaces?author=olivia'],
      ['GET', '/api/whoami-v2'],
      ['GET', '/v1/olivia/public-app/live-metrics/sse'],
      ['GET', '/v1/olivia/public-app/sse'],
      ['GET', '/api/spaces/olivia/public-app/logs/run'],
      ['POST', '/api/spaces/olivia/public-app/restart'],
    ])('gets 401 Invalid credentials on %s %s, even for public data', async (method, path) => {
      const res = await call(hub(), path, { method, token: 'test-revoked-token' });
      expect(res.status).toBe(401);
      expect(res.headers.get('x-error-message')).toBe('Invalid credentials in Authorization header');
      expect(res.body).toEqual(BAD_TOKEN);
    });

    it('counts a malformed Authorization header as invalid, not anonymous', async () => {
      const res = await call(hub(), '/api/spaces/olivia/public-app', { headers: { Authorization: 'Basic b2xpdmlh' } });
      expect(res.status).toBe(401);
      expect(res.body).toEqual(BAD_TOKEN);
    });
  });

  describe('mutations', () => {
    const mutations: Array<[string, unknown]> = [
      ['restart', undefined],
      ['pause', undefined],
      ['sleeptime', { seconds: 3600 }],
      ['hardware', { flavor: 'cpu-upgrade' }],
    ];

    it.each(mutations)('refuse %s with 403 for a read token, even the owner’s', async (action, body) => {
      const res = await call(hub(), `/api/spaces/olivia/public-app/${action}`, { method: 'POST', token: 'test-olivia-read', body });
      expect(res.status).toBe(403);
      expect(res.headers.get('x-error-message')).toEqual(expect.stringContaining('read-only'));
      expect(res.body).toEqual({ error: expect.stringContaining('read-only') });
    });

    it.each([
      ['a user who is not the owner', 'test-stranger-write', 'olivia/public-app'],
      ['an org contributor', 'test-cora-write', 'acme/tool'],
      ['an org reader with a write token', 'test-rita-write', 'acme/secret'],
      ['a fine-grained token without repo.write', 'test-olivia-acme-read', 'acme/tool'],
      ['a fine-grained token outside its scope', 'test-olivia-acme-write', 'olivia/public-app'],
    ])('refuse a restart with 403 for %s', async (_who, token, id) => {
      const res = await call(hub(), `/api/spaces/${id}/restart`, { method: 'POST', token });
      expect(res.status).toBe(403);
      expect(res.body).toEqual({ error: expect.any(String) });
    });

    it.each([
      ['the owner', 'test-olivia-write', 'olivia/public-app'],
      ['an org admin', 'test-olivia-write', 'acme/tool'],
      ['an org member with write', 'test-walt-write', 'acme/secret'],
      ['a fine-grained token with repo.write in scope', 'test-olivia-acme-write', 'acme/tool'],
    ])('allow a restart for %s', async (_who, token, id) => {
      const res = await call(hub(), `/api/spaces/${id}/restart`, { method: 'POST', token });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ stage: 'BUILDING' });
    });

    it.each(['restart', 'pause'])('refuse %s of a static Space with 400', async (action) => {
      const res = await call(hub(), `/api/spaces/olivia/site/${action}`, { method: 'POST', token: 'test-olivia-write' });
      expect(res.status).toBe(400);
      expect(res.body).toEqual({ error: expect.stringContaining('Static Spaces') });
    });
  });

  it('lets anonymous callers follow a public Space’s metrics', async () => {
    const client = await SseTestClient.open(`${hub().url}/v1/olivia/public-app/live-metrics/sse`);
    try {
      expect(client.status).toBe(200);
      expect(client.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
    } finally {
      client.close();
    }
  });
});
