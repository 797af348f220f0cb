import type { HubEmulator } from '@hfd/hub-emulator';
import { sleep } from '@hfd/test-support';
import { request, type ClientRequest } from 'node:http';
import { ClientPool, type PoolWindow } from '../lib/clients/client-pool';
import { hubSampleKey } from '../lib/clients/sample-key';
import { serverEnv, startBenchHub } from '../lib/hub';
import { median } from '../lib/percentiles';
import { ProcSampler, type ProcSummary } from '../lib/proc-stats';
import { scrape } from '../lib/prometheus';
import { logSummary, spawnServer } from '../lib/server';
import { runningSpaceIds, streamUrl, waitForInventory } from '../lib/stream-fleet';
import { monotonicMs } from '../lib/time';

export interface FanoutOptions {
  clients: number;
  spaces: number;
  latencyMs: number;
  warmupSeconds: number;
  durationSeconds: number;
  workers: number;
  connectPerSecond: number;
  seed: number;
  serverEntry?: string;
  /**
   * `together`: the first client opens every upstream at once, so the Spaces' samples come
   * in one burst a second (how the server behaves by itself). `spread`: before the clients,
   * one primer stream per Space opens its upstream 1000/S ms after the previous one, so the
   * samples arrive evenly over the second (as upstreams opened at different times would).
   */
  phases: 'together' | 'spread';
  /**
   * The stream caps the server runs with. Every client comes from this machine's one address,
   * so the per-address cap is raised to let them all in; null turns both caps off (0), to
   * measure what counting them costs.
   */
  caps: StreamCaps | null;
  /** The one large run: judged on memory and on no viewer starved, not on latency. */
  large: boolean;
}

export interface StreamCaps {
  perClient: number;
  overall: number;
}

export interface FanoutResult {
  phases: 'together' | 'spread';
  caps: StreamCaps | null;
  large: boolean;
  clients: number;
  spaces: number;
  workers: number;
  durationSeconds: number;
  /** Clients that had a stream open and a first metric event before the window (fewer than K: the server did not let them all in). */
  clientsLive: number;
  connectSeconds: number;
  /** Samples the emulator sent for the watched Spaces during the window, and what K clients should then have received. */
  samplesSent: number;
  expectedEvents: number;
  delivered: PoolWindow;
  /**
   * How the emulator's samples were spread: they come in bursts (each Space ticks once a
   * second, and the first viewer opened all the upstreams at once), and a burst's width is
   * the time from its first sample to its last. Every viewer of a burst gets all of it.
   */
  bursts: { count: number; medianWidthMs: number; maxWidthMs: number; samplesPerBurst: number };
  /** delivered ÷ expected: below 1 means events were dropped or arrived after the window. */
  deliveryRatio: number;
  server: ProcSummary;
  /** Client worker processes as /proc sees them (their own figures are in delivered.workers). */
  clientProcesses: ProcSummary[];
  upstreams: { emulator: number; serverGauge: number; streamClientsGauge: number };
  serverLog: { warnings: number; errors: number; messages: string[] };
  /** Samples each client should have received in the window (what the emulator sent for the watched Spaces). */
  samplesPerClientExpected: number;
}

/** A stream of one Space that only keeps its upstream open: read and discarded. */
function openPrimer(url: string): ClientRequest {
  const req = request(url, { agent: false, headers: { Accept: 'text/event-stream' } }, (res) => res.resume());
  req.on('error', () => undefined);
  req.end();
  return req;
}

/** Groups send times into bursts separated by more than 100 ms of silence. */
function burstsOf(times: readonly number[]): FanoutResult['bursts'] {
  const sorted = [...times].sort((a, b) => a - b);
  const widths: number[] = [];
  let start = sorted[0] ?? 0;
  let previous = start;
  for (const t of sorted.slice(1)) {
    if (t - previous > 100) {
      widths.push(previous - start);
      start = t;
    }
    previous = t;
  }
  if (sorted.length > 0) widths.push(previous - start);
  return {
    count: widths.length,
    medianWidthMs: Math.round(median(widths) * 10) / 10,
    maxWidthMs: Math.round(Math.max(0, ...widths) * 10) / 10,
    samplesPerBurst: widths.length === 0 ? 0 : Math.round((sorted.length / widths.length) * 10) / 10,
  };
}

/**
 * K dashboard clients each watching the same S running Spaces at 1 Hz: send-to-receive
 * latency, delivered events, the server's CPU and memory, and its upstream connections.
 */
