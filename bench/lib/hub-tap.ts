import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { monotonicMs } from './time';

export interface TappedRequest {
  method: string;
  /** Path and query as the client sent them. */
  path: string;
  /** Monotonic ms: when the request reached the tap, and when its answer was fully relayed. */
  start: number;
  end: number;
  status: number;
}

/**
 * A recording pass-through in front of the hub emulator: it forwards every request as it
 * is (Host header included, so the Hub's `Link` URLs point back through it) and notes when
 * each began and ended. The emulator counts requests but not when they overlap; this is
 * what turns a cold start's requests into round trips. Costs about a millisecond a request
 * on loopback, against the 100 ms of Hub latency being measured.
 */
export class HubTap {
  readonly requests: TappedRequest[] = [];
  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(target: string): Promise<HubTap> {
    const upstream = new URL(target);
    let tap: HubTap | null = null;
    const server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const start = monotonicMs();
      const forward = request(
        { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent: false },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
          answer.on('end', () =>
            tap?.requests.push({ method: req.method ?? 'GET', path: req.url ?? '', start, end: monotonicMs(), status: answer.statusCode ?? 0 }),
          );
        },
      );
      forward.on('error', () => res.destroy());
      res.on('close', () => forward.destroy());
      req.pipe(forward);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    tap = new HubTap(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return tap;
  }

  clear(): void {
    this.requests.length = 0;
  }

  close(): Promise<void> {
    return new Promise((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/**
 * Round trips: the most requests that ran one strictly after another (the largest set of
 * pairwise non-overlapping intervals, by the greedy earliest-end rule). Requests sent in
 * parallel count once; a chain of N sequential requests counts N.
 */
export function roundTrips(requests: readonly TappedRequest[]): number {
  const sorted = [...requests].sort((a, b) => a.end - b.end);
  let count = 0;
  let lastEnd = Number.NEGATIVE_INFINITY;
  for (const r of sorted) {
    if (r.start >= lastEnd) {
      count++;
      lastEnd = r.end;
    }
  }
  return count;
}

/** The Hub route of a request path, named as the emulator's counters name them. */
export function routeOf(path: string): string {
  const p = path.split('?')[0] ?? '';
  if (p === '/api/whoami-v2') return 'whoami';
  if (p === '/api/spaces') return 'spaces-list';
  if (/^\/api\/spaces\/[^/]+\/[^/]+$/.test(p)) return 'space-info';
  if (p.endsWith('/live-metrics/sse')) return 'live-metrics';
  return 'other';
}
