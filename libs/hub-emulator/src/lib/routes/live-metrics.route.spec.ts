import { startHubEmulator } from '../emulator';
import { call, until, useHub } from '../../testing/hub-test-kit';
import { recordedMetricEvents } from '../../testing/recordings';
import { SseTestClient } from '../../testing/sse-test-client';

/** The complete blocks of an SSE body (each ends with a blank line). */
function blocks(raw: string): string[] {
  return raw.split('\n\n').slice(0, -1);
}

async function firstSamples(seed: number, spaceId: string, count: number): Promise<string[]> {
  const hub = await startHubEmulator({ seed, metricsIntervalMs: 20 });
  const client = await SseTestClient.open(`${hub.url}/v1/${spaceId}/live-metrics/sse`);
  try {
    return (await client.take(count)).map((m) => m.data);
  } finally {
    client.close();
    await hub.close();
  }
}

describe('GET /v1/{owner}/{name}/live-metrics/sse (docs/hub-api.md §8.1)', () => {
  const hub = useHub({ metricsIntervalMs: 50, keepAliveMs: 100 });
  const clients: SseTestClient[] = [];
  const open = async (path: string, headers: Record<string, string> = {}) => {
    const client = await SseTestClient.open(`${hub().url}${path}`, headers);
    clients.push(client);
    return client;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.close()));

  it('frames `event: metric` events with one JSON data line and a blank line after each', async () => {
    const client = await open('/v1/alice/whisper-transcriber/live-metrics/sse');
    expect(client.response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    await client.take(3);
    const all = blocks(client.raw);
    expect(all.filter((block) => block.startsWith('event: metric')).length).toBeGreaterThanOrEqual(3);
    // Nothing else: a metric event with one data line, or the keep-alive comment.
    for (const block of all) expect(block).toMatch(/^(?:: keep-alive|event: metric\ndata: \{[^\n]*\})$/);
  });

  it('sends exactly the fields of §8.1, gpus only with a GPU', async () => {
    const recordedKeys = Object.keys(recordedMetricEvents()[0]?.data ?? {});
    const gpu = await open('/v1/alice/whisper-transcriber/live-metrics/sse');
    const cpu = await open('/v1/bob/web-scraper/live-metrics/sse');
    const withGpu = JSON.parse((await gpu.next()).data) as Record<string, unknown>;
    const withoutGpu = JSON.parse((await cpu.next()).data) as Record<string, unknown>;
    expect(Object.keys(withGpu)).toEqual(recordedKeys);
    expect(Object.keys(withoutGpu)).toEqual(recordedKeys.filter((k) => k !== 'gpus'));
    expect(withGpu).toMatchObject({ cpu_millicores: 3500, memory_total_bytes: 15_032_385_536, replica: expect.stringMatching(/^[a-z0-9]{5}$/) });
    expect(withoutGpu['memory_used_bytes']).toBeLessThanOrEqual(withoutGpu['memory_total_bytes'] as number);
  });

  it('sends one event per replica per interval', async () => {
    const client = await open('/v1/nebula-labs/llm-leaderboard/live-metrics/sse');
    const replicas = (await client.take(6)).map((m) => (JSON.parse(m.data) as { replica: string }).replica);
    expect(new Set(replicas).size).toBe(2);
    expect(replicas[0]).not.toBe(replicas[1]);
    expect(replicas.slice(2, 4)).toEqual(replicas.slice(0, 2));
  });

  it('only keeps the connection alive for a Space that does not run', async () => {
    const client = await open('/v1/alice/sd-playground/live-metrics/sse');
    expect(client.status).toBe(200);
    await until(() => client.comments.length >= 3);
    expect(client.events).toEqual([]);
    expect(client.raw).toBe(': keep-alive\n\n'.repeat(client.comments.length));
  });

  it('answers 406 "Space is stale" for a static Space', async () => {
    const res = await call(hub(), '/v1/alice/portfolio/live-metrics/sse');
    expect(res.status).toBe(406);
    expect(res.body).toEqual({ error: 'Space is stale' });
  });

  it('needs a token that can read a private Space', async () => {
    expect((await call(hub(), '/v1/alice/pdf-chat/live-metrics/sse')).status).toBe(401);
    expect((await call(hub(), '/v1/alice/pdf-chat/live-metrics/sse', { token: 'demo-bob-read' })).status).toBe(404);
    const client = await open('/v1/alice/pdf-chat/live-metrics/sse', { Authorization: 'Bearer demo-alice-read' });
    expect(client.status).toBe(200);
  });

  it('repeats the same samples for the same seed, and not for another', async () => {
    const a = await firstSamples(77, 'bob/music-gen', 5);
    const b = await firstSamples(77, 'bob/music-gen', 5);
    const c = await firstSamples(78, 'bob/music-gen', 5);
    expect(a).toEqual(b);
    expect(c).not.toEqual(a);
  });
});
