import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { call } from '../testing/hub-test-kit';
import { scenarioWith } from '../testing/manual-hub';
import { SseTestClient } from '../testing/sse-test-client';
import { ManualClock } from './clock/manual-clock';
import { startHubEmulator } from './emulator';
import { ScenarioError } from './scenario/load-scenario';
import { demoScenario } from './scenario/demo-scenario';

describe('startHubEmulator', () => {
  it('serves the demo scenario on an ephemeral loopback port by default, /api and /v1 from one origin', async () => {
    const hub = await startHubEmulator();
    try {
      expect(hub.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(hub.scenario.watch).toEqual(demoScenario().watch);
      expect((await call(hub, '/api/spaces/alice/whisper-transcriber/runtime')).status).toBe(200);
      const status = await SseTestClient.open(`${hub.url}/v1/alice/whisper-transcriber/sse`);
      expect((await status.next()).data).toBe('RUNNING');
      status.close();
    } finally {
      await hub.close();
    }
  });

  it('loads a scenario file, and lets the seed option override its seed', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hub-emulator-'));
    const path = join(dir, 'scenario.json');
    writeFileSync(path, JSON.stringify({ ...demoScenario(), seed: 1 }));
    const a = await startHubEmulator({ scenario: path });
    const b = await startHubEmulator({ scenario: path, seed: 2 });
    try {
      expect(a.scenario.seed).toBe(1);
      expect(b.scenario.seed).toBe(2);
      const sha = async (hub: typeof a) => ((await call(hub, '/api/spaces/bob/music-gen')).body as { sha: string }).sha;
      expect(await sha(a)).not.toBe(await sha(b));
    } finally {
      await Promise.all([a.close(), b.close()]);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses an invalid scenario before listening', async () => {
    await expect(startHubEmulator({ scenario: { seed: 1, accounts: [], spaces: [] } })).rejects.toThrow(ScenarioError);
  });

  it('exposes the scenario read-only', async () => {
    const hub = await startHubEmulator();
    try {
      expect(Object.isFrozen(hub.scenario.spaces[0])).toBe(true);
    } finally {
      await hub.close();
    }
  });

  it('closes open streams and its port, and may be closed twice', async () => {
    const hub = await startHubEmulator({ keepAliveMs: 50 });
    const client = await SseTestClient.open(`${hub.url}/v1/bob/music-gen/live-metrics/sse`);
    await client.next();
    await hub.close();
    expect(['end', 'error']).toContain(await client.ended);
    await hub.close();
    await expect(fetch(`${hub.url}/api/spaces`)).rejects.toThrow();
  });

  it('leaves no timer of the Hub’s time behind on close (scripts, crash loops, sleep countdowns, builds)', async () => {
    const clock = new ManualClock();
    const hub = await startHubEmulator({
      clock,
      scenario: scenarioWith(
        [
          { id: 'alice/app', script: [{ at: '1h', stage: 'PAUSED' }], crashLoop: { after: '1m' } },
          { id: 'alice/build', stage: 'BUILDING' },
        ],
        { sleepAfterGcTimeout: true },
      ),
    });
    expect(clock.pendingTimers).toBeGreaterThan(3);
    await hub.close();
    expect(clock.pendingTimers).toBe(0);
  });

  it('hands every live-metrics sample to onMetricSample before writing it, and sends nothing more over HTTP', async () => {
    const sent: Array<{ spaceId: string; data: string }> = [];
    const hub = await startHubEmulator({
      metricsIntervalMs: 20,
      onMetricSample: ({ spaceId, sample }) => sent.push({ spaceId, data: JSON.stringify(sample) }),
    });
    const client = await SseTestClient.open(`${hub.url}/v1/bob/music-gen/live-metrics/sse`);
    try {
      const received = (await client.take(3)).map((message) => message.data);
      // Each sample the stream delivered was observed first, for this Space, with the same content.
      expect(sent.slice(0, 3)).toEqual(received.map((data) => ({ spaceId: 'bob/music-gen', data })));
    } finally {
      client.close();
      await hub.close();
    }
  });

  it('reports a port already in use', async () => {
    const hub = await startHubEmulator();
    try {
      const port = Number(new URL(hub.url).port);
      await expect(startHubEmulator({ port })).rejects.toThrow(/EADDRINUSE/);
    } finally {
      await hub.close();
    }
  });
});
