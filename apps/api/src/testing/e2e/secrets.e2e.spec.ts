import { E2E_TOKENS } from './e2e-scenario';
import { E2E_API_KEY, E2E_PASSWORD, StreamClient, login, sleep, startE2e, type E2eContext } from './e2e-harness';

const JWT_SECRET = 'e2e-jwt-secret-0123456789-abcdefghijkl';
const SECRETS = [E2E_TOKENS.user1Write, E2E_TOKENS.user2Read, E2E_API_KEY, JWT_SECRET];

describe('no secret leaves the server (e2e)', () => {
  let context: E2eContext;
  const captured: string[] = [];

  async function call(path: string, init: RequestInit = {}): Promise<void> {
    const response = await fetch(`${context.url}${path}`, init);
    const lines: string[] = [];
    response.headers.forEach((value, name) => lines.push(`${name}: ${value}`));
    const headers = lines.join('\n');
    // Only what the server sent: the request line would hold the token this very test sends.
    captured.push(`${response.status}\n${headers}\n${await response.text()}`);
  }

  beforeAll(async () => {
    context = await startE2e({ env: { JWT_SECRET } });
    const session = await login(context);
    const asUser = { Authorization: `Bearer ${session}` };
    const asKey = { Authorization: `Bearer ${E2E_API_KEY}` };
    const paths = [
      '/api/v1/config',
      '/api/v1/health',
      '/api/v1/spaces',
      '/api/v1/spaces/user1/space1',
      '/api/v1/spaces/user1/space2',
      '/api/v1/spaces/user1/space1/metrics',
      '/api/v1/spaces/nobody/nothing',
      '/api/v1/auth/me',
      '/metrics',
      '/api/docs-json',
      `/api/v1/info/${E2E_TOKENS.user1Write}`,
      `/api/v1/info/${E2E_TOKENS.user1Write}/user1/space2`,
      '/api/v1/info/not-a-token',
    ];
    for (const path of paths) {
      await call(path);
      await call(path, { headers: asUser });
      await call(path, { headers: asKey });
    }
    await call('/api/v1/spaces/user1/space1/restart', { method: 'POST', headers: asUser });
    await call('/api/v1/spaces/user2/u2-public/restart', { method: 'POST', headers: asKey });
    await call('/api/v1/spaces/user1/space5/pause', { method: 'POST', headers: asUser });
    await call(`/api/v1/action/${E2E_TOKENS.user1Write}/user1/space3/restart`, { method: 'POST', headers: asKey });
    await call(`/api/v1/action/wrong-token/user1/space3/rebuild`, { method: 'POST', headers: asKey });
    await call('/api/v1/auth/login', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'wrong' }) });
    context.emulator.control.failRoute({ route: 'spaces-list', status: 401, times: 1, message: 'Invalid credentials in Authorization header' });
    await call('/api/v1/spaces/refresh', { method: 'POST', headers: asUser });
    const stream = new StreamClient(`${context.url}/api/v1/stream`, session);
    await stream.waitForSample();
    await sleep(1000);
    captured.push(JSON.stringify(stream.events));
    stream.close();
  }, 60_000);

  afterAll(() => context.close());

  it('exercised every kind of answer', () => {
    const statuses = new Set(captured.map((entry) => entry.split('\n')[0]));
    for (const status of ['200', '400', '401', '403', '404']) expect(statuses).toContain(status);
  });

  it('puts no HF token, API key or signing secret into any response', () => {
    const everything = captured.join('\n');
    for (const secret of SECRETS) {
      const at = everything.indexOf(secret);
      expect(at === -1 ? '' : everything.slice(Math.max(0, at - 300), at + 50)).toBe('');
    }
  });

  it('puts no HF token, API key, password or signing secret into any log line', () => {
    const lines = context.logs.join('\n');
    expect(lines.length).toBeGreaterThan(0);
    for (const secret of [...SECRETS, E2E_PASSWORD]) expect(lines).not.toContain(secret);
    // No header is logged: neither an Authorization field nor a bearer credential.
    expect(lines).not.toMatch(/"authorization"\s*:/i);
    expect(lines).not.toMatch(/Bearer\s+[\w.-]{8,}/);
  });
});
