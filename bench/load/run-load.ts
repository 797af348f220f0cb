import autocannon from 'autocannon';
import { fork, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { hasLiveMetrics, type SpacesListResponse } from '@hfd/contracts';
import { SERVER_ENTRY, ServerProcess, WORKSPACE_ROOT, buildProduction, eventually, getJson, httpRequest, productionBuildExists, sleep, track } from '@hfd/test-support';
import { ProcSampler } from './proc-sampler';
import type { EmulatorCounters, EmulatorReady, LoadShape, StreamCommand, StreamStats } from './protocol';
import { median, slope } from './stats';

/**
 * The load test: the production server (`node dist/apps/api/main.js`) against the hub
 * emulator, with N viewers of /api/v1/stream and a fixed rate of REST requests from
 * autocannon, for a fixed time. Measures errors, REST latency, events delivered, the
 * server's RSS and CPU over time and its upstream connections; writes one JSON file under
 * bench/results/ and exits 1 when a check fails. Method and figures: docs/reliability.md.
 *
 *   npm run load -- [--clients 1000] [--rps 50] [--duration 150] [--accounts 5] [--spaces 40]
 *                   [--server path/to/main.js]   (another build, e.g. of another commit, to compare)
 *                   [--heap-mb 256]              (caps V8's old space: proves the live set stays below it)
 *                   [--cpu-prof dir]             (the server writes a V8 CPU profile there when it stops)
 */

const TSCONFIG = join(__dirname, 'tsconfig.json');
/** Streams are counted from here on, once every client is connected and has its first events. */
const WARM_UP_MS = 5000;
/** End RSS over the plateau (median of the second half) above which memory is not bounded. */
const MAX_RSS_GROWTH = 1.3;
/**
 * How much the heap V8 keeps alive after its last full collection of the window may exceed what
 * it kept after its first one: the live set, read from V8's own `--trace-gc` lines. 1.25 lets
 * the metric history fill (about 3 MB a minute for 100 Spaces) and fails the 3× rise seen when
 * every inventory change allocated per viewer. RSS troughs, which this check used before, could
 * not tell: in its first minute V8 may let the heap grow by 200 MB before a full collection, and
 * keeps freed pages for a while after one, so 60-second runs of sound builds failed it. A run
 * with fewer than two full collections in its window cannot be judged, and fails: hence the
 * default of 150 s.
 */
const MAX_LIVE_RISE = 1.25;
/** One of V8's `--trace-gc` lines for a full collection: ms since the isolate started, and the heap in use after it. */
const FULL_GC_LINE = /^\[\d+:0x[0-9a-f]+\]\s+(\d+) ms: Mark-Compact(?: \([a-z ]+\))? [\d.]+ \([\d.]+\) -> ([\d.]+) \(/;
const GC_TRACE_LINE = /^\[\d+:0x[0-9a-f]+\]\s+\d+ ms: /;

const { values: args } = parseArgs({
  options: {
    clients: { type: 'string', default: '1000' },
    rps: { type: 'string', default: '50' },
    duration: { type: 'string', default: '150' },
    accounts: { type: 'string', default: '5' },
    spaces: { type: 'string', default: '40' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    server: { type: 'string' },
    'heap-mb': { type: 'string' },
    'cpu-prof': { type: 'string' },
  },
});
const serverEntry = args.server ? resolve(args.server) : SERVER_ENTRY;
const config = {
  clients: Number(args.clients),
  rps: Number(args.rps),
  durationS: Number(args.duration),
  shape: { accounts: Number(args.accounts), spacesPerAccount: Number(args.spaces), seed: Number(args.seed) } satisfies LoadShape,
};

function log(line: string): void {
  process.stdout.write(`[load] ${line}\n`);
}

/** A TypeScript child with an IPC channel, run through tsx with this folder's tsconfig (for the @hfd paths). */
function forkTs(file: string, argv: string[]): ChildProcess {
  return track(
    fork(join(__dirname, file), argv, {
      execArgv: ['--import', 'tsx'],
      env: { ...process.env, TSX_TSCONFIG_PATH: TSCONFIG },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    }),
  );
}

function nextMessage<T>(child: ChildProcess, type: string, timeoutMs: number): Promise<T> {
  return new Promise((done, fail) => {
    // Every listener goes once the answer, the timeout or the exit has come: the observer asks every 5 s.
    const stop = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const timer = setTimeout(() => {
      stop();
      fail(new Error(`no "${type}" message within ${timeoutMs} ms`));
    }, timeoutMs);
    const onMessage = (message: { type?: string }) => {
      if (message.type !== type) return;
      stop();
      done(message as T);
    };
    const onExit = (code: number | null) => {
      stop();
      fail(new Error(`the child exited (${code}) before sending "${type}"`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** A few gauges of /metrics; NaN each when the server does not answer (it may have died: the run still reports). */
async function prometheus(url: string): Promise<Record<string, number>> {
  const wanted = ['hfd_stream_clients', 'hfd_upstream_streams', 'hfd_hub_malformed_events_total'];
  const text = await httpRequest(`${url}/metrics`).then(
    (reply) => reply.text,
    () => '',
  );
  return Object.fromEntries(wanted.map((name) => [name, Number(text.split('\n').find((line) => line.startsWith(`${name} `))?.split(' ')[1] ?? NaN)]));
}

async function ensureBuild(): Promise<void> {
  if (args.server) {
    if (!existsSync(serverEntry)) throw new Error(`--server ${serverEntry}: no such file`);
    return;
  }
  if (productionBuildExists()) return;
  log('no production build: running npm run build');
  await buildProduction();
}

interface ServerLogSummary {
  lines: number;
  /** V8's full collections: when (ms since the server started) and the heap in use after each (MB). */
  fullCollections: Array<{ atMs: number; liveMb: number }>;
  byLevel: Record<string, number>;
  /** Lines that show an escaped or unexpected error; the run fails on any. */
  problems: string[];
  stderr: string;
}

/** The same reading of the server's log as the resilience suite: errors, fatal lines, escapes, 5xx answers. */
function summariseServerLog(stdout: string, stderr: string): ServerLogSummary {
  const byLevel: Record<string, number> = {};
  const problems: string[] = [];
  const fullCollections: ServerLogSummary['fullCollections'] = [];
  let lines = 0;
  for (const line of stdout.split('\n')) {
    if (line.trim() === '') continue;
    if (GC_TRACE_LINE.test(line)) {
      const full = FULL_GC_LINE.exec(line);
      if (full) fullCollections.push({ atMs: Number(full[1]), liveMb: Number(full[2]) });
      continue;
    }
    lines += 1;
    let entry: { level?: number; res?: { statusCode?: number } };
    try {
      entry = JSON.parse(line) as typeof entry;
    } catch {
      problems.push(`not JSON: ${line.slice(0, 300)}`);
      continue;
    }
    const level = String(entry.level ?? 'none');
    byLevel[level] = (byLevel[level] ?? 0) + 1;
    if ((entry.level ?? 0) >= 50 || /unhandled|uncaught/i.test(line) || (entry.res?.statusCode ?? 0) >= 500) problems.push(line.slice(0, 500));
  }
  return { lines, fullCollections, byLevel, problems: problems.slice(0, 20), stderr: stderr.slice(0, 4000) };
}

async function main(): Promise<void> {
  await ensureBuild();
  const startedAt = new Date();

  log(`emulator: ${config.shape.accounts} accounts × ${config.shape.spacesPerAccount} Spaces, metrics at 1 Hz`);
  const emulator = forkTs('emulator-process.ts', [JSON.stringify(config.shape)]);
  const hub = await nextMessage<EmulatorReady>(emulator, 'ready', 60_000);

  const heapArgs = [
    // Its full collections tell the live set (see MAX_LIVE_RISE); a line each, some a minute.
    '--trace-gc',
    ...(args['heap-mb'] ? [`--max-old-space-size=${Number(args['heap-mb'])}`] : []),
    ...(args['cpu-prof'] ? ['--cpu-prof', `--cpu-prof-dir=${resolve(args['cpu-prof'])}`] : []),
  ];
  const serverStarted = performance.now();
  const server = await ServerProcess.spawn({
    entry: serverEntry,
    nodeArgs: heapArgs,
    env: {
      HF_USER: hub.hfUser,
      HF_ENDPOINT: hub.url,
      HF_SPACES_ENDPOINT: hub.url,
      USER_PASSWORD: 'load-test-password',
      LOG_LEVEL: 'info',
      // Every viewer comes from this machine's one address: the cap is raised to let them all in, and still counts.
      STREAM_LIMIT_PER_CLIENT: String(config.clients),
    },
  });
  const serverUrl = server.url;
  const pid = server.pid;

  const inventory = await eventually(
    'an inventory from the server',
    () => getJson<SpacesListResponse>(`${serverUrl}/api/v1/spaces`),
    (list) => list.fetchedAt !== null,
    60_000,
  ).catch((error: unknown) => {
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n${server.describe()}`, { cause: error });
  });
  log(`server pid ${pid} on ${serverUrl}: ${inventory.spaces.length} public Spaces`);

  const sampler = new ProcSampler(pid);
  sampler.start(1000);

  log(`connecting ${config.clients} stream clients`);
  const rampStarted = performance.now();
  const streams = forkTs('sse-clients.ts', [`${serverUrl}/api/v1/stream`, String(config.clients)]);
  const ramped = await nextMessage<StreamStats>(streams, 'stats', 120_000);
  const rampMs = Math.round(performance.now() - rampStarted);
  log(`${ramped.connected} connected in ${rampMs} ms (${ramped.connectErrors} refused)`);
  await sleep(WARM_UP_MS);
  const askStreams = async (): Promise<StreamStats> => {
    const reply = nextMessage<StreamStats>(streams, 'stats', 30_000);
    streams.send({ type: 'stats' } satisfies StreamCommand);
    return reply;
  };
  streams.send({ type: 'measure' } satisfies StreamCommand);
  const before = await askStreams();
  const measureFrom = sampler.samples.length;
  const measureStarted = performance.now();

  // Every connection cycles through the mix: the list, the configuration, health, a Space detail.
  const detailIds = hub.publicSpaces.filter((_, index) => index % Math.max(1, Math.floor(hub.publicSpaces.length / 8)) === 0).slice(0, 8);
  const requests: autocannon.Request[] = detailIds.flatMap((id) => [
    { method: 'GET', path: '/api/v1/spaces' },
    { method: 'GET', path: '/api/v1/config' },
    { method: 'GET', path: '/api/v1/health' },
    { method: 'GET', path: `/api/v1/spaces/${id}` },
  ]);
  log(`REST: ${config.rps} requests/s for ${config.durationS} s (${requests.length / detailIds.length} routes, ${detailIds.length} Spaces in detail)`);
  const timeline: Array<{ t: number; streamClients: number; upstreams: number; metricEventsPerS: number; samplesPerS: number; readsPerClientPerS: number }> = [];
  let previous = before;
  const observer = setInterval(() => {
    void Promise.all([askStreams(), prometheus(serverUrl)]).then(([now, gauges]) => {
      const t = Math.round((performance.now() - measureStarted) / 1000);
      timeline.push({
        t,
        streamClients: gauges['hfd_stream_clients'],
        upstreams: gauges['hfd_upstream_streams'],
        metricEventsPerS: Math.round((now.metricEvents - previous.metricEvents) / 5),
        samplesPerS: Math.round((now.samples - previous.samples) / 5),
        readsPerClientPerS: Math.round(((now.chunks - previous.chunks) / 5 / Math.max(1, now.connected)) * 10) / 10,
      });
      previous = now;
    });
  }, 5000);
  const rest = await autocannon({ url: serverUrl, connections: 25, overallRate: config.rps, duration: config.durationS, timeout: 10, requests });
  clearInterval(observer);
  const measuredS = (performance.now() - measureStarted) / 1000;
  const after = await askStreams();
  const gauges = await prometheus(serverUrl);
  const countersReply = nextMessage<EmulatorCounters>(emulator, 'counters', 10_000);
  emulator.send({ type: 'counters' });
  const counters = await countersReply;
  const finalList = await getJson<SpacesListResponse>(`${serverUrl}/api/v1/spaces`).catch(() => inventory);
  sampler.stop();

  streams.send({ type: 'close' } satisfies StreamCommand);
  server.signal('SIGTERM');
  const exit = await Promise.race([server.exited, sleep(15_000).then(() => ({ code: null, signal: 'timeout' }))]);
  emulator.kill('SIGTERM');

  const watched = finalList.spaces.filter(hasLiveMetrics).length;
  const measured = sampler.samples.slice(measureFrom);
  const secondHalf = measured.slice(Math.floor(measured.length / 2));
  const plateauMb = Math.round(median(secondHalf.map((sample) => sample.rssMb)) * 10) / 10;
  const endMb = measured.at(-1)?.rssMb ?? NaN;
  const slopeMbPerMin = slope(secondHalf.map((sample) => ({ x: sample.t / 60, y: sample.rssMb })));
  const troughs = {
    first: Math.min(...measured.slice(0, Math.floor(measured.length / 2)).map((sample) => sample.rssMb)),
    second: Math.min(...secondHalf.map((sample) => sample.rssMb)),
  };
  const serverLog = summariseServerLog(server.stdout, server.stderr);
  const windowFromMs = measureStarted - serverStarted;
  const inWindow = serverLog.fullCollections.filter((collection) => collection.atMs >= windowFromMs);
  const liveSet =
    inWindow.length >= 2
      ? { judged: true, firstMb: inWindow[0]?.liveMb ?? NaN, lastMb: inWindow.at(-1)?.liveMb ?? NaN, fullCollections: inWindow.length }
      : { judged: false, firstMb: NaN, lastMb: NaN, fullCollections: inWindow.length };
  const metricEvents = after.metricEvents - before.metricEvents;
  const samples = after.samples - before.samples;

  const errors = {
    restNon2xx: rest.non2xx,
    restErrors: rest.errors,
    restTimeouts: rest.timeouts,
    streamDisconnects: after.disconnects,
    streamConnectErrors: after.connectErrors,
    streamsNotConnected: config.clients - after.connected,
    silentStreamClients: after.silentClients,
    serverLogProblems: serverLog.problems.length + (serverLog.stderr.trim() === '' ? 0 : 1),
    serverExit: exit.code === 0 ? 0 : 1,
  };
  const checks = {
    noErrors: Object.values(errors).every((count) => count === 0),
    upstreamsEqualWatchedSpaces: gauges['hfd_upstream_streams'] === watched && counters.openMetricsStreams === watched,
    memoryBounded: endMb <= MAX_RSS_GROWTH * plateauMb && liveSet.judged && liveSet.lastMb <= MAX_LIVE_RISE * liveSet.firstMb,
  };
  const result = {
    startedAt: startedAt.toISOString(),
    machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGb: Math.round(totalmem() / 2 ** 30), node: process.version, platform: process.platform },
    config: { ...config, server: serverEntry, nodeOptions: heapArgs, restConnections: 25, detailSpaces: detailIds, warmUpMs: WARM_UP_MS, refreshInterval: '30s (default)', logLevel: 'info' },
    scenario: { spaces: config.shape.accounts * config.shape.spacesPerAccount, publicSpaces: finalList.spaces.length, watchedRunningSpaces: watched },
    checks,
    errors,
    rest: {
      requests: rest.requests.total,
      perSecond: Math.round((rest.requests.total / rest.duration) * 10) / 10,
      latencyMs: { p50: rest.latency.p50, p90: rest.latency.p90, p99: rest.latency.p99, max: rest.latency.max, mean: Math.round(rest.latency.average * 10) / 10 },
      statusCodes: Object.fromEntries(Object.entries(rest.statusCodeStats).map(([code, stat]) => [code, stat.count])),
    },
    streams: {
      clients: config.clients,
      connected: after.connected,
      rampMs,
      samplesPerSecond: Math.round(samples / measuredS),
      samplesPerClientPerSecond: Math.round((samples / measuredS / Math.max(1, after.connected)) * 10) / 10,
      metricEventsPerSecond: Math.round(metricEvents / measuredS),
      metricEventsPerClientPerSecond: Math.round((metricEvents / measuredS / Math.max(1, after.connected)) * 10) / 10,
      megabytesPerSecond: Math.round(((after.bytes - before.bytes) / measuredS / 2 ** 20) * 10) / 10,
      maxMetricGapMs: after.maxMetricGapMs,
    },
    upstreams: { prometheus: gauges['hfd_upstream_streams'], emulatorOpenMetricsStreams: counters.openMetricsStreams, expected: watched, streamClientsGauge: gauges['hfd_stream_clients'] },
    server: {
      rssMb: {
        start: measured[0]?.rssMb,
        plateauMedian: plateauMb,
        end: endMb,
        max: Math.max(...measured.map((sample) => sample.rssMb)),
        lowestFirstHalf: troughs.first,
        lowestSecondHalf: troughs.second,
        secondHalfSlopeMbPerMin: Math.round(slopeMbPerMin * 10) / 10,
      },
      liveSetMb: liveSet,
      cpuPct: { median: median(measured.map((sample) => sample.cpuPct)), max: Math.max(...measured.map((sample) => sample.cpuPct)) },
      exit,
      log: { lines: serverLog.lines, byLevel: serverLog.byLevel, problems: serverLog.problems, stderr: serverLog.stderr },
    },
    hubRequests: counters.requests,
    timeline,
    samples: measured,
  };

  const resultsDir = join(WORKSPACE_ROOT, 'bench/results');
  mkdirSync(resultsDir, { recursive: true });
  const file = args.out ? resolve(args.out) : join(resultsDir, `load-${startedAt.toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(result, null, 2)}\n`);

  log(`REST: ${result.rest.requests} requests (${result.rest.perSecond}/s), p50 ${result.rest.latencyMs.p50} ms, p99 ${result.rest.latencyMs.p99} ms, codes ${JSON.stringify(result.rest.statusCodes)}`);
  log(
    `streams: ${after.connected}/${config.clients} connected, ${result.streams.samplesPerSecond} samples/s (${result.streams.samplesPerClientPerSecond}/client/s) in ${result.streams.metricEventsPerSecond} metric events/s, ${result.streams.megabytesPerSecond} MB/s, longest gap ${after.maxMetricGapMs} ms`,
  );
  log(`upstreams: ${gauges['hfd_upstream_streams']} (emulator: ${counters.openMetricsStreams}) for ${watched} watched running Spaces`);
  log(
    `server: RSS ${result.server.rssMb.start} → plateau ${plateauMb} → end ${endMb} MB (lowest ${troughs.first} then ${troughs.second} MB), live set after full collections ${liveSet.firstMb} → ${liveSet.lastMb} MB (${liveSet.fullCollections} in the window), CPU median ${result.server.cpuPct.median} % max ${result.server.cpuPct.max} %`,
  );
  log(`errors: ${JSON.stringify(errors)}`);
  log(`checks: ${JSON.stringify(checks)}`);
  log(`written to ${file}`);
  process.exitCode = Object.values(checks).every(Boolean) ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`[load] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
