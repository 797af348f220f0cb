import type { SpaceActionResponse, SpaceStatusEvent } from '@hfd/contracts';
import { E2E_API_KEY, StreamClient, eventually, login, startE2e, type E2eContext } from './e2e-harness';

async function act(context: E2eContext, id: string, action: string, authorization?: string): Promise<Response> {
  return fetch(`${context.url}/api/v1/spaces/${id}/${action}`, { method: 'POST', headers: authorization ? { Authorization: authorization } : {} });
}

describe('actions (e2e)', () => {
  let context: E2eContext;
  let session: string;

  beforeAll(async () => {
    context = await startE2e();
    session = `Bearer ${await login(context)}`;
  });
  afterAll(() => context.close());

  it('restarts a Space and streams BUILDING, APP_STARTING and RUNNING as they happen', async () => {
    const stream = new StreamClient(`${context.url}/api/v1/stream?spaces=user1/space1`, session.slice(7));
    try {
      await stream.waitFor('inventory');
      const response = await act(context, 'user1/space1', 'restart', session);
      expect(response.status).toBe(200);
      const body = (await response.json()) as SpaceActionResponse;
      expect(body).toMatchObject({ id: 'user1/space1', action: 'restart', runtime: { stage: 'BUILDING' } });
      await stream.waitFor('status', (event: SpaceStatusEvent) => event.stage === 'RUNNING', 20_000);
      const stages = stream.of('status').map((event) => event.stage);
      expect(stages).toEqual(['BUILDING', 'APP_STARTING', 'RUNNING']);
      expect(stream.of('status').every((event) => event.spaceId === 'user1/space1' && event.source === 'action')).toBe(true);
    } finally {
      stream.close();
    }
  }, 30_000);

  it('pauses a Space, then resumes it', async () => {
    const paused = await act(context, 'org1/org-app', 'pause', session);
    expect(paused.status).toBe(200);
    expect(((await paused.json()) as SpaceActionResponse).runtime.stage).toBe('PAUSED');
    const resumed = await act(context, 'org1/org-app', 'resume', session);
    expect(((await resumed.json()) as SpaceActionResponse).runtime.stage).toBe('BUILDING');
  });

  it('starts a factory rebuild with the API key instead of a session', async () => {
    const before = context.emulator.counters.requests({ route: 'space-restart' });
    const response = await act(context, 'user1/space3', 'rebuild', `Bearer ${E2E_API_KEY}`);
    expect(response.status).toBe(200);
    expect(context.emulator.counters.requests({ route: 'space-restart' }) - before).toBe(1);
  });

  it('refuses with 403 TOKEN_CANNOT_WRITE, without asking the Hub, when the token only reads or is missing', async () => {
    const before = context.emulator.counters.requests({ method: 'POST' });
    for (const id of ['user2/u2-public', 'user3/u3-public']) {
      const response = await act(context, id, 'restart', session);
      expect(response.status).toBe(403);
      expect(((await response.json()) as { code: string }).code).toBe('TOKEN_CANNOT_WRITE');
    }
    expect(context.emulator.counters.requests({ method: 'POST' })).toBe(before);
  });

  it('answers 404 for a Space outside the configured accounts, without asking the Hub', async () => {
    const before = context.emulator.counters.snapshot();
    const response = await act(context, 'stranger/space', 'restart', session);
    expect(response.status).toBe(404);
    expect(context.emulator.counters.snapshot()).toEqual(before);
  });

  it('passes the Hub refusal of a static Space on as 400 HUB_BAD_REQUEST', async () => {
    const response = await act(context, 'user1/space5', 'restart', session);
    expect(response.status).toBe(400);
    expect(((await response.json()) as { code: string }).code).toBe('HUB_BAD_REQUEST');
  });

  it('needs a session or the API key', async () => {
    expect((await act(context, 'user1/space1', 'restart')).status).toBe(401);
    expect((await act(context, 'user1/space1', 'restart', 'Bearer wrong')).status).toBe(401);
  });

  it('sends a mutation to the Hub once, even when the Hub fails it', async () => {
    context.emulator.control.failRoute({ route: 'space-pause', status: 503, times: 5 });
    const before = context.emulator.counters.requests({ route: 'space-pause' });
    const response = await act(context, 'user1/space1', 'pause', session);
    expect(response.status).toBe(503);
    expect(((await response.json()) as { code: string }).code).toBe('HUB_UNAVAILABLE');
    expect(context.emulator.counters.requests({ route: 'space-pause' }) - before).toBe(1);
    context.emulator.control.clearFaults();
  });

  it('lets the next refresh pick up a change made on the Hub directly', async () => {
    context.emulator.control.setStage('org1/org-broken', 'RUNNING');
    await fetch(`${context.url}/api/v1/spaces/refresh`, { method: 'POST', headers: { Authorization: session } });
    await eventually(async () => {
      const body = (await (await fetch(`${context.url}/api/v1/spaces`)).json()) as { spaces: { id: string; runtime: { stage: string } }[] };
      return body.spaces.find((space) => space.id === 'org1/org-broken')?.runtime.stage === 'RUNNING';
    });
  });
});
