import { request, type ClientRequest } from 'node:http';
import type { StreamCommand, StreamStats } from './protocol';

/**
 * N viewers of /api/v1/stream on plain node:http (autocannon does not speak SSE), each on
 * its own connection, never reconnecting: any stream the server ends or cuts is counted.
 * Events are counted on the raw bytes, without decoding, so the clients cost little CPU on
 * the machine they share with the server.
 */

const METRIC = Buffer.from('event: metric\n');
const INVENTORY = Buffer.from('event: inventory\n');
/** A field of every metric sample and of nothing else the stream sends. */
const SAMPLE = Buffer.from('"cpuPct":');
/** Connections opened at once while ramping up, so the server's accept queue is not flooded. */
const RAMP_BATCH = 50;

function occurrences(haystack: Buffer, needle: Buffer): number {
  let count = 0;
  for (let at = haystack.indexOf(needle); at !== -1; at = haystack.indexOf(needle, at + needle.length)) count += 1;
  return count;
}

/** Bytes kept from the end of what was received: enough for the longest marker but one byte. */
const CARRY = Math.max(METRIC.length, INVENTORY.length, SAMPLE.length) - 1;

/**
 * Markers in `chunk`, plus those that began in what came before it (`carry`, its last
 * bytes). Only `needle.length - 1` bytes of each side are joined, too few to hold a whole
 * marker, so no marker is counted twice, and nothing but those few bytes is copied.
 */
function count(carry: Buffer, chunk: Buffer, needle: Buffer): number {
  const edge = needle.length - 1;
  const seam = Buffer.concat([carry.subarray(Math.max(0, carry.length - edge)), chunk.subarray(0, edge)]);
  return occurrences(chunk, needle) + occurrences(seam, needle);
}

function nextCarry(carry: Buffer, chunk: Buffer): Buffer {
  if (chunk.length >= CARRY) return chunk.subarray(chunk.length - CARRY);
  const joined = Buffer.concat([carry, chunk]);
  return joined.subarray(Math.max(0, joined.length - CARRY));
}

class Viewer {
  private req: ClientRequest | null = null;
  /** The last bytes received, in case a marker is split across chunks. */
  private carry: Buffer = Buffer.alloc(0);
  private closing = false;
  lastMetricAt: number | null = null;
  maxGapMs = 0;

  constructor(private readonly stats: StreamStats) {}

  open(url: string): Promise<void> {
    return new Promise((resolve) => {
      const req = request(url, { headers: { Accept: 'text/event-stream' }, agent: false });
      this.req = req;
      req.once('error', () => {
        if (this.closing) return;
        this.stats.connectErrors += 1;
        resolve();
      });
      req.once('response', (res) => {
        if (res.statusCode !== 200) {
          this.stats.connectErrors += 1;
          res.resume();
          resolve();
          return;
        }
        this.stats.connected += 1;
        res.on('data', (chunk: Buffer) => this.feed(chunk));
        res.once('close', () => {
          if (!this.closing) this.stats.disconnects += 1;
        });
        res.once('error', () => undefined);
        resolve();
      });
      req.end();
    });
  }

  /** From now on, gaps between metric events count. */
  measure(): void {
    this.lastMetricAt = performance.now();
    this.maxGapMs = 0;
  }

  close(): void {
    this.closing = true;
    this.req?.destroy();
  }

  private feed(chunk: Buffer): void {
    this.stats.bytes += chunk.length;
    this.stats.chunks += 1;
    const metrics = count(this.carry, chunk, METRIC);
    this.stats.metricEvents += metrics;
    this.stats.inventoryEvents += count(this.carry, chunk, INVENTORY);
    this.stats.samples += count(this.carry, chunk, SAMPLE);
    this.carry = nextCarry(this.carry, chunk);
    if (metrics > 0 && this.lastMetricAt !== null) {
      const now = performance.now();
      this.maxGapMs = Math.max(this.maxGapMs, now - this.lastMetricAt);
      this.lastMetricAt = now;
    }
  }
}

async function main(): Promise<void> {
  const [url, count] = [process.argv[2], Number(process.argv[3])];
  if (!url || !Number.isInteger(count) || count < 1) throw new Error('usage: sse-clients <stream url> <clients>');
  const stats: StreamStats = {
    type: 'stats',
    wanted: count,
    connected: 0,
    disconnects: 0,
    connectErrors: 0,
    metricEvents: 0,
    samples: 0,
    inventoryEvents: 0,
    bytes: 0,
    chunks: 0,
    maxMetricGapMs: 0,
    silentClients: 0,
  };
  const viewers = Array.from({ length: count }, () => new Viewer(stats));
  let measuring = false;

  process.on('message', (command: StreamCommand) => {
    if (command.type === 'measure') {
      measuring = true;
      for (const viewer of viewers) viewer.measure();
    }
    if (command.type === 'stats') {
      const now = performance.now();
      // A client still waiting counts its current silence too.
      const gaps = viewers.map((viewer) => (viewer.lastMetricAt === null ? 0 : Math.max(viewer.maxGapMs, now - viewer.lastMetricAt)));
      process.send?.({ ...stats, maxMetricGapMs: measuring ? Math.round(Math.max(0, ...gaps)) : 0, silentClients: measuring ? viewers.filter((viewer) => viewer.maxGapMs === 0).length : 0 });
    }
    if (command.type === 'close') {
      for (const viewer of viewers) viewer.close();
      process.exit(0);
    }
  });
  process.once('disconnect', () => process.exit(0));

  for (let start = 0; start < viewers.length; start += RAMP_BATCH) {
    await Promise.all(viewers.slice(start, start + RAMP_BATCH).map((viewer) => viewer.open(url)));
  }
  process.send?.({ ...stats, type: 'stats' });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
