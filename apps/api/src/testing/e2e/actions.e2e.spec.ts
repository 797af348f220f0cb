import type { SpaceActionResponse, SpaceStatusEvent, SpacesListResponse, SpaceSummary } from '@hfd/contracts';
import { E2E_API_KEY, StreamClient, eventually, login, startE2e, type E2eContext } from './e2e-harness';

async function act(context: E2eContext, id: string, action: string, authorization?: string): Promise<Response> {
  return fetch(`${context.url}/api/v1/spaces/${id}/${action}`, { method: 'POST', headers: authorization ? { Authorization: authorization } : {} });
}

async function listed(context: E2eContext, id: string, authorization: string): Promise<SpaceSummary | undefined> {
  const body = (await (await fetch(`${context.url}/api/v1/spaces`, { headers: { Authorization: authorization } })).json()) as SpacesListResponse;
  return body.spaces.find((space) => space.id === id);
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
      await eventually(async () => (await listed(context, 'user1/space1', session)) !== undefined);
      // Running since before this server started: it did not see the stage begin.
      expect((await listed(context, 'user1/space1', session))?.stageSince).toBeNull();
      const response = await act(context, 'user1/space1', 'restart', session);
      expect(response.status).toBe(200);
      const body = (await response.json()) as SpaceActionResponse;
      expect(body).toMatchObject({ id: 'user1/space1', action: 'restart', runtime: { stage: 'BUILDING' } });
      await stream.waitFor('status', (event: SpaceStatusEvent) => event.stage === 'RUNNING', 20_000);
      const stages = stream.of('status').map((event) => event.stage);
      expect(stages).toEqual(['BUILDING', 'APP_STARTING', 'RUNNING']);
      expect(stream.of('status').every((event) => event.spaceId === 'user1/space1' && event.source === 'action')).toBe(true);
      // Running again since the moment the follow-up saw it.
      const running = stream.of('status').find((event) => event.stage === 'RUNNING');
      expect((await listed(context, 'user1/space1', session))?.stageSince).toBe(running?.at);
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

  it('refuses every action on a static Space with 400 STATIC_SPACE, without asking the Hub', async () => {
    const before = context.emulator.counters.requests({ method: 'POST' });
    for (const action of ['restart', 'rebuild', 'pause', 'resume']) {
      const response = await act(context, 'user1/space5', action, session);
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ code: 'STATIC_SPACE', error: expect.stringContaining('Static Spaces are always running') });
    }
    expect(context.emulator.counters.requests({ method: 'POST' })).toBe(before);
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

  it('lets the next refresh pick up a change made on the Hub directly, and streams since when the stage holds', async () => {
    const stream = new StreamClient(`${context.url}/api/v1/stream?spaces=org1/org-broken`, session.slice(7));
    try {
      const inventory = await stream.waitFor('inventory');
      expect(inventory.spaces[0]).toMatchObject({ id: 'org1/org-broken', runtime: { stage: 'RUNTIME_ERROR' }, stageSince: null });
      context.emulator.control.setStage('org1/org-broken', 'RUNNING');
      await fetch(`${context.url}/api/v1/spaces/refresh`, { method: 'POST', headers: { Authorization: session } });
      const status = await stream.waitFor('status', (event) => event.stage === 'RUNNING');
      const change = await stream.waitFor('inventory-change', (event) => event.changed.some((space) => space.runtime?.stage === 'RUNNING'));
      // The change carries the moment the stage began, the same as the status event's.
      expect(change.changed[0]).toMatchObject({ id: 'org1/org-broken', stageSince: status.at });
      expect((await listed(context, 'org1/org-broken', session))?.stageSince).toBe(status.at);
      const detail = (await (await fetch(`${context.url}/api/v1/spaces/org1/org-broken`)).json()) as SpaceSummary;
      expect(detail.stageSince).toBe(status.at);
    } finally {
      stream.close();
    }
  });
});
