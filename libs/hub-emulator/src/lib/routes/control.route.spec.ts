import { call, useHub } from '../../testing/hub-test-kit';
import { StageStream } from '../../testing/stage-stream';

describe('the /__emulator control routes', () => {
  const hub = useHub();
  const control = (path: string, method = 'GET', body?: unknown) => call(hub(), `/__emulator${path}`, { method, body });

  it('answers health and the loaded scenario', async () => {
    expect((await control('/health')).body).toEqual({ ok: true });
    const scenario = (await control('/scenario')).body as { watch: unknown[]; spaces: unknown[] };
    expect(scenario.watch).toEqual(hub().scenario.watch);
    expect(scenario.spaces).toHaveLength(hub().scenario.spaces.length);
  });

  it('sets a Space’s stage with an error message', async () => {
    const stream = await StageStream.open(hub(), 'carol/stock-dashboard');
    try {
      const res = await control('/spaces/carol/stock-dashboard/stage', 'POST', { stage: 'RUNTIME_ERROR', errorMessage: 'Out of memory' });
      expect(res.body).toEqual({ id: 'carol/stock-dashboard', stage: 'RUNTIME_ERROR' });
      await stream.until('RUNTIME_ERROR');
      expect((await call(hub(), '/api/spaces/carol/stock-dashboard/runtime')).body).toMatchObject({ errorMessage: 'Out of memory' });
    } finally {
      stream.close();
    }
  });

  it('answers 400 for a bad stage and 404 for an unknown Space', async () => {
    expect(await control('/spaces/carol/stock-dashboard/stage', 'POST', { stage: 'ASLEEP' })).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^Invalid stage: stage: /) },
    });
    expect(await control('/spaces/carol/ghost/stage', 'POST', { stage: 'RUNNING' })).toMatchObject({
      status: 404,
      body: { error: 'No Space "carol/ghost" in the scenario' },
    });
  });

  it('answers 400 for malformed JSON and 404 for unknown control routes', async () => {
    const res = await fetch(`${hub().url}/__emulator/faults/errors`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{' });
    expect(res.status).toBe(400);
    expect((await control('/nope')).status).toBe(404);
  });

  it('reads and sets the rate limit', async () => {
    expect((await control('/rate-limit')).body).toEqual({ quota: 1000, windowSeconds: 300, whoamiQuota: 30, whoamiWindowSeconds: 300 });
    expect((await control('/rate-limit', 'POST', { quota: -1 })).status).toBe(400);
  });

  it('is never counted, limited or faulted', async () => {
    hub().control.resetCounters();
    hub().control.hubDown('reset');
    try {
      expect((await control('/faults')).body).toMatchObject({ down: 'reset' });
      expect((await control('/counters')).body).toMatchObject({ totalRequests: 0 });
    } finally {
      hub().control.hubUp();
    }
  });
});
