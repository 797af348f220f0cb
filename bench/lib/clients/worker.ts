import { request, type ClientRequest } from 'node:http';
import { monitorEventLoopDelay, performance, type EventLoopUtilization } from 'node:perf_hooks';
import { LatencyHistogram } from '../percentiles';
import { monotonicMs } from '../time';
import type { ChurnCommand, OpenCommand, WorkerCommand, WorkerReport } from './protocol';
import { apiSampleKey } from './sample-key';
import { SseBlockReader } from './sse-blocks';

/**
 * A load-generator process: many dashboard stream clients (plain node:http, a minimal SSE
 * reader), timing each metric event against the moment the emulator sent that sample.
 * Runs apart from the server and from the emulator, so neither shares its event loop.
 */

/** Send times older than this are forgotten; a sample later than this counts as unmatched. */
const MATCH_WINDOW_MS = 30_000;

interface MetricData {
  spaceId: string;
  replica: string | null;
  cpuPct: number;
  memoryUsedBytes: number;
  rxBps: number;
  txBps: number;
}

function send(report: WorkerReport): void {
  // The parent may be gone (it was stopped): there is nobody left to report to.
  if (process.connected) process.send?.(report, undefined, {}, () => undefined);
}

const sentAt = new Map<string, number>();
/** Keys sent twice within the window: their latency cannot be known. */
const ambiguousKeys = new Set<string>();
/** Receive times of samples whose send time has not arrived yet over IPC. */
const pending = new Map<string, number[]>();

let measuring = false;
let histogram = new LatencyHistogram();
let latencyMax = 0;
let metricEvents = 0;
let otherEvents = 0;
let bytes = 0;
let chunkCount = 0;
let unmatched = 0;
let ambiguous = 0;
let windowErrors = 0;
let errorKinds: Record<string, number> = {};
let windowStart = 0;
let cpuStart = process.cpuUsage();
let eluStart: EventLoopUtilization = performance.eventLoopUtilization();
const loopDelay = monitorEventLoopDelay({ resolution: 5 });
loopDelay.enable();

const clients = new Set<ClientRequest>();
/** The state of each client opened with `open` (not the churn's short ones). */
const states: ClientState[] = [];
let opened = 0;
let connected = 0;
let withMetric = 0;
let errors = 0;

function noteError(kind: string): void {
  errors++;
  if (measuring) {
    windowErrors++;
    errorKinds[kind] = (errorKinds[kind] ?? 0) + 1;
  }
}

function recordLatency(ms: number): void {
  histogram.record(ms);
  if (ms > latencyMax) latencyMax = ms;
}

function onSample(key: string, receivedAt: number): void {
  if (!measuring) return;
  if (ambiguousKeys.has(key)) {
    ambiguous++;
    return;
  }
  const sent = sentAt.get(key);
  if (sent !== undefined) {
    recordLatency(receivedAt - sent);
    return;
  }
  const waiting = pending.get(key);
  if (waiting) waiting.push(receivedAt);
  else pending.set(key, [receivedAt]);
}

function onSent(key: string, at: number): void {
  if (sentAt.has(key)) ambiguousKeys.add(key);
  sentAt.set(key, at);
  const waiting = pending.get(key);
  if (waiting) {
    pending.delete(key);
    if (!ambiguousKeys.has(key)) for (const receivedAt of waiting) recordLatency(receivedAt - at);
    else ambiguous += waiting.length;
  }
}

/** Forgets old send times; receptions that never matched a send are counted. */
setInterval(() => {
  const cutoff = monotonicMs() - MATCH_WINDOW_MS;
  for (const [key, at] of sentAt) {
    if (at >= cutoff) break; // Insertion order is send order.
    sentAt.delete(key);
    ambiguousKeys.delete(key);
  }
  for (const [key, times] of pending) {
    if ((times[0] ?? 0) < cutoff) {
      unmatched += times.length;
      pending.delete(key);
    }
  }
}, 5000).unref();

/**
 * Sample keys by the event's raw data. Every client of this worker receives the same text
 * for a sample, so it is parsed once per worker rather than once per client: the clients
 * share two cores with the server they measure, and their CPU is the server's loss.
 * Two generations, swapped every 15 s, keep it bounded.
 */
