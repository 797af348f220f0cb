import { startHubEmulator } from '../emulator';
import { call } from '../../testing/hub-test-kit';
import { ALICE, scenarioWith, useManualHub } from '../../testing/manual-hub';
import { StageStream } from '../../testing/stage-stream';

type Runtime = { stage: string; hardware: { current: string | null }; replicas: Record<string, number> };

const runtimeOf = async (hub: Parameters<typeof call>[0], id: string) => (await call(hub, `/api/spaces/${id}/runtime`, { token: ALICE })).body as Runtime;

describe('sleep after gcTimeout without a visit (docs/hub-api.md §3 gcTimeout, §9 SLEEPING/STOPPED)', () => {
  describe('with sleepAfterGcTimeout', () => {
    const manual = useManualHub(() =>
      scenarioWith(
        [
          { id: 'alice/free', gcTimeout: 600 },
          { id: 'alice/gpu', hardware: { requested: 't4-small' }, gcTimeout: 3600 },
          { id: 'alice/always', hardware: { requested: 'cpu-upgrade' }, gcTimeout: null },
          { id: 'alice/site', sdk: 'static' },
        ],
        { sleepAfterGcTimeout: true },
      ),
    );
    const visit = (id: string) => fetch(`${manual().hub.url}/_apps/${id.replace('/', '-')}/`);

    it('puts a free Space to SLEEPING once gcTimeout passes without a visit, with no container left', async () => {
      const { hub, advance } = manual();
      expect(hub.control.space('alice/free').sleepsAt).toBe(new Date(hub.startedAt + 600_000).toISOString());
      advance(599_999);
      expect((await runtimeOf(hub, 'alice/free')).stage).toBe('RUNNING');
      advance(1);
      expect(await runtimeOf(hub, 'alice/free')).toMatchObject({ stage: 'SLEEPING', hardware: { current: null }, replicas: { requested: 1 } });
      expect((await runtimeOf(hub, 'alice/free')).replicas).not.toHaveProperty('current');
      expect(hub.counters.space('alice/free')).toMatchObject({ sleeps: 1, visits: 0 });
      expect(hub.control.space('alice/free').sleepsAt).toBeNull();
    });

    it('starts the countdown again at every visit', async () => {
      const { hub, advance } = manual();
      advance(500_000);
      expect((await visit('alice/free')).status).toBe(200);
      advance(500_000);
      expect((await runtimeOf(hub, 'alice/free')).stage).toBe('RUNNING');
      advance(100_000);
      expect((await runtimeOf(hub, 'alice/free')).stage).toBe('SLEEPING');
    });

    it('stops a Space on upgraded hardware (STOPPED), never one without a sleep time, nor a static one', async () => {
      const { hub, advance } = manual();
      advance(3_600_000);
      expect((await runtimeOf(hub, 'alice/gpu')).stage).toBe('STOPPED');
      advance(30 * 86_400_000);
      expect((await runtimeOf(hub, 'alice/always')).stage).toBe('RUNNING');
      expect((await call(hub, '/api/spaces/alice/site/runtime')).body).toMatchObject({ stage: 'RUNNING' });
    });

    it('wakes a sleeping Space on a visit: APP_STARTING, then RUNNING, and the countdown starts again', async () => {
      const { hub, advance } = manual();
      advance(600_000);
      const stream = await StageStream.open(hub, 'alice/free');
      try {
        const res = await visit('alice/free');
        expect({ status: res.status, body: await res.text() }).toEqual({ status: 503, body: expect.stringContaining('waking up') });
        await stream.until('APP_STARTING');
        expect((await visit('alice/free')).status).toBe(503);
        advance(3_000); // the default startMs
        expect(await stream.until('RUNNING')).toEqual(['SLEEPING', 'APP_STARTING', 'RUNNING']);
        expect(hub.counters.space('alice/free')).toMatchObject({ visits: 2, wakes: 1, sleeps: 1 });
        advance(600_000);
        expect(await stream.until('SLEEPING')).toEqual(['SLEEPING', 'APP_STARTING', 'RUNNING', 'SLEEPING']);
      } finally {
        stream.close();
      }
    });

    it('counts from a new sleep time set through the Hub API, and afresh once a restart brings a new container', async () => {
      const { hub, advance } = manual();
      const res = await call(hub, '/api/spaces/alice/gpu/sleeptime', { method: 'POST', token: ALICE, body: { seconds: 60 } });
      expect(res.body).toMatchObject({ gcTimeout: 60 });
      advance(60_000);
      expect((await runtimeOf(hub, 'alice/gpu')).stage).toBe('STOPPED');
      await call(hub, '/api/spaces/alice/free/restart', { method: 'POST', token: ALICE });
      advance(7_000 + 599_999);
      expect((await runtimeOf(hub, 'alice/free')).stage).toBe('RUNNING');
    });
  });

  describe('without it (the default, so older scenarios keep their Spaces up)', () => {
    const manual = useManualHub(() => scenarioWith([{ id: 'alice/free', gcTimeout: 600 }]));

    it('never puts a Space to sleep, though a visit still wakes a sleeping one', async () => {
      const { hub, advance } = manual();
      advance(3 * 86_400_000);
      expect((await runtimeOf(hub, 'alice/free')).stage).toBe('RUNNING');
      expect(hub.control.space('alice/free').sleepsAt).toBeNull();
      hub.control.setStage('alice/free', 'SLEEPING');
      await fetch(`${hub.url}/_apps/alice-free`);
      expect((await runtimeOf(hub, 'alice/free')).stage).toBe('APP_STARTING');
    });
  });

  it('sleeps after the free tier’s 48 hours in compressed time (timeScale)', async () => {
    // 48 hours of the Hub's time in 200 ms.
    const hub = await startHubEmulator({ scenario: scenarioWith([{ id: 'alice/free' }], { sleepAfterGcTimeout: true, timeScale: 864_000 }) });
    try {
      // At this scale one real millisecond is 14 minutes of the Hub's: the countdown starts when
      // the Space was last set running, somewhere between the start and now.
      const sleepsAt = Date.parse(hub.control.space('alice/free').sleepsAt ?? '');
      expect(sleepsAt).toBeGreaterThanOrEqual(hub.startedAt + 172_800_000);
      expect(sleepsAt).toBeLessThanOrEqual(hub.clock.now() + 172_800_000);
      const stream = await StageStream.open(hub, 'alice/free');
      try {
        await stream.until('SLEEPING', 10_000);
        expect(hub.clock.now() - hub.startedAt).toBeGreaterThanOrEqual(172_800_000);
      } finally {
        stream.close();
      }
    } finally {
      await hub.close();
    }
  });
});
