import { startHubEmulator } from '../emulator';
import { call } from '../../testing/hub-test-kit';
import { ALICE, scenarioWith, useManualHub } from '../../testing/manual-hub';
import { StageStream } from '../../testing/stage-stream';

type Runtime = { stage: string; errorMessage?: string };

const stageOf = async (hub: Parameters<typeof call>[0], id: string) => ((await call(hub, `/api/spaces/${id}/runtime`)).body as Runtime).stage;

describe('scripted stage histories (invented for tests; stages of docs/hub-api.md §9)', () => {
  describe('from the scenario, timed from the emulator’s start', () => {
    const manual = useManualHub(() =>
      scenarioWith([
        {
          id: 'alice/app',
          script: [
            { at: '10s', stage: 'RUNTIME_ERROR', errorMessage: 'CUDA out of memory' },
            { at: '40s', stage: 'RUNNING' },
          ],
        },
        { id: 'alice/held', script: [{ at: 1000, stage: 'BUILDING' }] },
        { id: 'alice/settles', events: [{ afterMs: 1000, stage: 'BUILDING' }] },
      ]),
    );

    it('shows each scripted stage at its exact time in the runtime, info, list and status stream', async () => {
      const { hub, advance } = manual();
      const stream = await StageStream.open(hub, 'alice/app');
      try {
        advance(9_999);
        expect(await stageOf(hub, 'alice/app')).toBe('RUNNING');
        advance(1);
        expect(await stream.until('RUNTIME_ERROR')).toEqual(['RUNNING', 'RUNTIME_ERROR']);
        expect((await call(hub, '/api/spaces/alice/app/runtime')).body).toMatchObject({ stage: 'RUNTIME_ERROR', errorMessage: 'CUDA out of memory' });
        expect((await call(hub, '/api/spaces/alice/app')).body).toMatchObject({ runtime: { stage: 'RUNTIME_ERROR' } });
        const list = (await call(hub, '/api/spaces?author=alice&expand=runtime')).body as Array<{ id: string; runtime: Runtime }>;
        expect(list.find((item) => item.id === 'alice/app')?.runtime.stage).toBe('RUNTIME_ERROR');

        advance(29_999);
        expect(await stageOf(hub, 'alice/app')).toBe('RUNTIME_ERROR');
        advance(1);
        expect(await stream.until('RUNNING')).toEqual(['RUNNING', 'RUNTIME_ERROR', 'RUNNING']);
      } finally {
        stream.close();
      }
    });

    it('reports the script with the absolute time of every step', () => {
      const { hub, advance } = manual();
      advance(10_000);
      const start = hub.startedAt;
      expect(hub.control.space('alice/app').script).toEqual({
        startedAt: new Date(start).toISOString(),
        steps: [
          { at: new Date(start + 10_000).toISOString(), offsetMs: 10_000, stage: 'RUNTIME_ERROR', errorMessage: 'CUDA out of memory', done: true },
          { at: new Date(start + 40_000).toISOString(), offsetMs: 40_000, stage: 'RUNNING', done: false },
        ],
      });
    });

    it('holds a scripted intermediate stage, while a scenario event settles as the Hub would', async () => {
      const { hub, advance } = manual();
      advance(60_000);
      expect(await stageOf(hub, 'alice/held')).toBe('BUILDING');
      expect(await stageOf(hub, 'alice/settles')).toBe('RUNNING');
    });
  });

  describe('started through control, timed from the call', () => {
    const manual = useManualHub(() => scenarioWith([{ id: 'alice/app' }, { id: 'alice/other' }]));

    it('plays "at t+10 s RUNTIME_ERROR, at t+40 s RUNNING" from the moment it is started', async () => {
      const { hub, advance } = manual();
      advance(5_000);
      const script = hub.control.startScript('alice/app', [
        { at: '10s', stage: 'RUNTIME_ERROR' },
        { at: '40s', stage: 'RUNNING' },
      ]);
      expect(script.startedAt).toBe(new Date(hub.startedAt + 5_000).toISOString());
      const stream = await StageStream.open(hub, 'alice/app');
      try {
        advance(9_999);
        expect(await stageOf(hub, 'alice/app')).toBe('RUNNING');
        advance(1);
        await stream.until('RUNTIME_ERROR');
        advance(30_000);
        expect(await stream.until('RUNNING')).toEqual(['RUNNING', 'RUNTIME_ERROR', 'RUNNING']);
      } finally {
        stream.close();
      }
    });

    it('keeps playing through an action, and a new script replaces the old one', async () => {
      const { hub, advance } = manual();
      hub.control.startScript('alice/app', [{ at: '20s', stage: 'PAUSED' }]);
      await call(hub, '/api/spaces/alice/app/restart', { method: 'POST', token: ALICE });
      advance(7_000); // the default 4 s build and 3 s start
      expect(await stageOf(hub, 'alice/app')).toBe('RUNNING');
      advance(13_000);
      expect(await stageOf(hub, 'alice/app')).toBe('PAUSED');

      hub.control.startScript('alice/other', [{ at: '5s', stage: 'SLEEPING' }]);
      hub.control.startScript('alice/other', [{ at: '10s', stage: 'RUNTIME_ERROR' }]);
      advance(5_000);
      expect(await stageOf(hub, 'alice/other')).toBe('RUNNING');
      hub.control.stopScript('alice/other');
      advance(60_000);
      expect(await stageOf(hub, 'alice/other')).toBe('RUNNING');
      expect(hub.control.space('alice/other').script).toBeNull();
    });

    it('changes what the app answers at a scripted time', async () => {
      const { hub, advance } = manual();
      hub.control.startScript('alice/app', [{ at: '1m', app: { status: 503, body: 'upstream down' } }]);
      expect((await fetch(`${hub.url}/_apps/alice-app/`)).status).toBe(200);
      advance(60_000);
      const res = await fetch(`${hub.url}/_apps/alice-app/`);
      expect({ status: res.status, body: await res.text() }).toEqual({ status: 503, body: 'upstream down' });
      expect(await stageOf(hub, 'alice/app')).toBe('RUNNING');
    });

    it('refuses an invalid script with the reason, and leaves the running one alone', () => {
      const { hub } = manual();
      hub.control.startScript('alice/app', [{ at: '1h', stage: 'PAUSED' }]);
      expect(() => hub.control.startScript('alice/app', [{ at: '10s', stage: 'RUNNING' }, { at: '5s', stage: 'PAUSED' }])).toThrow(
        'Invalid script: 1.at: Steps must be in time order: this one comes before step 0',
      );
      expect(() => hub.control.startScript('alice/app', [{ at: 'soon', stage: 'RUNNING' }])).toThrow(/0\.at: Expected a duration such as "250ms"/);
      expect(() => hub.control.startScript('alice/app', [{ at: '1s', stage: 'RUNNING', errorMessage: 'x' }])).toThrow(
        /0\.errorMessage: Only a step into an error stage/,
      );
      expect(() => hub.control.startScript('alice/app', [{ at: '1s' }])).toThrow(/A step sets "stage", "app" or both/);
      expect(() => hub.control.startScript('alice/ghost', [])).toThrow('No Space "alice/ghost" in the scenario');
      expect(hub.control.space('alice/app').script?.steps).toEqual([expect.objectContaining({ stage: 'PAUSED', offsetMs: 3_600_000 })]);
    });
  });

  describe('in compressed time', () => {
    it('plays a script `timeScale` times faster than real time', async () => {
      const hub = await startHubEmulator({ scenario: scenarioWith([{ id: 'alice/app' }], { timeScale: 36_000 }) });
      const stream = await StageStream.open(hub, 'alice/app');
      try {
        // An hour of the Hub's time is 100 ms of real time.
        const script = hub.control.startScript('alice/app', [
          { at: '30m', stage: 'RUNTIME_ERROR' },
          { at: '1h', stage: 'RUNNING' },
        ]);
        expect(await stream.until('RUNNING', 5_000)).toEqual(['RUNNING', 'RUNTIME_ERROR', 'RUNNING']);
        expect(hub.clock.now() - Date.parse(script.startedAt)).toBeGreaterThanOrEqual(3_600_000);
        expect(hub.control.clock()).toMatchObject({ timeScale: 36_000, manual: false });
      } finally {
        stream.close();
        await hub.close();
      }
    });
  });

  describe('with Jest fake timers', () => {
    afterEach(() => jest.useRealTimers());

    it('are stepped by jest.advanceTimersByTime through the system clock', async () => {
      const hub = await startHubEmulator({ scenario: scenarioWith([{ id: 'alice/app' }]) });
      try {
        jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
        hub.control.startScript('alice/app', [{ at: '10s', stage: 'RUNTIME_ERROR' }]);
        jest.advanceTimersByTime(9_999);
        expect(hub.control.space('alice/app').stage).toBe('RUNNING');
        jest.advanceTimersByTime(1);
        expect(await stageOf(hub, 'alice/app')).toBe('RUNTIME_ERROR');
      } finally {
        jest.useRealTimers();
        await hub.close();
      }
    });
  });
});
