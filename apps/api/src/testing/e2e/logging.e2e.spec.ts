import { login, startE2e, type E2eContext } from './e2e-harness';

interface LogLine {
  level: number;
  msg?: string;
  err?: unknown;
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
});
