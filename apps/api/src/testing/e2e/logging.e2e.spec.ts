import { login, startE2e, type E2eContext } from './e2e-harness';

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
