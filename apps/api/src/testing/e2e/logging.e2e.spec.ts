import { E2E_TOKENS } from './e2e-scenario';
import { E2E_API_KEY, login, startE2e, type E2eContext } from './e2e-harness';

const UNCONFIGURED_TOKEN = 'an-unconfigured-token-5be7c1';

interface LogLine {
  level: number;
  msg?: string;
  err?: unknown;
  req?: { url?: string };
}

const WARN = 40;
const ERROR = 50;

describe('logging (e2e)', () => {
  let context: E2eContext;

  beforeAll(async () => {
    context = await startE2e();
    await fetch(`${context.url}/api/v1/spaces`);
  });
  afterAll(() => context.close());

  const lines = () => context.logs.map((line) => JSON.parse(line) as LogLine);

  it('logs an expected Hub failure as one warning line, without a stack', async () => {
    context.emulator.control.failRoute({ route: 'space-pause', status: 503, times: 1 });
    const before = context.logs.length;
    const session = await login(context);
    const response = await fetch(`${context.url}/api/v1/spaces/user1/space1/pause`, { method: 'POST', headers: { Authorization: `Bearer ${session}` } });
    expect(response.status).toBe(503);
    const written = lines().slice(before);
    const warning = written.find((line) => line.level === WARN && line.msg?.startsWith('HUB_UNAVAILABLE'));
    expect(warning).toBeDefined();
    expect(warning?.msg).not.toMatch(/\n\s+at /);
    expect(written.filter((line) => line.level >= ERROR && line.msg?.includes('HubUnavailableError'))).toEqual([]);
  });

  it('gives the polled Space list no request logger (no id, no line), and every other route both', async () => {
    const before = context.logs.length;
    const list = await fetch(`${context.url}/api/v1/spaces`);
    const detail = await fetch(`${context.url}/api/v1/spaces/user1/space1`);
    expect(list.headers.get('x-request-id')).toBeNull();
    expect(detail.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(lines().slice(before).map((line) => line.req?.url).filter((url) => url !== undefined)).toEqual(['/api/v1/spaces/user1/space1']);
  });
});

describe('log format (e2e)', () => {
  /** A request line of each kind, and secrets in every place a request can carry them. */
  async function exercise(context: E2eContext): Promise<void> {
    await fetch(`${context.url}/api/v1/config`);
    await fetch(`${context.url}/api/v1/config?key=${E2E_API_KEY}`, { headers: { Authorization: `Bearer ${E2E_API_KEY}` } });
    await fetch(`${context.url}/api/V1/info/${UNCONFIGURED_TOKEN}`, { headers: { Authorization: `Bearer ${E2E_API_KEY}` } });
    await fetch(`${context.url}/api/v1/info/${E2E_TOKENS.user1Write}/user1/space1`, { headers: { Authorization: `Bearer ${E2E_API_KEY}` } });
  }

  function expectNoSecret(logs: string[]): void {
    const text = logs.join('');
    for (const secret of [E2E_API_KEY, UNCONFIGURED_TOKEN, ...Object.values(E2E_TOKENS)]) expect(text).not.toContain(secret);
  }

  describe('LOG_FORMAT=pretty', () => {
    let context: E2eContext;
    beforeAll(async () => {
      context = await startE2e({ env: { LOG_FORMAT: 'pretty', USER_PASSWORD: undefined } });
      await exercise(context);
    });
    afterAll(() => context.close());

    it('writes readable lines, not JSON: time, level, [context] message, and a request as method, path, status and duration', () => {
      expect(context.logs.some((line) => line.trimStart().startsWith('{'))).toBe(false);
      expect(context.logs.join('')).toMatch(/^\[\d\d:\d\d:\d\d\.\d{3}\] INFO: GET \/api\/v1\/config 200 \d+ ms$/m);
      expect(context.logs.join('')).toMatch(/^\[[\d:.]+\] DEBUG: \[HfClient\] GET \/api\/spaces → 200 in \d+ ms$/m);
    });

    it('frames the generated password so that it stands out', () => {
      const line = context.logs.find((entry) => entry.includes('USER_PASSWORD is not set'));
      expect(line).toMatch(/WARN: \[AuthService\] \n━{72}\n {2}USER_PASSWORD is not set: the login for "admin" is "[\w-]{16}" .*\n━{72}\n/);
    });

    it('keeps secrets out as the JSON lines do, the token of a path in any case included', () => {
      expect(context.logs.join('')).toContain('/api/V1/info/[REDACTED]');
      expectNoSecret(context.logs);
    });
  });

  it.each([
    { situation: 'at a terminal, LOG_FORMAT unset', options: { terminal: true }, json: false },
    { situation: 'not at a terminal, LOG_FORMAT unset', options: { terminal: false }, json: true },
    { situation: 'at a terminal with LOG_FORMAT=json', options: { terminal: true, env: { LOG_FORMAT: 'json' } }, json: true },
  ])('writes JSON lines $situation: $json', async ({ options, json }) => {
    const context = await startE2e(options);
    try {
      await exercise(context);
      expect(context.logs.length).toBeGreaterThan(3);
      expect(context.logs.every((line) => line.startsWith('{'))).toBe(json);
      expectNoSecret(context.logs);
    } finally {
      await context.close();
    }
  });
});