let keysByData = new Map<string, string[]>();
let previousKeysByData = new Map<string, string[]>();
setInterval(() => {
  previousKeysByData = keysByData;
  keysByData = new Map();
}, 15_000).unref();

/** The keys of the samples of one `metric` event (an array of the samples that arrived together). */
function keysOf(data: string): string[] {
  let keys = keysByData.get(data) ?? previousKeysByData.get(data);
  if (keys === undefined) {
    keys = (JSON.parse(data) as MetricData[]).map(apiSampleKey);
    keysByData.set(data, keys);
  }
  return keys;
}

interface ClientState {
  reader: SseBlockReader;
  sawMetric: boolean;
  /** In the window: samples received, when the last metric event came, and the longest wait between two. */
  windowSamples: number;
  lastMetricAt: number;
  longestGapMs: number;
}

/**
 * Chunks read in this event-loop turn, with when each was read. A burst reaches hundreds
 * of sockets at once; timing a chunk when its own callback runs, and parsing it there,
 * would charge each socket with the parsing of every socket read before it. So the read
 * callbacks only take the time and queue the chunk; parsing waits for the turn's end.
 */
const inbox: Array<{ client: ClientState; chunk: string; receivedAt: number }> = [];
let draining = false;

/** Chunks parsed before the loop goes back to reading sockets, so the next reads are timed promptly. */
const DRAIN_SLICE = 32;

function drainInbox(): void {
  const chunks = inbox.splice(0, DRAIN_SLICE);
  if (inbox.length > 0) setImmediate(drainInbox);
  else draining = false;
  for (const { client, chunk, receivedAt } of chunks) {
    if (measuring) {
      bytes += chunk.length;
      chunkCount++;
    }
    client.reader.push(chunk, (block) => {
      if (block.event !== 'metric' || block.data === null) {
        if (measuring && block.event !== 'comment') otherEvents++;
        return;
      }
      if (!client.sawMetric) {
        client.sawMetric = true;
        withMetric++;
      }
      if (!measuring) return;
      const keys = keysOf(block.data);
      client.windowSamples += keys.length;
      client.longestGapMs = Math.max(client.longestGapMs, receivedAt - client.lastMetricAt);
      client.lastMetricAt = receivedAt;
      for (const key of keys) {
        metricEvents++;
        onSample(key, receivedAt);
      }
    });
  }
}

/** One long-lived dashboard client. */
function openClient(url: string): void {
  opened++;
  const client: ClientState = { reader: new SseBlockReader(), sawMetric: false, windowSamples: 0, lastMetricAt: 0, longestGapMs: 0 };
  const req = request(url, { agent: false, headers: { Accept: 'text/event-stream', 'Accept-Encoding': 'identity' } }, (res) => {
    if (res.statusCode !== 200) {
      noteError(`status ${res.statusCode}`);
      res.resume();
      return;
    }
    connected++;
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      inbox.push({ client, chunk, receivedAt: monotonicMs() });
      if (!draining) {
        draining = true;
        setImmediate(drainInbox);
      }
    });
    res.on('end', () => {
      if (clients.has(req)) noteError('stream ended');
    });
  });
  req.on('error', (error: NodeJS.ErrnoException) => {
    if (clients.has(req)) noteError(error.code ?? 'error');
  });
  req.end();
  clients.add(req);
  states.push(client);
}

