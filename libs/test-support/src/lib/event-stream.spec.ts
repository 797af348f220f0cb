import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { EventStream } from './event-stream';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** An event stream's headers, then whatever the test writes. */
function streamHeaders(res: ServerResponse): void {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  res.flushHeaders();
}

describe('EventStream', () => {
  let server: Server;
  let base: string;
  let handler: Handler;
  const responses: ServerResponse[] = [];

  beforeAll(async () => {
    server = createServer((req, res) => {
      responses.push(res);
      handler(req, res);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterEach(() => {
    responses.length = 0;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('asks for an event stream and parses its events: names, multi-line data, comments skipped, CRLF', async () => {
    handler = (req, res) => {
      streamHeaders(res);
      res.write(`: accept ${req.headers.accept}\n\n`);
      res.write('event: inventory\ndata: {"a":\ndata: 1}\n\n');
      res.write('data: plain\r\n\r\nevent: metric\ndata: [');
      res.write(']\n\n');
    };
    const stream = await EventStream.open(`${base}/stream`);
    try {
      expect(stream.response.statusCode).toBe(200);
      await stream.next((event) => event.event === 'metric');
      expect(stream.events.map(({ event, data }) => ({ event, data }))).toEqual([
        { event: 'inventory', data: '{"a":\n1}' },
        { event: 'message', data: 'plain' },
        { event: 'metric', data: '[]' },
      ]);
      expect(stream.events.every((event) => event.at > 0)).toBe(true);
      expect(stream.end).toBeNull();
    } finally {
      stream.close();
    }
  });

  it('next resolves with an event that comes later, and fails naming what came instead', async () => {
    handler = (_req, res) => streamHeaders(res);
    const stream = await EventStream.open(`${base}/stream`);
    try {
      const waiting = stream.next((event) => event.data === 'two');
      responses[0].write('data: one\n\n');
      responses[0].write('data: two\n\n');
      await expect(waiting).resolves.toMatchObject({ event: 'message', data: 'two' });
      await expect(stream.next((event) => event.event === 'never', 50)).rejects.toThrow('No matching event within 50 ms; got message, message');
    } finally {
      stream.close();
    }
  });

  it('tells a stream the server finished from one it cut and one this side closed', async () => {
    handler = (_req, res) => streamHeaders(res);
    const finished = await EventStream.open(`${base}/stream`);
    const cut = await EventStream.open(`${base}/stream`);
    const closed = await EventStream.open(`${base}/stream`);
    responses[0].end('data: bye\n\n');
    responses[1].destroy();
    closed.close();
    await expect(Promise.all([finished.ended, cut.ended, closed.ended])).resolves.toEqual(['end', 'cut', 'client']);
    expect([finished.end, cut.end, closed.end]).toEqual(['end', 'cut', 'client']);
    expect(finished.events.map((event) => event.data)).toEqual(['bye']);
  });

  it('stays open while the server is silent for longer than the time allowed to answer', async () => {
    handler = (_req, res) => streamHeaders(res);
    const stream = await EventStream.open(`${base}/stream`, 50);
    try {
      await new Promise((resolve) => setTimeout(resolve, 150));
      expect(stream.end).toBeNull();
    } finally {
      stream.close();
    }
  });

  it('refuses an answer other than 200', async () => {
    handler = (_req, res) => {
      res.writeHead(401);
      res.end();
    };
    await expect(EventStream.open(`${base}/stream`)).rejects.toThrow(`GET ${base}/stream answered 401`);
  });

  it('fails when there is no answer in time', async () => {
    handler = () => undefined;
    await expect(EventStream.open(`${base}/stream`, 50)).rejects.toThrow(`GET ${base}/stream: no answer within 50 ms`);
  });
});
