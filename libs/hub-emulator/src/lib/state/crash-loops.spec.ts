import { call } from '../../testing/hub-test-kit';
import { ALICE, scenarioWith, useManualHub } from '../../testing/manual-hub';
import { StageStream } from '../../testing/stage-stream';

type Runtime = { stage: string; errorMessage?: string };

describe('crash loops (invented for tests; RUNTIME_ERROR of docs/hub-api.md §9)', () => {
  const manual = useManualHub(() =>
    scenarioWith([
      { id: 'alice/loop', crashLoop: { after: '30s', crashes: 2, errorMessage: 'Segmentation fault' } },
      { id: 'alice/forever', crashLoop: { after: '10s', healedByRebuild: true } },
      { id: 'alice/app' },
    ]),
  );
  const runtimeOf = async (id: string) => (await call(manual().hub, `/api/spaces/${id}/runtime`)).body as Runtime;
  const restart = (id: string, factory = false) =>
    call(manual().hub, `/api/spaces/${id}/restart${factory ? '?factory=true' : ''}`, { method: 'POST', token: ALICE });

  it('crashes `after` each time the Space runs, `crashes` times, then stays up; counting restarts and crashes', async () => {
    const { hub, advance } = manual();
    const stream = await StageStream.open(hub, 'alice/loop');
    try {
      advance(29_999);
      expect((await runtimeOf('alice/loop')).stage).toBe('RUNNING');
      advance(1);
      await stream.until('RUNTIME_ERROR');
      expect(await runtimeOf('alice/loop')).toMatchObject({ stage: 'RUNTIME_ERROR', errorMessage: 'Segmentation fault' });
      for (let restarts = 1; restarts <= 2; restarts++) {
        await restart('alice/loop');
        advance(7_000); // the default 4 s build and 3 s start
        expect((await runtimeOf('alice/loop')).stage).toBe('RUNNING');
        advance(30_000);
      }
      advance(86_400_000);
      expect(await stream.until('RUNNING')).toEqual([
        'RUNNING',
        'RUNTIME_ERROR',
        'BUILDING',
        'APP_STARTING',
        'RUNNING',
        'RUNTIME_ERROR',
        'BUILDING',
        'APP_STARTING',
        'RUNNING',
      ]);
      expect((await runtimeOf('alice/loop')).stage).toBe('RUNNING');
      expect(hub.counters.space('alice/loop')).toMatchObject({ restarts: 2, rebuilds: 0, crashes: 2 });
      expect(hub.control.space('alice/loop').crashLoop).toMatchObject({ crashes: 2, crashed: 2, nextCrashAt: null });
    } finally {
      stream.close();
    }
  });

  it('keeps crashing after restarts until a factory rebuild heals it: restarted once, rebuilt once', async () => {
    const { hub, advance } = manual();
    advance(10_000);
    await restart('alice/forever');
    advance(7_000 + 10_000);
    expect((await runtimeOf('alice/forever')).stage).toBe('RUNTIME_ERROR');
    await restart('alice/forever', true);
    advance(10_000 + 3_000); // the default factory build and start
    advance(86_400_000);
    expect((await runtimeOf('alice/forever')).stage).toBe('RUNNING');
    expect(hub.counters.space('alice/forever')).toMatchObject({ restarts: 1, rebuilds: 1, crashes: 2 });
    expect(hub.control.space('alice/forever').crashLoop).toBeNull();
  });

  it('is set at run time, counts afresh, and a crash due while the Space stops running never comes', async () => {
    const { hub, advance } = manual();
    advance(1_000);
    expect(hub.control.setCrashLoop('alice/app', { after: '1m', crashes: 1 })).toEqual({
      afterMs: 60_000,
      crashes: 1,
      crashed: 0,
      healedByRebuild: false,
      nextCrashAt: new Date(hub.startedAt + 61_000).toISOString(),
    });
    advance(30_000);
    await call(hub, '/api/spaces/alice/app/pause', { method: 'POST', token: ALICE });
    advance(60_000);
    expect((await runtimeOf('alice/app')).stage).toBe('PAUSED');
    await restart('alice/app');
    advance(7_000 + 60_000);
    expect((await runtimeOf('alice/app')).stage).toBe('RUNTIME_ERROR');
    expect(hub.counters.space('alice/app')).toMatchObject({ pauses: 1, restarts: 1, crashes: 1 });
  });

  it('is set and ended over HTTP at /__emulator/spaces/{id}/crash-loop', async () => {
    const { hub } = manual();
    const control = (method: string, id: string, body?: unknown) => call(hub, `/__emulator/spaces/${id}/crash-loop`, { method, body });
    expect((await control('POST', 'alice/app', { after: '5s' })).body).toMatchObject({ afterMs: 5_000, crashes: null, crashed: 0 });
    expect((await control('DELETE', 'alice/app')).body).toBeNull();
    expect(await control('POST', 'alice/app', { after: 'later' })).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^Invalid crash loop: after: Expected a duration/) },
    });
    expect(await control('POST', 'alice/app', { after: '5s', crashes: 0 })).toMatchObject({ status: 400, body: { error: expect.stringContaining('crashes') } });
  });
});
