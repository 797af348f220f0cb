import { request, type IncomingHttpHeaders } from 'node:http';

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /** Default 60 s: longer than any answer a passing test waits for, so only a hung request fails on it. */
  timeoutMs?: number;
}

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent: still compressed when the server compressed it. */
  body: Buffer;
  /** The body decoded as UTF-8. */
  text: string;
  /** From sending the request to the end of the body. */
  elapsedMs: number;
  json<T>(): T;
}

const DEFAULT_TIMEOUT_MS = 60_000;

/**
 * One request on its own connection: no keep-alive agent, so no idle socket outlives a test and
 * every caller really is a separate client. node:http rather than `fetch`, which would undo
 * the compression some tests check and keep a pool of its own between the test and the server.
 * A response the server cuts before its end rejects.
 */
export function httpRequest(url: string, options: HttpOptions = {}): Promise<HttpReply> {
  const method = options.method ?? 'GET';
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(url, { method, headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      res.once('close', () => {
        if (!res.complete) reject(new Error(`${method} ${url}: the connection closed before the response ended`));
      });
      res.once('end', () => {
        const body = Buffer.concat(chunks);
        const text = body.toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          text,
          elapsedMs: performance.now() - started,
          json: <T>() => JSON.parse(text) as T,
        });
      });
    });
    req.setTimeout(timeoutMs, () => req.destroy(new Error(`${method} ${url}: no answer within ${timeoutMs} ms`)));
    req.once('error', reject);
    req.end(options.body);
  });
}

/** A GET that must answer 200 with JSON; any other status rejects with the start of the body. */
export async function getJson<T>(url: string, options: Omit<HttpOptions, 'method' | 'body'> = {}): Promise<T> {
  const reply = await httpRequest(url, { ...options, headers: { Accept: 'application/json', ...options.headers } });
  if (reply.status !== 200) throw new Error(`GET ${url} answered ${reply.status}: ${reply.text.slice(0, 300)}`);
  return reply.json<T>();
}
