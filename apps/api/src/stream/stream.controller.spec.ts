import type { NestExpressApplication } from '@nestjs/platform-express';
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { connect, type AddressInfo } from 'node:net';
import { NEVER, of, startWith } from 'rxjs';
import request from 'supertest';
import { loginHeader } from '../testing/session';
import { createTestApp } from '../testing/test-app';
import { MAX_STREAM_SPACES, MAX_STREAM_SPACES_LENGTH } from './dto/stream-query.dto';
import { sseFrame } from './sse-frame';
import { chunkOf } from './sse-frame-writer';
import { STREAM_RETRY_AFTER_SECONDS, StreamAdmission } from './stream-admission';
import { StreamController } from './stream.controller';
import { StreamService } from './stream.service';

describe('StreamController', () => {
  let app: NestExpressApplication;
  const service = { connect: jest.fn() };

  beforeAll(async () => {
    app = await createTestApp({ controllers: [StreamController], providers: [{ provide: StreamService, useValue: service }, StreamAdmission] });
  });
  afterAll(() => app.close());
  beforeEach(() => service.connect.mockReset().mockReturnValue(of(sseFrame('inventory', '{"spaces":[]}'))));

  it('answers 200 with an event stream to an anonymous visitor', async () => {
    const response = await request(app.getHttpServer()).get('/api/v1/stream').expect(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    expect(response.text).toContain('event: inventory\n');
    expect(response.text).toContain('data: {"spaces":[]}\n');
    expect(service.connect).toHaveBeenCalledWith(null, null, false);
  });

  it.each(['/api/v1/stream', '/API/V1/Stream/'])(
    'writes the frames it is given as they are, after an opening comment: no id, no compression (%s, gzip accepted)',
    async (path) => {
      const response = await request(app.getHttpServer()).get(path).set('Accept-Encoding', 'gzip, br').expect(200);
      expect(response.headers['content-encoding']).toBeUndefined();
      expect(response.headers['cache-control']).toContain('no-cache');
      // Nest's line after the headers, the comment that commits them, then the service's frame, byte for byte.
      expect(response.text).toBe('\n: \n\nevent: inventory\ndata: {"spaces":[]}\n\n');
    },
  );

  it('answers HEAD with the stream headers and no body', async () => {
    const response = await request(app.getHttpServer()).head('/api/v1/stream').expect(200);
    expect(response.headers['content-type']).toContain('text/event-stream');
    expect(response.text).toBeUndefined();
  });

  it('passes the session on when one is sent in the Authorization header', async () => {
    await request(app.getHttpServer()).get('/api/v1/stream').set('Authorization', await loginHeader(app)).expect(200);
    expect(service.connect).toHaveBeenCalledWith(expect.objectContaining({ kind: 'session' }), null, false);
  });

  it('narrows to ?spaces=, case-insensitively', async () => {
    await request(app.getHttpServer()).get('/api/v1/stream?spaces=User1/Space1,user2/space2').expect(200);
    expect(service.connect).toHaveBeenCalledWith(null, new Set(['user1/space1', 'user2/space2']), false);
  });

  it('asks to watch the named Spaces with watch=true, and refuses another value of it', async () => {
    await request(app.getHttpServer()).get('/api/v1/stream?spaces=user1/space1&watch=true').expect(200);
    expect(service.connect).toHaveBeenCalledWith(null, new Set(['user1/space1']), true);
    const response = await request(app.getHttpServer()).get('/api/v1/stream?spaces=user1/space1&watch=yes').expect(400);
    expect(response.body.code).toBe('VALIDATION_FAILED');
  });

  it(`takes up to ${MAX_STREAM_SPACES} ids`, async () => {
    await request(app.getHttpServer())
      .get(`/api/v1/stream?spaces=${Array.from({ length: MAX_STREAM_SPACES }, (_, i) => `u/s${i}`).join(',')}`)
      .expect(200);
    expect(service.connect.mock.calls[0][1].size).toBe(MAX_STREAM_SPACES);
  });

  it.each([
    ['a malformed id', '?spaces=user1', 'INVALID_SPACE_ID'],
    ['a path trick', '?spaces=user1/..', 'INVALID_SPACE_ID'],
    ['an id with two slashes', '?spaces=a/b/c', 'INVALID_SPACE_ID'],
    ['a repeated parameter', '?spaces=a/b&spaces=c/d', 'INVALID_SPACE_ID'],
    ['too many ids', `?spaces=${Array.from({ length: MAX_STREAM_SPACES + 1 }, (_, i) => `u/s${i}`).join(',')}`, 'TOO_MANY_SPACES'],
    ['a list too long', `?spaces=${Array.from({ length: 50 }, (_, i) => `${'o'.repeat(90)}/${'n'.repeat(80)}${i}`).join(',')}`, 'TOO_MANY_SPACES'],
  ])('answers 400 for %s, before streaming anything', async (_case, query, code) => {
    const response = await request(app.getHttpServer()).get(`/api/v1/stream${query}`).expect(400);
    expect(response.headers['content-type']).toContain('application/json');
    expect(response.body.code).toBe(code);
    expect(service.connect).not.toHaveBeenCalled();
  });

  it('counts the long list test case above as what it is meant to be', () => {
    const list = Array.from({ length: 50 }, (_, i) => `${'o'.repeat(90)}/${'n'.repeat(80)}${i}`).join(',');
    expect(list.length).toBeGreaterThan(MAX_STREAM_SPACES_LENGTH);
  });
});

describe('StreamController on the wire', () => {
  let app: NestExpressApplication;
  let port: number;
  const frame = sseFrame('inventory', '{"spaces":[]}');

  beforeAll(async () => {
    app = await createTestApp({ controllers: [StreamController], providers: [{ provide: StreamService, useValue: { connect: () => of(frame) } }, StreamAdmission] });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  /** The raw bytes after the headers, once `done` says the answer is whole (or the server closed). */
  function raw(requestLine: string, done: (body: string) => boolean): Promise<string> {
    return new Promise((resolve, reject) => {
      const socket = connect(port, '127.0.0.1');
      let text = '';
      const body = () => text.slice(text.indexOf('\r\n\r\n') + 4);
      socket.setEncoding('latin1');
      socket.on('data', (chunk: string) => {
        text += chunk;
        if (text.includes('\r\n\r\n') && done(body())) {
          socket.destroy();
          resolve(body());
        }
      });
      socket.on('end', () => resolve(body()));
      socket.on('error', reject);
      socket.write(`${requestLine}\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n`);
    });
  }

  it('writes each frame as one chunk of the HTTP/1.1 body, framed once for every viewer', async () => {
    const body = await raw('GET /api/v1/stream HTTP/1.1', (sofar) => sofar.endsWith('0\r\n\r\n'));
    const event = frame.toString('latin1');
    // Nest's line after the headers and its opening comment, then the frame, then the end.
    expect(body).toBe(`1\r\n\n\r\n4\r\n: \n\n\r\n${event.length.toString(16)}\r\n${event}\r\n0\r\n\r\n`);
    expect(chunkOf(frame)).toBe(chunkOf(frame));
  });

  it('writes the frames as they are to an HTTP/1.0 client, which reads until the connection closes', async () => {
    const body = await raw('GET /api/v1/stream HTTP/1.0', () => false);
    expect(body).toBe(`\n: \n\n${frame.toString('latin1')}`);
  });
});

interface Opened {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  close(): void;
}

/** A stream held open until closed; a refusal is read whole. */
function openStream(base: string, headers: Record<string, string> = {}): Promise<Opened> {
  return new Promise((resolve, reject) => {
    const outgoing = httpRequest(`${base}/api/v1/stream`, { agent: false, headers }, (incoming) => {
      const close = () => outgoing.destroy();
      if (incoming.statusCode === 200) {
        resolve({ status: 200, headers: incoming.headers, body: '', close });
        return;
      }
      let body = '';
      incoming.setEncoding('utf8');
      incoming.on('data', (chunk: string) => (body += chunk));
      incoming.on('end', () => resolve({ status: incoming.statusCode ?? 0, headers: incoming.headers, body, close }));
    });
    outgoing.on('error', reject);
    outgoing.end();
  });
}

describe('StreamController caps', () => {
  const service = { connect: jest.fn(() => NEVER.pipe(startWith(sseFrame('inventory', '{}')))) };
  const opened: Opened[] = [];
  // Before the application closes, which waits for its connections.
  const closeAll = () => opened.splice(0).forEach((stream) => stream.close());

  async function listening(env: Record<string, string>): Promise<{ app: NestExpressApplication; base: string }> {
    const app = await createTestApp({ env, controllers: [StreamController], providers: [{ provide: StreamService, useValue: service }, StreamAdmission] });
    await app.listen(0, '127.0.0.1');
    return { app, base: `http://127.0.0.1:${(app.getHttpServer().address() as AddressInfo).port}` };
  }
  const open = async (base: string, headers?: Record<string, string>) => {
    const stream = await openStream(base, headers);
    opened.push(stream);
    return stream;
  };

  it('answers 429 TOO_MANY_STREAMS with Retry-After to an address past STREAM_LIMIT_PER_CLIENT, and lets it in again once one closes', async () => {
    const { app, base } = await listening({ STREAM_LIMIT_PER_CLIENT: '3', STREAM_LIMIT: '0' });
    try {
      const held = [await open(base), await open(base), await open(base)];
      expect(held.map((stream) => stream.status)).toEqual([200, 200, 200]);
      const refused = await open(base);
      expect(refused.status).toBe(429);
      expect(refused.headers['retry-after']).toBe(String(STREAM_RETRY_AFTER_SECONDS));
      expect(JSON.parse(refused.body)).toEqual({ error: expect.any(String), code: 'TOO_MANY_STREAMS' });
      expect(service.connect).toHaveBeenCalledTimes(3);
      held[0].close();
      // Let in again as soon as the server has seen that connection end.
      let status = 429;
      for (let attempt = 0; attempt < 250 && status === 429; attempt++) {
        status = (await open(base)).status;
        if (status === 429) await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(status).toBe(200);
    } finally {
      closeAll();
      await app.close();
    }
  });

  it('answers 503 STREAM_CAPACITY_REACHED with Retry-After past STREAM_LIMIT, whoever asks', async () => {
    const { app, base } = await listening({ STREAM_LIMIT_PER_CLIENT: '0', STREAM_LIMIT: '2', TRUST_PROXY: '1' });
    try {
      expect((await open(base, { 'X-Forwarded-For': '203.0.113.1' })).status).toBe(200);
      expect((await open(base, { 'X-Forwarded-For': '203.0.113.2' })).status).toBe(200);
      const refused = await open(base, { 'X-Forwarded-For': '203.0.113.3' });
      expect(refused.status).toBe(503);
      expect(refused.headers['retry-after']).toBe(String(STREAM_RETRY_AFTER_SECONDS));
      expect(JSON.parse(refused.body)).toMatchObject({ code: 'STREAM_CAPACITY_REACHED' });
    } finally {
      closeAll();
      await app.close();
    }
  });

  it('counts per address as TRUST_PROXY resolves it: behind a proxy, per forwarded client', async () => {
    const { app, base } = await listening({ STREAM_LIMIT_PER_CLIENT: '1', TRUST_PROXY: '1' });
    try {
      expect((await open(base, { 'X-Forwarded-For': '203.0.113.1' })).status).toBe(200);
      expect((await open(base, { 'X-Forwarded-For': '203.0.113.1' })).status).toBe(429);
      expect((await open(base, { 'X-Forwarded-For': '203.0.113.2' })).status).toBe(200);
    } finally {
      closeAll();
      await app.close();
    }
  });

  it('counts per connection address when no proxy is trusted, whatever X-Forwarded-For claims', async () => {
    const { app, base } = await listening({ STREAM_LIMIT_PER_CLIENT: '1' });
    try {
      expect((await open(base, { 'X-Forwarded-For': '203.0.113.1' })).status).toBe(200);
      expect((await open(base, { 'X-Forwarded-For': '203.0.113.2' })).status).toBe(429);
    } finally {
      closeAll();
      await app.close();
    }
  });
});
