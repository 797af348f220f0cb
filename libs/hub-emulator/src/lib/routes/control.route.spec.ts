import { ManualClock } from '../clock/manual-clock';
import { startHubEmulator } from '../emulator';
import { call, useHub } from '../../testing/hub-test-kit';
import { scenarioWith } from '../../testing/manual-hub';
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

  it('plays a script started over HTTP, and shows it in the Space’s state until it is stopped', async () => {
    const stream = await StageStream.open(hub(), 'bob/music-gen');
    try {
      const started = await control('/spaces/bob/music-gen/script', 'POST', { steps: [{ at: '50ms', stage: 'RUNTIME_ERROR', errorMessage: 'Killed' }] });
      expect(started.body).toEqual({
        startedAt: expect.any(String),
        steps: [{ at: expect.any(String), offsetMs: 50, stage: 'RUNTIME_ERROR', errorMessage: 'Killed', done: false }],
      });
      await stream.until('RUNTIME_ERROR');
      expect((await control('/spaces/bob/music-gen')).body).toMatchObject({
        id: 'bob/music-gen',
        stage: 'RUNTIME_ERROR',
        script: { steps: [{ done: true }] },
        crashLoop: null,
        stuckBuild: null,
        sleepsAt: null,
        activity: { visits: 0, restarts: 0 },
      });
      expect((await control('/spaces/bob/music-gen/script', 'DELETE')).body).toMatchObject({ script: null });
      expect(await control('/spaces/bob/music-gen/script', 'POST', { steps: [{ at: 'x', stage: 'RUNNING' }] })).toMatchObject({
        status: 400,
        body: { error: expect.stringMatching(/^Invalid script: 0\.at: Expected a duration/) },
      });
      expect((await control('/spaces/bob/ghost')).status).toBe(404);
    } finally {
      stream.close();
    }
  });

  it('reads the Hub clock, and refuses to step it unless it is manual', async () => {
    expect((await control('/clock')).body).toEqual({ now: expect.any(String), startedAt: expect.any(String), timeScale: 1, manual: false });
    expect(await control('/clock/advance', 'POST', { by: '1s' })).toMatchObject({ status: 400, body: { error: expect.stringMatching(/not manual/) } });
  });

  it('steps a manual Hub clock over HTTP, running what falls due', async () => {
    const clock = new ManualClock(Date.parse('2025-01-01T00:00:00.000Z'));
    const manual = await startHubEmulator({
      clock,
      timeScale: 2,
      scenario: scenarioWith([{ id: 'alice/app', script: [{ at: '1m', stage: 'PAUSED' }] }]),
    });
    try {
      const advance = (by: unknown) => call(manual, '/__emulator/clock/advance', { method: 'POST', body: { by } });
      expect((await advance('59s')).body).toEqual({ now: '2025-01-01T00:00:59.000Z', startedAt: '2025-01-01T00:00:00.000Z', timeScale: 2, manual: true });
      expect(clock.now()).toBe(Date.parse('2025-01-01T00:00:29.500Z'));
      expect((await call(manual, '/api/spaces/alice/app/runtime')).body).toMatchObject({ stage: 'RUNNING' });
      await advance('1s');
      expect((await call(manual, '/api/spaces/alice/app/runtime')).body).toMatchObject({ stage: 'PAUSED' });
      expect((await advance('soon')).status).toBe(400);
    } finally {
      await manual.close();
    }
  });
});
