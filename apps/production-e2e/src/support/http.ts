import { request, type IncomingHttpHeaders } from 'node:http';

export interface HttpReply {
  status: number;
  headers: IncomingHttpHeaders;
  /** The body as sent: still compressed when the server compressed it. */
  body: Buffer;
  text(): string;
  json<T>(): T;
}

export interface HttpOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
}

/**
 * One request on a fresh connection (no keep-alive agent, so no idle socket outlives a
 * test) with the raw body and headers: `fetch` would undo the compression the tests check.
 */
export function httpRequest(url: string, options: HttpOptions = {}): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: options.method ?? 'GET', headers: options.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.once('error', reject);
      // A connection the server cut: the response never completed.
      res.once('close', () => {
        if (!res.complete) reject(new Error(`${options.method ?? 'GET'} ${url}: the connection closed before the response ended`));
      });
      res.once('end', () => {
        const body = Buffer.concat(chunks);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body,
          text: () => body.toString('utf8'),
          json: <T>() => JSON.parse(body.toString('utf8')) as T,
        });
      });
    });
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error(`${options.method ?? 'GET'} ${url}: no answer in time`)));
    req.once('error', reject);
    req.end(options.body);
  });
}
