import { until, useHub } from '../../testing/hub-test-kit';
import { SseTestClient } from '../../testing/sse-test-client';

describe('GET /v1/{owner}/{name}/sse (docs/hub-api.md §8.2)', () => {
  const hub = useHub({ keepAliveMs: 100 });
  const clients: SseTestClient[] = [];
  const open = async (id: string) => {
    const client = await SseTestClient.open(`${hub().url}/v1/${id}/sse`);
    clients.push(client);
    return client;
  };
  afterEach(() => clients.splice(0).forEach((c) => c.close()));

  it('sends `event: stage` with the bare stage on connect, then keep-alive comments', async () => {
    const client = await open('alice/sd-playground');
    await until(() => client.comments.length >= 2);
    expect(client.raw.startsWith('event: stage\ndata: SLEEPING\n\n: keep-alive\n\n')).toBe(true);
    expect(client.events).toEqual([{ event: 'stage', data: 'SLEEPING', id: undefined }]);
  });

  it('pushes every stage change', async () => {
    const client = await open('carol/stock-dashboard');
    await client.next();
    hub().control.setStage('carol/stock-dashboard', 'STOPPED');
    hub().control.setStage('carol/stock-dashboard', 'SLEEPING');
    await client.take(3);
    expect(client.events.map((e) => e.data)).toEqual(['RUNNING', 'STOPPED', 'SLEEPING']);
  });

  it('reports static Spaces as CONFIG_ERROR, as the infra stream does', async () => {
    const client = await open('nebula-labs/docs-site');
    expect((await client.next()).data).toBe('CONFIG_ERROR');
  });
});
