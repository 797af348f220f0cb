import { connect, type Socket } from 'node:net';
import { LatencyHistogram } from './percentiles';

export interface HttpLoadOptions {
  url: string;
  /** Keep-alive connections, one request in flight on each. */
  connections: number;
  durationSeconds: number;
  headers?: Readonly<Record<string, string>>;
}

export interface HttpLoadResult {
  /** Answers completed within the run. */
  answers: number;
  durationSeconds: number;
  p50Ms: number;
  p99Ms: number;
  /** Header and body bytes of all answers. */
  bytes: number;
  /** Answers by status code. */
  statusCodes: Record<string, number>;
  /** Connections that failed, closed early, or sent an answer this client cannot frame. */
  errors: number;
}

const HEADER_END = Buffer.from('\r\n\r\n');
const STATUS_LINE = /^HTTP\/1\.[01] (\d{3})/;
const CONTENT_LENGTH = /\r\ncontent-length:\s*(\d+)/i;
const READ_BUFFER_BYTES = 256 * 1024;

/**
 * A keep-alive HTTP/1.1 load generator that frames answers by `Content-Length` and never
 * parses or copies their bodies. autocannon parses every answer with an HTTP parser written in
 * JavaScript: for the list's 130 KB answers it used a whole core and capped what it measured
 * (docs/performance.md, "Is the load generator the bottleneck?"). Here a client costs a socket
 * read per chunk, so on the same 2 cores the server under test is what runs out first.
 * Answers without a `Content-Length` (chunked) are counted as errors: both servers measured
 * with it send one.
 */
export function httpLoad(options: HttpLoadOptions): Promise<HttpLoadResult> {
  const url = new URL(options.url);
  const headerLines = Object.entries(options.headers ?? {}).map(([name, value]) => `${name}: ${value}\r\n`);
  const request = Buffer.from(`GET ${url.pathname}${url.search} HTTP/1.1\r\nHost: ${url.host}\r\n${headerLines.join('')}\r\n`);
  const latencies = new LatencyHistogram();
  let answers = 0;
  const statusCodes: Record<string, number> = {};
  let bytes = 0;
  let errors = 0;
  let running = true;
  const startedAt = performance.now();
  const sockets: Socket[] = [];

  const client = () => {
    let sentAt = 0;
    /** Header bytes seen so far of the answer in progress; null once its body is being read. */
    let head: Buffer | null = Buffer.alloc(0);
    let bodyLeft = 0;
    const buffer = Buffer.allocUnsafe(READ_BUFFER_BYTES);
    /** Takes the `length` bytes a read put in `buffer`; true: go on reading. */
    const read = (length: number): boolean => {
      bytes += length;
      let rest: Buffer = buffer.subarray(0, length);
      while (rest.length > 0) {
        if (head === null) {
          const taken = Math.min(bodyLeft, rest.length);
          bodyLeft -= taken;
          rest = rest.subarray(taken);
          if (bodyLeft === 0) answered();
          continue;
        }
        const joined: Buffer = head.length === 0 ? rest : Buffer.concat([head, rest]);
        const end = joined.indexOf(HEADER_END);
        if (end < 0) {
          // A copy: the read buffer is used again by the next read.
          head = Buffer.from(joined);
          return true;
        }
        const text = joined.subarray(0, end).toString('latin1');
        const status = STATUS_LINE.exec(text)?.[1];
        const length = CONTENT_LENGTH.exec(text)?.[1];
        if (status === undefined || (length === undefined && status !== '304')) {
          errors++;
          socket.destroy();
          return false;
        }
        statusCodes[status] = (statusCodes[status] ?? 0) + 1;
        head = null;
        bodyLeft = status === '304' ? 0 : Number(length);
        rest = joined.subarray(end + HEADER_END.length);
        if (bodyLeft === 0) answered();
      }
      return true;
    };
    // Reads land in one buffer per connection, used again for every read: no allocation, no
    // 'data' event, and a 130 KB answer in one or two reads rather than three 64 KB ones.
    const socket = connect({ host: url.hostname, port: Number(url.port), noDelay: true, onread: { buffer, callback: read } });
    sockets.push(socket);
    const send = () => {
      if (!running) return;
      sentAt = performance.now();
      socket.write(request);
    };
    const answered = () => {
      latencies.record(performance.now() - sentAt);
      answers++;
      head = Buffer.alloc(0);
      send();
    };
    socket.on('connect', send);
    socket.on('error', () => errors++);
    socket.on('close', () => {
      if (running) errors++;
    });
  };

  for (let i = 0; i < options.connections; i++) client();
  return new Promise((done) => {
    setTimeout(() => {
      running = false;
      const durationSeconds = (performance.now() - startedAt) / 1000;
      for (const socket of sockets) socket.destroy();
      const summary = latencies.summary();
      done({ answers, durationSeconds, p50Ms: summary.p50, p99Ms: summary.p99, bytes, statusCodes, errors });
    }, options.durationSeconds * 1000);
  });
}
