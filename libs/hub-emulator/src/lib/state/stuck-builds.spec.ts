import { call } from '../../testing/hub-test-kit';
import { ALICE, scenarioWith, useManualHub } from '../../testing/manual-hub';

type Runtime = { stage: string };

describe('stuck and slow builds (invented for tests; BUILDING of docs/hub-api.md §9)', () => {
  const manual = useManualHub(() =>
    scenarioWith([
      { id: 'alice/app' },
      { id: 'alice/slow', stuckBuild: { duration: '20m', builds: 1 } },
      { id: 'alice/stuck', stage: 'BUILDING', stuckBuild: { duration: 'never' } },
      { id: 'alice/site', sdk: 'static' },
    ]),
  );
  const stageOf = async (id: string) => ((await call(manual().hub, `/api/spaces/${id}/runtime`)).body as Runtime).stage;
  const restart = (id: string, factory = false) =>
    call(manual().hub, `/api/spaces/${id}/restart${factory ? '?factory=true' : ''}`, { method: 'POST', token: ALICE });

  it('leaves a Space whose builds never finish in BUILDING, through restarts, until control lets it build', async () => {
    const { hub, advance } = manual();
    advance(86_400_000);
    expect(await stageOf('alice/stuck')).toBe('BUILDING');
    await restart('alice/stuck', true);
    advance(86_400_000);
    expect(await stageOf('alice/stuck')).toBe('BUILDING');
    expect(hub.control.setStuckBuild('alice/stuck', null)).toBeNull();
    await restart('alice/stuck');
    advance(7_000);
    expect(await stageOf('alice/stuck')).toBe('RUNNING');
    expect(hub.counters.space('alice/stuck')).toMatchObject({ restarts: 1, rebuilds: 1 });
  });

  it('takes the configured time for the next `builds` builds, then the normal time', async () => {
    const { hub, advance } = manual();
    await restart('alice/slow');
    advance(1_199_999);
    expect(await stageOf('alice/slow')).toBe('BUILDING');
    advance(1);
    expect(await stageOf('alice/slow')).toBe('APP_STARTING');
    advance(3_000);
    expect(await stageOf('alice/slow')).toBe('RUNNING');
    expect(hub.control.space('alice/slow').stuckBuild).toBeNull();
    await restart('alice/slow');
    advance(4_000);
    expect(await stageOf('alice/slow')).toBe('APP_STARTING');
  });

  it('is set over HTTP at /__emulator/spaces/{id}/stuck-build, refusing bad input and static Spaces', async () => {
    const { hub, advance } = manual();
    const control = (method: string, id: string, body?: unknown) => call(hub, `/__emulator/spaces/${id}/stuck-build`, { method, body });
    expect((await control('POST', 'alice/app', { duration: 'never', builds: 1 })).body).toEqual({ duration: 'never', buildsLeft: 1 });
    await restart('alice/app');
    expect((await control('GET', 'alice/app')).status).toBe(404);
    expect((await call(hub, '/__emulator/spaces/alice/app')).body).toMatchObject({ stage: 'BUILDING', stuckBuild: null });
    advance(3_600_000);
    expect(await stageOf('alice/app')).toBe('BUILDING');
    expect(await control('POST', 'alice/app', { duration: '-5s' })).toMatchObject({
      status: 400,
      body: { error: expect.stringMatching(/^Invalid stuck build: duration: Expected a duration .* or "never"/) },
    });
    expect(await control('POST', 'alice/site', { duration: 'never' })).toMatchObject({
      status: 400,
      body: { error: 'Static Space "alice/site" cannot have a stuck build: it has no container' },
    });
    expect((await control('DELETE', 'alice/app')).body).toBeNull();
  });
});
