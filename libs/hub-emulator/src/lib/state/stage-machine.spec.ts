import type { ScenarioInput } from '../scenario/scenario.schema';
import { call, useHub, until } from '../../testing/hub-test-kit';
import { SseTestClient } from '../../testing/sse-test-client';
import { StageStream } from '../../testing/stage-stream';

const ALICE = 'demo-alice-write';
type Runtime = { stage: string; hardware: { current: string | null; requested: string | null }; replicas: Record<string, number>; gcTimeout?: number | null; errorMessage?: string };

describe('stage machine over HTTP (docs/hub-api.md §9)', () => {
  describe('timelines with short timings', () => {
    const hub = useHub();
    const streams: StageStream[] = [];
    const follow = async (id: string) => {
      const stream = await StageStream.open(hub(), id, ALICE);
      streams.push(stream);
      return stream;
    };
    afterEach(() => streams.splice(0).forEach((s) => s.close()));

    it('restarts through BUILDING and APP_STARTING to RUNNING', async () => {
      const stream = await follow('alice/telegram-bot');
      const res = await call(hub(), '/api/spaces/alice/telegram-bot/restart', { method: 'POST', token: ALICE });
      expect(res.body).toMatchObject({ stage: 'BUILDING', hardware: { current: null, requested: 'cpu-basic' }, replicas: { requested: 1 } });
      expect(await stream.until('RUNNING')).toEqual(['RUNNING', 'BUILDING', 'APP_STARTING', 'RUNNING']);
      const runtime = (await call(hub(), '/api/spaces/alice/telegram-bot/runtime', { token: ALICE })).body as Runtime;
      expect(runtime).toMatchObject({ stage: 'RUNNING', hardware: { current: 'cpu-basic' }, replicas: { requested: 1, current: 1 } });
    });

    it('rebuilds from scratch with factory=true (Python clients send True)', async () => {
      const stream = await follow('alice/whisper-transcriber');
      const res = await call(hub(), '/api/spaces/alice/whisper-transcriber/restart?factory=True', { method: 'POST', token: ALICE });
      expect(res.body).toMatchObject({ stage: 'BUILDING' });
      expect(await stream.until('RUNNING')).toEqual(['RUNNING', 'BUILDING', 'APP_STARTING', 'RUNNING']);
      const log = await SseTestClient.open(`${hub().url}/api/spaces/alice/whisper-transcriber/logs/build`, { Authorization: `Bearer ${ALICE}` });
      await log.ended;
      const lines = log.events.filter((e) => e.data !== '').map((e) => (JSON.parse(e.data) as { data: string }).data);
      expect(lines).toContain('Factory rebuild: build cache disabled\n');
    });

    it('gives a Space forced into a serving stage a running container', async () => {
      hub().control.setStage('alice/sd-playground', 'RUNNING_BUILDING');
      const runtime = (await call(hub(), '/api/spaces/alice/sd-playground/runtime')).body as Runtime;
      expect(runtime.replicas).toEqual({ requested: 1, current: 1 });
      const metrics = await SseTestClient.open(`${hub().url}/v1/alice/sd-playground/live-metrics/sse`);
      try {
        expect((await metrics.next()).event).toBe('metric');
      } finally {
        metrics.close();
      }
    });

    it('ends a failing factory rebuild in BUILD_ERROR with the error message, and a plain restart recovers', async () => {
      const stream = await follow('nebula-labs/rag-backend');
      await call(hub(), '/api/spaces/nebula-labs/rag-backend/restart?factory=true', { method: 'POST', token: ALICE });
      expect(await stream.until('BUILD_ERROR')).toEqual(['RUNNING', 'BUILDING', 'BUILD_ERROR']);
      const runtime = (await call(hub(), '/api/spaces/nebula-labs/rag-backend/runtime', { token: ALICE })).body as Runtime;
      expect(runtime.hardware.current).toBeNull();
      expect(runtime.errorMessage).toMatch(/^Build failed with exit code: 1\nERROR: failed to solve/);
      expect(Object.keys(runtime).at(-1)).toBe('errorMessage');

      await call(hub(), '/api/spaces/nebula-labs/rag-backend/restart', { method: 'POST', token: ALICE });
      await stream.until('RUNNING');
      const healed = (await call(hub(), '/api/spaces/nebula-labs/rag-backend/runtime', { token: ALICE })).body as Runtime;
      expect(healed.errorMessage).toBeUndefined();
    });

    it('pauses at once, and only a restart resumes', async () => {
      const stream = await follow('alice/pdf-chat');
      const paused = await call(hub(), '/api/spaces/alice/pdf-chat/pause', { method: 'POST', token: ALICE });
      expect(paused.body).toMatchObject({ stage: 'PAUSED', hardware: { current: null, requested: 'cpu-upgrade' }, replicas: { requested: 1 } });
      expect((paused.body as Runtime).replicas).not.toHaveProperty('current');
      await stream.until('PAUSED');
      await call(hub(), '/api/spaces/alice/pdf-chat/restart', { method: 'POST', token: ALICE });
      expect(await stream.until('RUNNING')).toEqual(['RUNNING', 'PAUSED', 'BUILDING', 'APP_STARTING', 'RUNNING']);
    });

    it('changes hardware while the old version keeps serving', async () => {
      const stream = await follow('nebula-labs/llm-leaderboard');
      const res = await call(hub(), '/api/spaces/nebula-labs/llm-leaderboard/hardware', {
        method: 'POST',
        token: ALICE,
        body: { flavor: 'a10g-large', sleepTimeSeconds: 1800 },
      });
      expect(res.body).toMatchObject({ stage: 'RUNNING_BUILDING', hardware: { current: 'cpu-upgrade', requested: 'a10g-large' }, gcTimeout: 1800 });
      expect(await stream.until('RUNNING')).toEqual(['RUNNING', 'RUNNING_BUILDING', 'RUNNING_APP_STARTING', 'RUNNING']);
      const runtime = (await call(hub(), '/api/spaces/nebula-labs/llm-leaderboard/runtime')).body as Runtime;
      expect(runtime.hardware).toEqual({ current: 'a10g-large', requested: 'a10g-large' });
      expect(runtime.replicas).toEqual({ requested: 2, current: 2 });
    });

    it('validates hardware requests', async () => {
      const post = (id: string, body: unknown) => call(hub(), `/api/spaces/${id}/hardware`, { method: 'POST', token: ALICE, body });
      expect((await post('alice/telegram-bot', { flavor: 'h100x9' })).body).toEqual({ error: expect.stringContaining('Invalid flavor "h100x9"') });
      expect((await post('alice/telegram-bot', { flavor: 'zero-a10g' })).status).toBe(400);
      expect((await post('alice/telegram-bot', {})).status).toBe(400);
      expect((await post('alice/portfolio', { flavor: 'cpu-upgrade' })).status).toBe(400);
    });

    it('sets the sleep time: seconds, -1 for never, fixed on the free tier', async () => {
      const post = (id: string, body: unknown) => call(hub(), `/api/spaces/${id}/sleeptime`, { method: 'POST', token: ALICE, body });
      expect(((await post('nebula-labs/vision-demo', { seconds: 7200 })).body as Runtime).gcTimeout).toBe(7200);
      expect(((await post('nebula-labs/vision-demo', { seconds: -1 })).body as Runtime).gcTimeout).toBeNull();
      expect(((await post('alice/telegram-bot', { seconds: 600 })).body as Runtime).gcTimeout).toBe(172800);
      for (const bad of [{}, { seconds: 'soon' }, { seconds: 0 }, { seconds: 1.5 }]) {
        const res = await post('nebula-labs/vision-demo', bad);
        expect({ bad, status: res.status }).toEqual({ bad, status: 400 });
        expect(res.body).toEqual({ error: expect.stringContaining('Invalid body') });
      }
      const malformed = await fetch(`${hub().url}/api/spaces/nebula-labs/vision-demo/sleeptime`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${ALICE}`, 'Content-Type': 'application/json' },
        body: '{"seconds":',
      });
      expect(malformed.status).toBe(400);
      expect(await malformed.json()).toEqual({ error: 'Invalid JSON body' });
    });

    it('starts and stops metrics with the stage', async () => {
      const metrics = await SseTestClient.open(`${hub().url}/v1/bob/music-gen/live-metrics/sse`);
      try {
        const first = await metrics.next((m) => m.event === 'metric');
        const replica = (JSON.parse(first.data) as { replica: string }).replica;
        await call(hub(), '/api/spaces/bob/music-gen/pause', { method: 'POST', token: 'demo-bob-read' }).then((r) => expect(r.status).toBe(403));
        hub().control.setStage('bob/music-gen', 'PAUSED');
        // Events written before the pause arrive before the next keep-alive on the same connection.
        const comments = metrics.comments.length;
        await until(() => metrics.comments.length > comments);
        const events = metrics.events.length;
        await until(() => metrics.comments.length > comments + 3);
        expect(metrics.events.length).toBe(events);

        hub().control.setStage('bob/music-gen', 'RUNNING');
        const resumed = await metrics.next((m) => m.event === 'metric');
        expect((JSON.parse(resumed.data) as { replica: string }).replica).not.toBe(replica);
      } finally {
        metrics.close();
      }
    });

    it('shows a stage set through control everywhere, with its error message', async () => {
      const stream = await follow('carol/stock-dashboard');
      hub().control.setStage('carol/stock-dashboard', 'RUNTIME_ERROR', 'Exit code: 3. Reason: boom');
      await stream.until('RUNTIME_ERROR');
      const runtime = (await call(hub(), '/api/spaces/carol/stock-dashboard/runtime')).body as Runtime;
      const info = (await call(hub(), '/api/spaces/carol/stock-dashboard')).body as { runtime: Runtime };
      const list = (await call(hub(), '/api/spaces?author=carol&expand=runtime')).body as Array<{ id: string; runtime: Runtime }>;
      for (const view of [runtime, info.runtime, list.find((s) => s.id === 'carol/stock-dashboard')?.runtime]) {
        expect(view).toMatchObject({ stage: 'RUNTIME_ERROR', errorMessage: 'Exit code: 3. Reason: boom' });
      }
    });
  });

  describe('every view agrees during a restart', () => {
    // Stages long enough to look at each one from every angle.
    const hub = useHub({ timings: { buildMs: 3000, startMs: 3000, factoryBuildMs: 3000 } });

    it('shows each stage in runtime, info, the list with expand=runtime and the status stream', async () => {
      const id = 'alice/telegram-bot';
      const views = async () => {
        const runtime = (await call(hub(), `/api/spaces/${id}/runtime`, { token: ALICE })).body as Runtime;
        const info = ((await call(hub(), `/api/spaces/${id}`, { token: ALICE })).body as { runtime: Runtime }).runtime;
        const list = (
          (await call(hub(), '/api/spaces?author=alice&expand=runtime', { token: ALICE })).body as Array<{ id: string; runtime: Runtime }>
        ).find((s) => s.id === id)?.runtime;
        return [runtime, info, list];
      };
      const stream = await StageStream.open(hub(), id, ALICE);
      try {
        await call(hub(), `/api/spaces/${id}/restart`, { method: 'POST', token: ALICE });
        await stream.until('BUILDING');
        for (const view of await views()) {
          expect(view).toMatchObject({ stage: 'BUILDING', hardware: { current: null }, replicas: { requested: 1 } });
          expect(view?.replicas).not.toHaveProperty('current');
        }
        await stream.until('APP_STARTING');
        for (const view of await views()) expect(view).toMatchObject({ stage: 'APP_STARTING', hardware: { current: 'cpu-basic' } });
        await stream.until('RUNNING');
        for (const view of await views()) expect(view).toMatchObject({ stage: 'RUNNING', replicas: { requested: 1, current: 1 } });
      } finally {
        stream.close();
      }
    });
  });

  describe('a Space that starts in BUILDING', () => {
    const scenario: ScenarioInput = {
      seed: 5,
      accounts: [{ type: 'user', name: 'sam' }],
      spaces: [{ id: 'sam/fresh', sdk: 'gradio', stage: 'BUILDING', createdAt: '2024-01-01T00:00:00.000Z' }],
    };
    // The build outlasts the opening of the stream by far.
    const hub = useHub({ scenario, timings: { buildMs: 4000, startMs: 300, factoryBuildMs: 4000 } });

    it('finishes through APP_STARTING', async () => {
      const stream = await StageStream.open(hub(), 'sam/fresh');
      try {
        expect(await stream.until('RUNNING')).toEqual(['BUILDING', 'APP_STARTING', 'RUNNING']);
      } finally {
        stream.close();
      }
    });
  });

  describe('scripted events', () => {
    const scenario: ScenarioInput = {
      seed: 4,
      accounts: [{ type: 'user', name: 'sam', tokens: [{ token: 'test-sam-write', role: 'write', displayName: 'w' }] }],
      spaces: [
        {
          id: 'sam/fragile',
          sdk: 'docker',
          createdAt: '2024-01-01T00:00:00.000Z',
          events: [{ afterMs: 1500, stage: 'RUNTIME_ERROR', errorMessage: 'Exit code: 139. Reason: Segmentation fault' }],
        },
      ],
    };
    const hub = useHub({ scenario });

    it('moves a Space into RUNTIME_ERROR after a while, with its message in runtime and run log', async () => {
      const stream = await StageStream.open(hub(), 'sam/fragile');
      try {
        // The stream normally opens before the event fires and sees both stages; on a machine slow
        // enough to open it later it sees only the error. Either way it is the end of this timeline.
        const seen = await stream.until('RUNTIME_ERROR');
        expect(['RUNNING', 'RUNTIME_ERROR'].slice(-seen.length)).toEqual(seen);
        const runtime = (await call(hub(), '/api/spaces/sam/fragile/runtime')).body as Runtime;
        expect(runtime.errorMessage).toBe('Exit code: 139. Reason: Segmentation fault');
        const log = await SseTestClient.open(`${hub().url}/api/spaces/sam/fragile/logs/run?tail=1`, { Authorization: 'Bearer test-sam-write' });
        const last = await log.next();
        log.close();
        expect(JSON.parse(last.data)).toMatchObject({ data: 'Exit code: 139. Reason: Segmentation fault\n' });
      } finally {
        stream.close();
      }
    });
  });
});
