import { E2E_PASSWORD, login, startE2e, type E2eContext } from './e2e-harness';

function attempt(context: E2eContext, password: string): Promise<Response> {
  return fetch(`${context.url}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
}

describe('login (e2e)', () => {
  let context: E2eContext;

  beforeAll(async () => {
    context = await startE2e();
  });
  afterAll(() => context.close());

  it('logs in, and logging out revokes the token', async () => {
    const token = await login(context);
    const headers = { Authorization: `Bearer ${token}` };
    expect((await fetch(`${context.url}/api/v1/auth/me`, { headers })).status).toBe(200);
    expect((await fetch(`${context.url}/api/v1/auth/logout`, { method: 'POST', headers })).status).toBe(204);
    expect((await fetch(`${context.url}/api/v1/auth/me`, { headers })).status).toBe(401);
    expect((await fetch(`${context.url}/api/v1/spaces/user1/space1/restart`, { method: 'POST', headers })).status).toBe(401);
  });

  it('refuses an address after 5 failed logins in a minute with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 5; index++) statuses.push((await attempt(context, `wrong-${index}`)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const refused = await attempt(context, E2E_PASSWORD);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(((await refused.json()) as { code: string }).code).toBe('LOGIN_THROTTLED');
  });
});
