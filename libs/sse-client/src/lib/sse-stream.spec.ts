import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { firstValueFrom, lastValueFrom, take, toArray, type Observable } from 'rxjs';
import { jsonEvents } from './json-events';
import { SseHttpError, SseNetworkError } from './sse-errors';
import { sseStream } from './sse-stream';
import type { SseConnectionState, SseEvent, SseReconnectInfo, SseStreamOptions } from './sse-types';

/** A real SSE server on loopback; each test decides what every request gets. */
interface TestServer {
  url: string;
  /** Headers of every request received, in order. */
  requests: IncomingHttpHeaders[];
  /** Requests whose connection has closed on the server side. */
  closedRequests: number;
  close(): Promise<void>;
}

type Handler = (req: IncomingMessage, res: ServerResponse, index: number) => void;

const servers: TestServer[] = [];

async function startServer(handler: Handler): Promise<TestServer> {
  const state: TestServer = { url: '', requests: [], closedRequests: 0, close: async () => undefined };
  const server = createServer((req, res) => {
    const index = state.requests.push(req.headers) - 1;
    res.on('close', () => {
      state.closedRequests += 1;
    });
    handler(req, res, index);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/events`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  servers.push(state);
  return state;
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

function openStream(res: ServerResponse, extraHeaders: Record<string, string> = {}): void {
  res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache', ...extraHeaders });
  res.flushHeaders();
}

/** Ends a response abruptly, as a dropped connection looks to the client. */
function drop(res: ServerResponse): void {
  res.socket?.destroy();
}

async function waitFor(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function collect<T>(source: Observable<T>, count: number): Promise<T[]> {
  return firstValueFrom(source.pipe(take(count), toArray()));
}

/** Short delays and no randomness, so reconnection timing is exact and tests stay fast. */
const fast: SseStreamOptions = { initialDelayMs: 20, maxDelayMs: 200, random: () => 0 };

describe('sseStream framing', () => {
  it('parses named events, multi-line data, ids and CRLF, and hides comments', async () => {
    const server = await startServer((_req, res) => {
      openStream(res);
      res.write(': heartbeat\n\n');
      res.write('data: first line\ndata: second line\n\n');
      res.write('event: metric\nid: 7\ndata: {"cpu":1}\n\n');
      res.write('event: stage\r\ndata: RUNNING\r\n\r\n');
      // One event split across writes, in the middle of a field.
      res.write('event: spl');
      setTimeout(() => res.write('it\ndata: joined\n\n'), 20);
    });
    const comments: string[] = [];
    const events = await collect(sseStream(() => ({ url: server.url }), { ...fast, onComment: (c) => comments.push(c) }), 4);
    expect(events).toEqual<SseEvent[]>([
      { event: 'message', data: 'first line\nsecond line' },
      { event: 'metric', data: '{"cpu":1}', id: '7' },
      { event: 'stage', data: 'RUNNING' },
      { event: 'split', data: 'joined' },
    ]);
    expect(comments).toEqual(['heartbeat']);
  });

  it('sends the caller headers and asks for an event stream', async () => {
    const server = await startServer((_req, res) => {
      openStream(res);
      res.write('data: x\n\n');
    });
    await collect(
      sseStream(() => ({ url: server.url, init: { headers: { authorization: 'Bearer abc' } } }), fast),
      1,
    );
    expect(server.requests[0]).toMatchObject({ authorization: 'Bearer abc', accept: 'text/event-stream' });
  });
});

describe('sseStream reconnection', () => {
  it('reconnects after a drop, sends Last-Event-ID and keeps emitting', async () => {
    const server = await startServer((_req, res, index) => {
      openStream(res);
      res.write(`id: ${index}-a\ndata: ${index}-a\n\n`);
      res.write(`id: ${index}-b\ndata: ${index}-b\n\n`, () => setTimeout(() => drop(res), 10));
    });
    const states: SseConnectionState[] = [];
    const reconnects: SseReconnectInfo[] = [];
    const events = await collect(
      sseStream(() => ({ url: server.url }), {
        ...fast,
        onStateChange: (state) => states.push(state),
        onReconnect: (info) => reconnects.push(info),
      }),
      5,
    );
    expect(events.map((event) => event.data)).toEqual(['0-a', '0-b', '1-a', '1-b', '2-a']);
    expect(server.requests[0]['last-event-id']).toBeUndefined();
    expect(server.requests[1]['last-event-id']).toBe('0-b');
    expect(server.requests[2]['last-event-id']).toBe('1-b');
    // A drop after a successful connection starts the backoff over at the initial delay.
    expect(reconnects.map((info) => [info.failures, info.delayMs])).toEqual([
      [1, 20],
      [1, 20],
    ]);
    expect(states).toEqual(['connecting', 'open', 'reconnecting', 'open', 'reconnecting', 'open', 'closed']);
  });

  it('backs off exponentially on retryable statuses, then recovers', async () => {
    const server = await startServer((_req, res, index) => {
      if (index < 3) {
        res.writeHead(503, { 'content-type': 'text/html' }).end('<html>down</html>');
        return;
      }
      openStream(res);
      res.write('data: up\n\n');
    });
    const reconnects: SseReconnectInfo[] = [];
    const started = Date.now();
    const events = await collect(sseStream(() => ({ url: server.url }), { ...fast, onReconnect: (info) => reconnects.push(info) }), 1);
    expect(events).toEqual([{ event: 'message', data: 'up' }]);
    expect(reconnects.map((info) => [info.failures, info.status, info.delayMs])).toEqual([
      [1, 503, 20],
      [2, 503, 40],
      [3, 503, 80],
    ]);
    expect(reconnects[0].error).toBeInstanceOf(SseHttpError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  it('waits at least Retry-After on a 429', async () => {
    const server = await startServer((_req, res, index) => {
      if (index === 0) {
        res.writeHead(429, { 'retry-after': '1' }).end();
        return;
      }
      openStream(res);
      res.write('data: ok\n\n');
    });
    const reconnects: SseReconnectInfo[] = [];
    const started = Date.now();
    await collect(sseStream(() => ({ url: server.url }), { ...fast, onReconnect: (info) => reconnects.push(info) }), 1);
    expect(reconnects[0]).toMatchObject({ status: 429, delayMs: 1000 });
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
  });

  it("uses the server's retry: field as its reconnection delay", async () => {
    const server = await startServer((_req, res, index) => {
      openStream(res);
      res.end(index === 0 ? 'retry: 150\ndata: a\n\n' : 'data: b\n\n');
    });
    const reconnects: SseReconnectInfo[] = [];
    const events = await collect(sseStream(() => ({ url: server.url }), { ...fast, onReconnect: (info) => reconnects.push(info) }), 2);
    expect(events.map((event) => event.data)).toEqual(['a', 'b']);
    // A clean end is not a failure: no failures counted, the server's delay used as it is.
    expect(reconnects[0]).toMatchObject({ failures: 0, delayMs: 150, error: undefined });
  });

  it('reconnects when the connection idles out', async () => {
    const server = await startServer((_req, res, index) => {
      openStream(res);
      // The first connection goes silent after one event; the idle timeout must replace it.
      res.write(`data: ${index}\n\n`);
    });
    const events = await collect(sseStream(() => ({ url: server.url }), { ...fast, idleTimeoutMs: 100 }), 2);
    expect(events.map((event) => event.data)).toEqual(['0', '1']);
    await waitFor(() => server.closedRequests >= 1);
  });

  it('retries when the headers take longer than connectTimeoutMs', async () => {
    const server = await startServer((_req, res, index) => {
      if (index === 0) return; // never answers
      openStream(res);
      res.write('data: late but fine\n\n');
    });
    const events = await collect(sseStream(() => ({ url: server.url }), { ...fast, connectTimeoutMs: 100 }), 1);
    expect(events[0].data).toBe('late but fine');
    expect(server.requests).toHaveLength(2);
  });

  it('drops and replaces a connection whose event outgrows maxEventSize', async () => {
    const server = await startServer((_req, res, index) => {
      openStream(res);
      res.write(index === 0 ? `data: ${'x'.repeat(5000)}` : 'data: small\n\n');
    });
    const events = await collect(sseStream(() => ({ url: server.url }), { ...fast, maxEventSize: 1000 }), 1);
    expect(events[0].data).toBe('small');
  });

  it('gives the request factory the attempt number and the last event id', async () => {
    const server = await startServer((_req, res, index) => {
      openStream(res);
      res.end(`id: e${index}\ndata: ${index}\n\n`);
    });
    const contexts: Array<[number, string | undefined]> = [];
    await collect(
      sseStream(async ({ attempt, lastEventId }) => {
        contexts.push([attempt, lastEventId]);
        return { url: server.url };
      }, fast),
      3,
    );
    expect(contexts).toEqual([
      [0, undefined],
      [1, 'e0'],
      [2, 'e1'],
    ]);
  });
});

describe('sseStream final outcomes', () => {
  it.each([401, 403, 404, 406])('errors at once on %i, with the status and body', async (status) => {
    const server = await startServer((_req, res) => {
      res.writeHead(status, { 'content-type': 'application/json', 'x-error-message': 'nope' }).end('{"error":"nope"}');
    });
    const states: SseConnectionState[] = [];
    const error = await lastValueFrom(sseStream(() => ({ url: server.url }), { ...fast, onStateChange: (s) => states.push(s) })).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(SseHttpError);
    expect(error).toMatchObject({ status, body: '{"error":"nope"}', reason: 'status' });
    expect((error as SseHttpError).headers.get('x-error-message')).toBe('nope');
    // Give a (wrong) reconnection time to happen before counting.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(server.requests).toHaveLength(1);
    expect(states).toEqual(['connecting', 'closed']);
  });

  it('keeps only the start of a huge error body', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(404).end('y'.repeat(100_000));
    });
    const error = await lastValueFrom(sseStream(() => ({ url: server.url }), fast)).catch((caught: unknown) => caught);
    expect((error as SseHttpError).body).toHaveLength(4096);
  });

  it('refuses a 2xx that is not an event stream', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html' }).end('<html></html>');
    });
    const error = await lastValueFrom(sseStream(() => ({ url: server.url }), fast)).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ name: 'SseHttpError', status: 200, reason: 'content-type' });
  });

  it('completes on 204 No Content', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(204).end();
    });
    await expect(lastValueFrom(sseStream(() => ({ url: server.url }), fast), { defaultValue: 'none' })).resolves.toBe('none');
    expect(server.requests).toHaveLength(1);
  });

  it('completes at the end of the stream when reconnectOnEnd is false', async () => {
    const server = await startServer((_req, res) => {
      openStream(res);
      res.end('data: last\n\n');
    });
    const events = await lastValueFrom(sseStream(() => ({ url: server.url }), { ...fast, reconnectOnEnd: false }).pipe(toArray()));
    expect(events.map((event) => event.data)).toEqual(['last']);
    expect(server.requests).toHaveLength(1);
  });

  it('gives up after maxAttempts with a network error when nobody listens', async () => {
    const server = await startServer(() => undefined);
    const url = server.url;
    await server.close();
    const reconnects: SseReconnectInfo[] = [];
    const error = await lastValueFrom(
      sseStream(() => ({ url }), { ...fast, maxAttempts: 3, onReconnect: (info) => reconnects.push(info) }),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SseNetworkError);
    expect(reconnects).toHaveLength(2);
  });

  it('errors with whatever the request factory throws', async () => {
    const refusal = new Error('not now');
    const error = await lastValueFrom(
      sseStream(() => {
        throw refusal;
      }, fast),
    ).catch((caught: unknown) => caught);
    expect(error).toBe(refusal);
  });

  it("stops without retrying when the caller's own signal aborts", async () => {
    const server = await startServer((_req, res) => {
      openStream(res);
      res.write('data: x\n\n');
    });
    const caller = new AbortController();
    const seen: SseEvent[] = [];
    const error = await new Promise<unknown>((resolve) => {
      sseStream(() => ({ url: server.url, init: { signal: caller.signal } }), fast).subscribe({
        next: (event) => {
          seen.push(event);
          caller.abort(new Error('caller gave up'));
        },
        error: resolve,
      });
    });
    expect(seen).toHaveLength(1);
    expect(error).toEqual(new Error('caller gave up'));
    expect(server.requests).toHaveLength(1);
  });
});

describe('sseStream teardown', () => {
  it('closes the server-side connection on unsubscribe and reports closed', async () => {
    const server = await startServer((_req, res) => {
      openStream(res);
      res.write('data: hello\n\n');
    });
    const states: SseConnectionState[] = [];
    const seen: SseEvent[] = [];
    const subscription = sseStream(() => ({ url: server.url }), { ...fast, onStateChange: (s) => states.push(s) }).subscribe((event) =>
      seen.push(event),
    );
    await waitFor(() => seen.length === 1);
    expect(server.closedRequests).toBe(0);
    subscription.unsubscribe();
    await waitFor(() => server.closedRequests === 1);
    expect(states).toEqual(['connecting', 'open', 'closed']);
    expect(server.requests).toHaveLength(1);
  });

  it('cancels a pending reconnection on unsubscribe', async () => {
    const server = await startServer((_req, res) => {
      res.writeHead(503).end();
    });
    const subscription = sseStream(() => ({ url: server.url }), { ...fast, initialDelayMs: 60_000, maxDelayMs: 60_000 }).subscribe({
      error: () => undefined,
    });
    await waitFor(() => server.requests.length === 1);
    subscription.unsubscribe();
    // Jest would report the open 60 s timer if teardown left it behind.
    expect(server.requests).toHaveLength(1);
  });
});

describe('jsonEvents over a real stream', () => {
  interface Sample {
    cpu: number;
  }
  const isSample = (value: unknown): value is Sample =>
    typeof value === 'object' && value !== null && typeof (value as { cpu?: unknown }).cpu === 'number';

  it('skips and counts malformed events without ending the stream', async () => {
    const server = await startServer((_req, res) => {
      openStream(res);
      res.write('event: metric\ndata: {"cpu":1}\n\n');
      res.write('event: metric\ndata: {"cpu":\n\n');
      res.write('event: metric\ndata: {"mem":3}\n\n');
      res.write('event: other\ndata: {"cpu":99}\n\n');
      res.write('event: metric\ndata:\n\n');
      res.write('event: metric\ndata: {"cpu":2}\n\n');
    });
    const malformed: string[] = [];
    const samples = await collect(
      sseStream(() => ({ url: server.url }), fast).pipe(
        jsonEvents({ events: ['metric'], guard: isSample, onMalformed: ({ event }) => malformed.push(event.data) }),
      ),
      2,
    );
    expect(samples).toEqual([{ cpu: 1 }, { cpu: 2 }]);
    expect(malformed).toEqual(['{"cpu":', '{"mem":3}']);
  });
});
