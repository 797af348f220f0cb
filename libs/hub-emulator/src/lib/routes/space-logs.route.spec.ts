import { call, useHub } from '../../testing/hub-test-kit';
import { SseTestClient } from '../../testing/sse-test-client';
import { StageStream } from '../../testing/stage-stream';

const AUTH = { Authorization: 'Bearer demo-alice-write' };
type Line = { data: string; timestamp: string };
const parse = (data: string) => JSON.parse(data) as Line;
/** Keep-alives are empty `data:` events; a client skips them (as HFH does). */
const lines = (client: SseTestClient) => client.events.filter((e) => e.data !== '');

describe('Space logs over SSE (docs/hub-api.md §7)', () => {
  const hub = useHub({ runLogIntervalMs: 50, keepAliveMs: 100, timings: { buildMs: 400, startMs: 200, factoryBuildMs: 400 } });
  const clients: SseTestClient[] = [];
  const open = async (path: string, headers: Record<string, string> = AUTH) => {
    const client = await SseTestClient.open(`${hub().url}${path}`, headers);
    clients.push(client);
    return client;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.close()));

  it.each(['/api/spaces/alice/whisper-transcriber/logs/run', '/v1/alice/whisper-transcriber/logs/run'])(
    'sends data-only events of {data, timestamp} JSON, history then live lines: %s',
    async (path) => {
      const client = await open(path);
      expect(client.response.headers.get('content-type')).toMatch(/^text\/event-stream/);
      await client.take(12);
      const events = lines(client);
      expect(client.raw).not.toMatch(/^event:/m);
      for (const event of events) {
        expect(event.event).toBeUndefined();
        const line = parse(event.data);
        expect(Object.keys(line)).toEqual(['data', 'timestamp']);
        expect(line.data.endsWith('\n')).toBe(true);
        expect(new Date(line.timestamp).toISOString()).toBe(line.timestamp);
      }
      expect(parse(events[0]?.data ?? '').data).toMatch(/^===== Application Startup at \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} =====\n$/);
      expect(events.some((e) => parse(e.data).data.startsWith('INFO:     10.'))).toBe(true);
    },
  );

  it('replays only the last N lines with ?tail=N', async () => {
    const all = await open('/api/spaces/alice/telegram-bot/logs/build');
    const tail = await open('/api/spaces/alice/telegram-bot/logs/build?tail=2');
    await Promise.all([all.ended, tail.ended]);
    expect(lines(all).length).toBeGreaterThan(2);
    expect(lines(tail).map((e) => e.data)).toEqual(lines(all).slice(-2).map((e) => e.data));
  });

  it('replays a finished build and ends the stream', async () => {
    const client = await open('/api/spaces/alice/telegram-bot/logs/build');
    expect(await client.ended).toBe('end');
    const text = lines(client).map((e) => parse(e.data).data);
    expect(text[0]).toMatch(/^===== Build Queued at .+ \/ Commit SHA: [0-9a-f]{7} =====\n$/);
    expect(text.at(-1)).toMatch(/^DONE/);
  });

  it('streams a running build live and ends when the build finishes', async () => {
    const stages = await StageStream.open(hub(), 'alice/sd-playground', 'demo-alice-write');
    try {
      await call(hub(), '/api/spaces/alice/sd-playground/restart', { method: 'POST', token: 'demo-alice-write' });
      const client = await open('/v1/alice/sd-playground/logs/build');
      expect(await client.ended).toBe('end');
      // The build is over: the Space went on to start its app.
      await stages.until('APP_STARTING');
      expect(lines(client).map((e) => parse(e.data).data)).toContain('--> Pushing image\n');
    } finally {
      stages.close();
    }
  });

  it('keeps a quiet log stream alive with empty data events, as Space logs do', async () => {
    const client = await open('/api/spaces/nebula-labs/vision-demo/logs/run');
    await client.waitForRaw('data: \n\n');
    expect(lines(client).map((e) => parse(e.data).data)).toContain("ModuleNotFoundError: No module named 'torchvision'\n");
  });

  it('needs write access, and refuses static Spaces and unknown log kinds', async () => {
    expect((await call(hub(), '/api/spaces/alice/telegram-bot/logs/run')).status).toBe(401);
    expect((await call(hub(), '/api/spaces/alice/telegram-bot/logs/run', { token: 'demo-alice-read' })).status).toBe(403);
    expect((await call(hub(), '/api/spaces/alice/portfolio/logs/run', { token: 'demo-alice-write' })).status).toBe(400);
    expect((await call(hub(), '/api/spaces/alice/telegram-bot/logs/debug', { token: 'demo-alice-write' })).status).toBe(404);
  });
});
