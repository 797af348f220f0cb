import { call, useHub } from '../../testing/hub-test-kit';
import { recording } from '../../testing/recordings';

describe('GET /api/whoami-v2 (docs/hub-api.md §6)', () => {
  const hub = useHub({ rateLimit: { whoamiQuota: 3, whoamiWindowSeconds: 300 } });

  it('answers the user shape of the recording, key for key', async () => {
    const recorded = recording('whoami.get.user-write-token.json').response.body as Record<string, unknown>;
    const res = await call(hub(), '/api/whoami-v2', { token: 'demo-alice-write' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const body = res.body as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(Object.keys(recorded));
    expect(body).toMatchObject({
      type: 'user',
      id: expect.stringMatching(/^[0-9a-f]{24}$/),
      name: 'alice',
      fullname: 'Alice Martin',
      emailVerified: true,
      billingMode: 'postpaid',
      auth: { type: 'access_token' },
    });
    const auth = body['auth'] as { accessToken: Record<string, unknown> };
    expect(Object.keys(auth.accessToken)).toEqual(['displayName', 'role', 'createdAt']);
    expect(auth.accessToken).toEqual({ displayName: 'dashboard', role: 'write', createdAt: '2025-01-12T09:30:00.000Z' });
  });

  it('lists the organisations with the role in each', async () => {
    const res = await call(hub(), '/api/whoami-v2', { token: 'demo-bob-read' });
    const body = res.body as { orgs: Array<Record<string, unknown>>; auth: { accessToken: { role: string } } };
    expect(body.auth.accessToken.role).toBe('read');
    expect(body.orgs).toEqual([
      expect.objectContaining({ type: 'org', name: 'nebula-labs', fullname: 'Nebula Labs', roleInOrg: 'read', isEnterprise: false }),
    ]);
  });

  it('describes the scopes of a fine-grained token', async () => {
    const res = await call(hub(), '/api/whoami-v2', { token: 'demo-alice-fine' });
    const token = (res.body as { auth: { accessToken: Record<string, unknown> } }).auth.accessToken;
    expect(token).toMatchObject({
      role: 'fineGrained',
      fineGrained: {
        scoped: [
          {
            entity: { _id: expect.stringMatching(/^[0-9a-f]{24}$/), type: 'org', name: 'nebula-labs' },
            permissions: ['repo.content.read', 'repo.write'],
          },
        ],
        global: [],
      },
    });
  });

  it('answers 401 without a token', async () => {
    const res = await call(hub(), '/api/whoami-v2');
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'Invalid username or password.' });
  });

  it('answers 401 Invalid credentials for an unknown token', async () => {
    const res = await call(hub(), '/api/whoami-v2', { token: 'demo-nobody' });
    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: 'Invalid credentials in Authorization header' });
  });

  it('has its own strict limit, per token', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++) statuses.push((await call(hub(), '/api/whoami-v2', { token: 'demo-alice-read' })).status);
    expect(statuses).toEqual([200, 200, 200, 429]);
    const refused = await call(hub(), '/api/whoami-v2', { token: 'demo-alice-read' });
    expect(refused.status).toBe(429);
    expect(refused.body).toEqual({ error: expect.stringContaining("You've hit the rate limit for the /whoami-v2 endpoint") });
    expect(refused.headers.get('ratelimit')).toMatch(/^"whoami";r=0;t=\d+$/);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    // Other routes and other tokens are not affected.
    expect((await call(hub(), '/api/spaces?limit=1', { token: 'demo-alice-read' })).status).toBe(200);
    expect((await call(hub(), '/api/whoami-v2', { token: 'demo-alice-write' })).status).toBe(200);
  });
});
