import { connect, type Socket } from 'node:net';
import { request as httpRequest } from 'node:http';
import { MAX_PIPELINED_REQUESTS } from '../../common/http/pipelining';
import { StreamService } from '../../stream/stream.service';
import { eventually, startE2e, type E2eContext } from './e2e-harness';

/**
 * The event stream attacked as an outsider would (docs/security.md, rows 21–23): requests
 * pipelined on one connection, floods of streams from one address, long and random
 * ?spaces= lists. The real application on a port, raw TCP sockets as the attacker.
 */

interface RawConnection {
  socket: Socket;
  /** Everything the server sent, as text. */
  received(): string;
  /** Resolves once the server has closed the connection (or it failed). */
  closed: Promise<void>;
}

function rawConnection(url: string): Promise<RawConnection> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    const closed = new Promise<void>((done) => socket.once('close', () => done()));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => text, closed }));
    socket.once('error', reject);
  });
}

const streamRequest = (path = '/api/v1/stream') => `GET ${path} HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n`;
const plainRequest = (path: string) => `GET ${path} HTTP/1.1\r\nHost: localhost\r\n\r\n`;
/** The status lines in what a connection received (a body does not end with a line break, so not only at line starts). */
const responses = (text: string) => text.match(/HTTP\/1\.1 \d{3}(?= )/g) ?? [];

describe('the event stream under attack (e2e)', () => {
  let context: E2eContext;
  let stream: StreamService;

  beforeAll(async () => {
    context = await startE2e({ env: { STREAM_LIMIT_PER_CLIENT: '1000' } });
    stream = context.app.get(StreamService);
  });
  afterAll(() => context.close());

  describe('requests pipelined on one connection', () => {
    it('serves no stream request pipelined behind another: 20 connections × 200 give at most one subscription each, and are closed', async () => {
      const connections = await Promise.all(Array.from({ length: 20 }, () => rawConnection(context.url)));
      let allClosed = false;
      void Promise.all(connections.map((connection) => connection.closed)).then(() => (allClosed = true));
      for (const connection of connections) connection.socket.write(streamRequest().repeat(200));
      // Until the server has closed them all, or (on a server that serves pipelined streams) subscribed more than one per connection.
      let most = 0;
      while (!allClosed && most <= connections.length) {
        most = Math.max(most, stream.connectedViewers);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      most = Math.max(most, stream.connectedViewers);
      // Not one subscription per pipelined request: at most one per connection (none here, since each was closed).
      expect(most).toBeLessThanOrEqual(connections.length);
      expect(allClosed).toBe(true);
      // Nothing was produced for the requests behind the first: at most its own answer began.
      for (const connection of connections) expect(responses(connection.received()).length).toBeLessThanOrEqual(1);
      await eventually(() => stream.connectedViewers === 0);
      expect((await fetch(`${context.url}/api/v1/health`)).status).toBe(200);
    });

    it('closes a connection that carries a stream as soon as another request comes on it, and answers nothing of it', async () => {
      const connection = await rawConnection(context.url);
      connection.socket.write(streamRequest());
      await eventually(() => connection.received().includes('event: inventory'));
      expect(stream.connectedViewers).toBe(1);
      connection.socket.write(plainRequest('/api/v1/health'));
      await connection.closed;
      expect(responses(connection.received())).toEqual(['HTTP/1.1 200']);
      expect(connection.received()).not.toContain('"status"');
      await eventually(() => stream.connectedViewers === 0);
    });

    it('still answers ordinary pipelined requests, in order, each in its turn', async () => {
      const connection = await rawConnection(context.url);
      connection.socket.write(plainRequest('/api/v1/health') + plainRequest('/api/v1/config') + plainRequest('/api/v1/nowhere'));
      await eventually(() => responses(connection.received()).length === 3);
      expect(responses(connection.received())).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200', 'HTTP/1.1 404']);
      connection.socket.destroy();
    });

    it('lets a stream follow ordinary requests on a connection once they are answered', async () => {
      const connection = await rawConnection(context.url);
      connection.socket.write(plainRequest('/api/v1/health') + streamRequest());
      await eventually(() => connection.received().includes('event: inventory'));
      expect(responses(connection.received())).toEqual(['HTTP/1.1 200', 'HTTP/1.1 200']);
      connection.socket.destroy();
      await eventually(() => stream.connectedViewers === 0);
    });

    it(`closes a connection with more than ${MAX_PIPELINED_REQUESTS} requests waiting for their turn`, async () => {
      const connection = await rawConnection(context.url);
      connection.socket.write(plainRequest('/api/v1/health').repeat(200));
      await connection.closed;
      expect(responses(connection.received()).length).toBeLessThanOrEqual(MAX_PIPELINED_REQUESTS + 1);
    });
  });
});

describe('caps on streams (e2e)', () => {
  let context: E2eContext;
  const held: Array<() => void> = [];

  beforeAll(async () => {
    context = await startE2e({ env: { STREAM_LIMIT_PER_CLIENT: '5' } });
  });
  afterAll(async () => {
    held.splice(0).forEach((close) => close());
    await context.close();
  });

  /** Opens a stream with `query`; answers its status, and keeps it open when it is 200. */
  function open(query = ''): Promise<number> {
    return new Promise((resolve, reject) => {
      const outgoing = httpRequest(`${context.url}/api/v1/stream${query}`, { agent: false }, (incoming) => {
        if (incoming.statusCode === 200) held.push(() => outgoing.destroy());
        else incoming.resume();
        resolve(incoming.statusCode ?? 0);
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
  }

  it('lets one address hold STREAM_LIMIT_PER_CLIENT streams, each naming 100 random Spaces, refuses the rest with 429, and counts the refusals', async () => {
    const random = () => Array.from({ length: 100 }, () => `${Math.random().toString(36).slice(2, 10)}/${Math.random().toString(36).slice(2, 12)}`).join(',');
    const statuses = await Promise.all(Array.from({ length: 40 }, () => open(`?spaces=${random()}`)));
    expect(statuses.filter((status) => status === 200)).toHaveLength(5);
    expect(statuses.filter((status) => status === 429)).toHaveLength(35);
    expect(context.app.get(StreamService).connectedViewers).toBe(5);
    const scrape = await (await fetch(`${context.url}/metrics`)).text();
    expect(scrape).toMatch(/^hfd_stream_refusals_total\{reason="client_limit"\} 35$/m);
    expect(scrape).toMatch(/^hfd_stream_refusals_total\{reason="server_limit"\} 0$/m);
    // The rest of the server is unaffected.
    expect((await fetch(`${context.url}/api/v1/spaces`)).status).toBe(200);
  });
});