export async function runFanout(options: FanoutOptions, log: (line: string) => void): Promise<FanoutResult> {
  let pool: ClientPool | null = null;
  let watched = new Set<string>();
  let counting = false;
  let samplesSent = 0;
  const sendTimes: number[] = [];
  const hub: HubEmulator = await startBenchHub({
    // One account, every Space running and public; the first S non-static ones are watched.
    scenario: { accounts: 1, spacesPerAccount: Math.ceil(options.spaces * 1.5), seed: options.seed, stageWeights: { RUNNING: 1 }, privateShare: 0 },
    latencyMs: options.latencyMs,
    unlimited: true,
    onMetricSample: ({ spaceId, sample }) => {
      const at = monotonicMs();
      if (!watched.has(spaceId)) return;
      if (counting) {
        samplesSent++;
        sendTimes.push(at);
      }
      pool?.sent(hubSampleKey(spaceId, sample), at);
    },
  });
  const spaceIds = runningSpaceIds(hub, options.spaces);
  watched = new Set(spaceIds);
  const caps = options.caps ?? { perClient: 0, overall: 0 };
  const server = await spawnServer(
    serverEnv(hub, hub.url, { STREAM_LIMIT_PER_CLIENT: String(caps.perClient), STREAM_LIMIT: String(caps.overall) }),
    options.serverEntry,
  );
  const primers: ClientRequest[] = [];
  try {
    await server.waitUntilReady();
    await waitForInventory(server);
    if (options.phases === 'spread') {
      for (const spaceId of spaceIds) {
        primers.push(openPrimer(streamUrl(server, [spaceId])));
        await sleep(1000 / spaceIds.length);
      }
      await sleep(2000);
    }
    pool = ClientPool.start(options.workers);
    const url = streamUrl(server, spaceIds);
    const connectStart = monotonicMs();
    pool.open(url, options.clients, options.connectPerSecond);
    // The ramp itself takes clients ÷ rate seconds; a server that keeps up needs little more.
    const clientsLive = await pool.waitLive(options.clients, (options.clients / options.connectPerSecond) * 1000 + 60_000);
    const connectSeconds = (monotonicMs() - connectStart) / 1000;
    log(`  ${clientsLive}/${options.clients} clients live after ${connectSeconds.toFixed(1)} s; warming up ${options.warmupSeconds} s`);
    await sleep(options.warmupSeconds * 1000);

    const sampler = new ProcSampler(server.pid);
    const clientSamplers = pool.pids.map((pid) => new ProcSampler(pid));
    sampler.start();
    clientSamplers.forEach((s) => s.start());
    pool.startWindow();
    counting = true;
    await sleep(options.durationSeconds * 1000);
    counting = false;
    const delivered = await pool.endWindow();
    const serverStats = sampler.stop();
    const clientProcesses = clientSamplers.map((s) => s.stop());

    // A saturated server may not answer a scrape in time: the gauges are then unknown (NaN), not a failed run.
    const gauges = await scrape(server.url).catch(() => new Map<string, number>());
    const upstreams = {
      emulator: hub.counters.openStreams({ kind: 'metrics' }),
      serverGauge: gauges.get('hfd_upstream_streams') ?? Number.NaN,
      streamClientsGauge: gauges.get('hfd_stream_clients') ?? Number.NaN,
    };
    const expectedEvents = samplesSent * options.clients;
    const bursts = burstsOf(sendTimes);
    const rssMb = serverStats.rssMaxBytes / 2 ** 20;
    log(
      `  ${options.phases === 'spread' ? 'samples spread' : `samples in ${bursts.count} burst(s) of ${bursts.samplesPerBurst}, ${bursts.medianWidthMs} ms wide (median)`}; p50 ${delivered.latency.p50} ms, p99 ${delivered.latency.p99} ms, ${Math.round(delivered.eventsPerSecond)} events/s in ${Math.round(delivered.chunks / options.durationSeconds)} reads/s, server CPU ${serverStats.cpuPctMean.toFixed(0)} %, RSS ${rssMb.toFixed(0)} MB, upstreams ${upstreams.emulator}, unmatched ${delivered.unmatched}, least-served client ${delivered.samplesPerClient.min}/${samplesSent} samples, longest wait ${Math.round(delivered.longestGapMs)} ms`,
    );
    return {
      phases: options.phases,
      caps: options.caps,
      large: options.large,
      clients: options.clients,
      spaces: options.spaces,
      workers: options.workers,
      durationSeconds: options.durationSeconds,
      clientsLive,
      connectSeconds,
      samplesSent,
      expectedEvents,
      bursts,
      delivered,
      deliveryRatio: expectedEvents === 0 ? 0 : delivered.metricEvents / expectedEvents,
      server: serverStats,
      clientProcesses,
      upstreams,
      serverLog: logSummary(server),
      samplesPerClientExpected: samplesSent,
    };
  } finally {
    for (const primer of primers) primer.destroy();
    await pool?.close();
    await server.stop();
    await hub.close();
  }
}
