import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { freePort } from './free-port';
import { getJson, httpRequest } from './http';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

describe('httpRequest and getJson', () => {
  let server: Server;
  let base: string;
  let handler: Handler;

  beforeAll(async () => {
    server = createServer((req, res) => handler(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it('answers with the status, the headers, the body as sent and as text, and the time it took', async () => {
    handler = (req, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-method': req.method ?? '' });
      req.pipe(res);
    };
    const reply = await httpRequest(`${base}/echo`, { method: 'POST', body: '{"name":"алиса"}' });
    expect(reply.status).toBe(201);
    expect(reply.headers['x-method']).toBe('POST');
    expect(reply.text).toBe('{"name":"алиса"}');
    expect(reply.json<{ name: string }>()).toEqual({ name: 'алиса' });
    expect(reply.elapsedMs).toBeGreaterThan(0);
  });

  it('keeps a compressed body compressed, and opens no keep-alive connection', async () => {
    handler = (req, res) => {
      res.writeHead(200, { 'content-encoding': 'gzip', 'x-connection': req.headers.connection ?? '' });
      res.end(gzipSync('hello'));
    };
    const reply = await httpRequest(`${base}/`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(reply.body.equals(gzipSync('hello'))).toBe(true);
    expect(reply.headers['x-connection']).toBe('close');
  });

  it('rejects a response the server cuts before its end', async () => {
    handler = (_req, res) => {
      res.writeHead(200, { 'content-length': '100' });
      res.write('partial', () => res.destroy());
    };
    await expect(httpRequest(`${base}/cut`)).rejects.toThrow();
  });

  it('rejects when there is no answer in time', async () => {
    handler = () => undefined;
    await expect(httpRequest(`${base}/silent`, { timeoutMs: 100 })).rejects.toThrow(`GET ${base}/silent: no answer within 100 ms`);
  });

  it('rejects when nothing listens', async () => {
    await expect(httpRequest(`http://127.0.0.1:${await freePort()}/`)).rejects.toThrow(/ECONNREFUSED/);
  });

  it('getJson asks for JSON and parses a 200', async () => {
    handler = (req, res) => res.end(JSON.stringify({ accept: req.headers.accept, auth: req.headers.authorization }));
    await expect(getJson(`${base}/json`, { headers: { Authorization: 'Bearer k' } })).resolves.toEqual({ accept: 'application/json', auth: 'Bearer k' });
  });

  it('getJson rejects any other status with the start of the body', async () => {
    handler = (_req, res) => {
      res.writeHead(503);
      res.end(`down${'!'.repeat(1000)}`);
    };
    await expect(getJson(`${base}/json`)).rejects.toThrow(new RegExp(`^GET ${base}/json answered 503: down!{296}$`));
  });
});
