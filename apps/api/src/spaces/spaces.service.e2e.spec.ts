import { E2E_TOKENS } from '../testing/e2e/e2e-scenario';
import { eventually, login, startE2e, type E2eContext } from '../testing/e2e/e2e-harness';

/** A session's fresh detail read under Hub trouble, through the real application and the hub emulator. */
describe('SpacesService.detail under Hub trouble', () => {
  let context: E2eContext;
  let session: RequestInit;
  // Each test reads its own Space: a detail read is reused for a few seconds (DETAIL_TTL_MS).
  const detail = (name = 'space1') => fetch(`${context.url}/api/v1/spaces/user1/${name}`, session);

  beforeAll(async () => {
    context = await startE2e({ env: { HUB_TIMEOUT: '1s' } });
    await eventually(async () => ((await (await fetch(`${context.url}/api/v1/spaces`)).json()) as { fetchedAt: string | null }).fetchedAt !== null);
    session = { headers: { Authorization: `Bearer ${await login(context)}` } };
  });

  afterEach(() => {
    context.emulator.control.clearFaults();
  });

  afterAll(() => context.close());

  it('answers concurrent callers of one Space with one Hub request', async () => {
    context.emulator.control.setLatency({ ms: 300, routes: ['space-info'] });
    context.emulator.control.resetCounters();
    const replies = await Promise.all(Array.from({ length: 25 }, () => detail()));
    expect(replies.map((reply) => reply.status)).toEqual(Array.from({ length: 25 }, () => 200));
    expect(context.emulator.counters.requests({ route: 'space-info' })).toBe(1);
  });

  it('answers 429 with Retry-After at once when the token is rate-limited, instead of waiting for the window', async () => {
    const { control, counters, url } = context.emulator;
    control.setRateLimit({ quota: 1, windowSeconds: 10 });
    // Another client of the same token spends the window.
    expect((await fetch(`${url}/api/spaces/user1/space1`, { headers: { Authorization: `Bearer ${E2E_TOKENS.user1Write}` } })).status).toBe(200);
    control.resetCounters();

    const started = Date.now();
    const reply = await detail('space3');
    expect(reply.status).toBe(429);
    expect(Number(reply.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(await reply.json()).toMatchObject({ code: 'HUB_RATE_LIMITED' });
    expect(Date.now() - started).toBeLessThan(2000);
    expect(counters.requests({ route: 'space-info' })).toBe(1);

    // Until the reset, callers are refused without a Hub request.
    expect((await detail('space3')).status).toBe(429);
    expect(counters.requests({ route: 'space-info' })).toBe(1);
    control.setRateLimit({ quota: 1000, windowSeconds: 300 });
  });
});
