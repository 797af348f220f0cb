import type { ScenarioInput } from '../scenario/scenario.schema';
import { call, useHub } from '../../testing/hub-test-kit';
import { recording } from '../../testing/recordings';

/** The Spaces of the recordings, so the emulator's bytes can be compared with the Hub's. */
const scenario: ScenarioInput = {
  seed: 3,
  accounts: [
    { type: 'user', name: 'user', tokens: [{ token: 'test-user-write', role: 'write', displayName: 'ci' }] },
    { type: 'user', name: 'victor' },
  ],
  spaces: [
    {
      id: 'user/tmp_test_space',
      _id: '67cae57522fde9195aaf95c5',
      sdk: 'gradio',
      private: true,
      hardware: { requested: 'cpu-basic' },
      createdAt: '2025-03-07T12:24:21.000Z',
    },
    { id: 'victor/static-space', sdk: 'static', createdAt: '2022-03-02T23:29:04.000Z' },
  ],
};

const raw = (file: string) => recording(file).response.rawBody;

describe('the runtime object against the recordings (docs/hub-api.md §3)', () => {
  // Builds that never finish during the spec keep BUILDING observable.
  const hub = useHub({ scenario, timings: { buildMs: 600_000, startMs: 600_000, factoryBuildMs: 600_000 } });
  const token = 'test-user-write';

  it('keeps the recorded key order for a running Space', async () => {
    const res = await call(hub(), '/api/spaces/user/tmp_test_space/runtime', { token });
    const recordedKeys = Object.keys(recording('space-runtime.get.building.json').response.body as object);
    expect(Object.keys(res.body as object)).toEqual(recordedKeys);
    expect(res.body).toEqual({
      stage: 'RUNNING',
      hardware: { current: 'cpu-basic', requested: 'cpu-basic' },
      storage: null,
      gcTimeout: 172800,
      replicas: { requested: 1, current: 1 },
      devMode: false,
      domains: [{ domain: 'user-tmp-test-space.hf.space', stage: 'READY' }],
    });
  });

  it('answers a static Space byte for byte like the recording', async () => {
    const res = await call(hub(), '/api/spaces/victor/static-space/runtime');
    expect(res.text).toBe(raw('space-runtime.get.static-space.json'));
  });

  it('answers a restart byte for byte like the recording, and the runtime after it too', async () => {
    const restart = await call(hub(), '/api/spaces/user/tmp_test_space/restart', { method: 'POST', token });
    expect(restart.status).toBe(200);
    expect(restart.text).toBe(raw('space-restart.post.json'));
    const after = await call(hub(), '/api/spaces/user/tmp_test_space/runtime', { token });
    expect(after.text).toBe(raw('space-runtime.get.after-restart.json'));
    expect(after.text).toBe(raw('space-runtime.get.building.json'));
  });

  it('answers a pause byte for byte like the recording', async () => {
    const pause = await call(hub(), '/api/spaces/user/tmp_test_space/pause', { method: 'POST', token });
    expect(pause.status).toBe(200);
    expect(pause.text).toBe(raw('space-pause.post.json'));
  });

  it('trims info with expand to _id, id and the key, as recorded', async () => {
    const res = await call(hub(), '/api/spaces/user/tmp_test_space/revision/main?expand=xetEnabled', { token });
    expect(res.text).toBe(raw('space-info.get.expand-xetEnabled.json'));
  });
});