async function open(command: OpenCommand): Promise<void> {
  const batch = Math.max(1, Math.ceil(command.perSecond / 20));
  for (let i = 0; i < command.clients; i += batch) {
    for (let j = i; j < Math.min(command.clients, i + batch); j++) openClient(command.url);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function startWindow(): void {
  histogram = new LatencyHistogram();
  latencyMax = 0;
  metricEvents = 0;
  otherEvents = 0;
  bytes = 0;
  chunkCount = 0;
  unmatched = 0;
  ambiguous = 0;
  windowErrors = 0;
  errorKinds = {};
  windowStart = monotonicMs();
  for (const state of states) {
    state.windowSamples = 0;
    state.lastMetricAt = windowStart;
    state.longestGapMs = 0;
  }
  cpuStart = process.cpuUsage();
  eluStart = performance.eventLoopUtilization();
  loopDelay.reset();
  measuring = true;
}

/** How long a sample's send time may take to come over IPC after the sample itself: what is still unmatched then never will be. */
const SEND_TIME_GRACE_MS = 2000;

async function endWindow(): Promise<void> {
  measuring = false;
  const windowEnd = monotonicMs();
  const windowMs = windowEnd - windowStart;
  const cpu = process.cpuUsage(cpuStart);
  const elu = performance.eventLoopUtilization(eluStart);
  const samplesPerClient = states.map((state) => state.windowSamples);
  const longestGapsMs = states.map((state) => Math.max(state.longestGapMs, windowEnd - state.lastMetricAt));
  await new Promise((resolve) => setTimeout(resolve, SEND_TIME_GRACE_MS));
  // Samples received in the window whose send time never came: counted now, so the count can fail a run.
  for (const times of pending.values()) unmatched += times.filter((at) => at >= windowStart && at <= windowEnd).length;
  pending.clear();
  send({
    type: 'stats',
    windowMs,
    clients: clients.size,
    metricEvents,
    otherEvents,
    bytes,
    chunks: chunkCount,
    latency: histogram.toSparse(),
    latencyMax,
    unmatched,
    ambiguous,
    samplesPerClient: { min: Math.min(...samplesPerClient), max: Math.max(...samplesPerClient) },
    longestGapMs: Math.max(0, ...longestGapsMs),
    errors: windowErrors,
    errorKinds,
    cpuPct: ((cpu.user + cpu.system) / 1000 / windowMs) * 100,
    eventLoopUtilization: elu.utilization,
    // The histogram is in nanoseconds and includes the sampling resolution itself.
    eventLoopDelayP99Ms: loopDelay.percentile(99) / 1e6,
    eventLoopDelayMaxMs: loopDelay.max / 1e6,
  });
}

/** Connect, read until the inventory and a first metric event arrive, disconnect; `cycles` times. */
async function churn(command: ChurnCommand): Promise<void> {
  const started = monotonicMs();
  const firstMetric = new LatencyHistogram();
  const kinds: Record<string, number> = {};
  let next = 0;
  let completed = 0;
  let failed = 0;
  const fail = (kind: string) => {
    failed++;
    kinds[kind] = (kinds[kind] ?? 0) + 1;
  };
  const cycle = () =>
    new Promise<void>((done) => {
      const begin = monotonicMs();
      let finished = false;
      let sawInventory = false;
      const reader = new SseBlockReader();
      const finish = (error: string | null) => {
        if (finished) return;
        finished = true;
        clearTimeout(timer);
        if (error) fail(error);
        else {
          completed++;
          firstMetric.record(monotonicMs() - begin);
        }
        req.destroy();
        done();
      };
      const timer = setTimeout(() => finish('timeout'), command.cycleTimeoutMs);
      const req = request(command.url, { agent: false, headers: { Accept: 'text/event-stream', 'Accept-Encoding': 'identity' } }, (res) => {
        if (res.statusCode !== 200) {
          finish(`status ${res.statusCode}`);
          return;
        }
        res.setEncoding('utf8');
        res.on('data', (chunk: string) =>
          reader.push(chunk, (block) => {
            if (block.event === 'inventory') sawInventory = true;
            if (block.event === 'metric' && sawInventory) finish(null);
          }),
        );
        res.on('end', () => finish('stream ended'));
      });
      req.on('error', (error: NodeJS.ErrnoException) => finish(error.code ?? 'error'));
      req.end();
    });
  const lane = async () => {
    while (next < command.cycles) {
      next++;
      await cycle();
    }
  };
  await Promise.all(Array.from({ length: command.concurrency }, lane));
  send({ type: 'churned', cycles: command.cycles, completed, errors: failed, errorKinds: kinds, firstMetric: firstMetric.toSparse(), elapsedMs: monotonicMs() - started });
}

function closeAll(): void {
  const all = [...clients];
  clients.clear();
  for (const req of all) req.destroy();
  send({ type: 'closed' });
}

setInterval(() => send({ type: 'progress', opened, connected, withMetric, errors }), 250).unref();

process.on('message', (message: WorkerCommand) => {
  switch (message.type) {
    case 'sent':
      onSent(message.key, message.at);
      return;
    case 'open':
      void open(message);
      return;
    case 'measure':
      if (message.on) startWindow();
      else void endWindow();
      return;
    case 'churn':
      void churn(message);
      return;
    case 'close':
      closeAll();
      return;
  }
});
process.on('disconnect', () => process.exit(0));
