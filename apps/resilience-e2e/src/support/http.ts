import { request, type IncomingHttpHeaders } from 'node:http';

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** How long the answer took, from sending to the end of the body. */
  elapsedMs: number;
  json<T>(): T;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

/**
 * One request on its own connection (no keep-alive agent: no idle socket outlives a test,
 * and every caller really is a separate client of the server).
 */
export function httpRequest(url: string, options: HttpOptions = {}): Promise<HttpReply> {
  const method = options.method ?? 'GET';
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
        const text = Buffer.concat(chunks).toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          text,
          elapsedMs: performance.now() - started,
          json: <T>() => JSON.parse(text) as T,
        });
      });
    });
    req.setTimeout(options.timeoutMs ?? 60_000, () => req.destroy(new Error(`${method} ${url}: no answer within ${options.timeoutMs ?? 60_000} ms`)));
    req.once('error', reject);
    req.end(options.body);
  });
}

/** A GET that must answer 200 with JSON. */
export async function getJson<T>(url: string, timeoutMs?: number): Promise<T> {
  const reply = await httpRequest(url, { timeoutMs });
  if (reply.status !== 200) throw new Error(`GET ${url} answered ${reply.status}: ${reply.text.slice(0, 300)}`);
  return reply.json<T>();
}
