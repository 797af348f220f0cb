import type { HubEmulator } from '@hfd/hub-emulator';
import { sleep } from '@hfd/test-support';
import { ClientPool, type PoolChurn } from '../lib/clients/client-pool';
import { serverEnv, startBenchHub } from '../lib/hub';
import { ProcSampler, readProc, type ProcSummary } from '../lib/proc-stats';
import { scrape } from '../lib/prometheus';
import { logSummary, spawnServer } from '../lib/server';
import { runningSpaceIds, streamUrl, waitForInventory } from '../lib/stream-fleet';
import { monotonicMs } from '../lib/time';

export interface ChurnOptions {
  cycles: number;
  concurrency: number;
  spaces: number;
  latencyMs: number;
  /** Cycles run before the starting RSS is read, so start-up allocation (JIT, first streams) is not counted as growth. */
  warmupCycles: number;
  workers: number;
  seed: number;
  serverEntry?: string;
}

export interface ChurnResult {
  cycles: number;
  concurrency: number;
  spaces: number;
  churn: PoolChurn;
  warmup: PoolChurn;
  cyclesPerSecond: number;
  rss: {
    /** Before any stream client. */
    idleBytes: number;
    /** After the warm-up cycles: "where it started". */
    startBytes: number;
    peakBytes: number;
    /** Once back within 10 % of start for 5 s (or at the settle timeout). */
    settledBytes: number;
    /** Seconds after the churn until it was back within 10 % for 5 s; null if it never was within the timeout. */
    settleSeconds: number | null;
    /** MB, one reading a second, from when the upstreams were closed (about 5 s after the churn). */
    settleTimeline: number[];
    /** settled ÷ start − 1. */
    growth: number;
  };
  serverDuringChurn: ProcSummary;
  upstreams: { afterChurnEmulator: number; zeroAfterSeconds: number | null; serverGauge: number; streamClientsGauge: number };
  serverLog: { warnings: number; errors: number; messages: string[] };
  targets: { rssWithinPct: number; rssMet: boolean; upstreamsMet: boolean; noErrorsMet: boolean };
}

/**
 * Follows the RSS after the churn, once a second, until it has stayed no more than
 * `withinPct` above `startBytes` for five readings in a row, or `timeoutS` have passed. V8 gives memory
 * back to the system only once its memory reducer runs, some seconds after the allocation
 * stops (measured: 9 to 25 s here), so a plateau right after the churn is not the end.
 */
async function settledRss(pid: number, since: number, startBytes: number, withinPct: number, timeoutS: number): Promise<{ bytes: number; seconds: number | null; timeline: number[] }> {
  const timeline: number[] = [];
  const started = since;
  let inside = 0;
  for (;;) {
    const rss = readProc(pid).rssBytes;
    timeline.push(Math.round(rss / 2 ** 20));
    // Below the start counts too: what the target guards against is growth (a leak).
    inside = rss <= startBytes * (1 + withinPct / 100) ? inside + 1 : 0;
    const seconds = (monotonicMs() - started) / 1000;
    if (inside >= 5) return { bytes: rss, seconds: Math.round(seconds), timeline };
    if (seconds >= timeoutS) return { bytes: rss, seconds: null, timeline };
    await sleep(1000);
  }
}

/**
 * Stream clients connecting, reading their first events and leaving, 10 000 times: no
 * error, every upstream closed afterwards, and memory back where it was.
 */
export async function runChurn(options: ChurnOptions, log: (line: string) => void): Promise<ChurnResult> {
  const hub: HubEmulator = await startBenchHub({
    scenario: { accounts: 1, spacesPerAccount: Math.ceil(options.spaces * 1.5), seed: options.seed, stageWeights: { RUNNING: 1 }, privateShare: 0 },
    latencyMs: options.latencyMs,
    unlimited: true,
  });
  // Every cycle comes from this machine's one address, and a stream's place is given back only once the server sees it close.
  const server = await spawnServer(serverEnv(hub, hub.url, { STREAM_LIMIT_PER_CLIENT: String(options.concurrency * 20) }), options.serverEntry);
  let pool: ClientPool | null = null;
  try {
    await server.waitUntilReady();
    await waitForInventory(server);
    await sleep(2000);
    const idleBytes = readProc(server.pid).rssBytes;
    pool = ClientPool.start(options.workers);
    const url = streamUrl(server, runningSpaceIds(hub, options.spaces));
    const cycleTimeoutMs = 15_000;
    const warmup = await pool.churn(url, options.warmupCycles, options.concurrency, cycleTimeoutMs);
    await sleep(2000);
    const startBytes = readProc(server.pid).rssBytes;

    const sampler = new ProcSampler(server.pid);
    sampler.start();
    const churn = await pool.churn(url, options.cycles, options.concurrency, cycleTimeoutMs);
    const churnEnd = monotonicMs();
    const during = sampler.stop();
    log(`  ${churn.completed}/${churn.cycles} cycles in ${(churn.elapsedMs / 1000).toFixed(1)} s, ${churn.errors} error(s); waiting for upstreams to close`);

    const afterChurnEmulator = hub.counters.openStreams({ kind: 'metrics' });
    const closeStart = monotonicMs();
    let zeroAfterSeconds: number | null = null;
    while (monotonicMs() - closeStart < 30_000) {
      if (hub.counters.openStreams({ kind: 'metrics' }) === 0) {
        zeroAfterSeconds = (monotonicMs() - closeStart) / 1000;
        break;
      }
      await sleep(100);
    }
    const gauges = await scrape(server.url).catch(() => new Map<string, number>());
    const settled = await settledRss(server.pid, churnEnd, startBytes, 10, 90);
    const growth = settled.bytes / startBytes - 1;
    const serverLog = logSummary(server);
    const upstreams = {
      afterChurnEmulator,
      zeroAfterSeconds,
      serverGauge: gauges.get('hfd_upstream_streams') ?? Number.NaN,
      streamClientsGauge: gauges.get('hfd_stream_clients') ?? Number.NaN,
    };
    log(
      `  RSS idle ${mb(idleBytes)}, start ${mb(startBytes)}, peak ${mb(during.rssMaxBytes)}, settled ${mb(settled.bytes)} (${(growth * 100).toFixed(1)} %, ${settled.seconds === null ? 'not within 10 % in 90 s' : `within 10 % after ${settled.seconds} s`}); upstreams 0 after ${zeroAfterSeconds?.toFixed(1) ?? 'never'} s`,
    );
    return {
      cycles: options.cycles,
      concurrency: options.concurrency,
      spaces: options.spaces,
      churn,
      warmup,
      cyclesPerSecond: churn.completed / (churn.elapsedMs / 1000),
      rss: { idleBytes, startBytes, peakBytes: during.rssMaxBytes, settledBytes: settled.bytes, settleSeconds: settled.seconds, settleTimeline: settled.timeline, growth },
      serverDuringChurn: during,
      upstreams,
      serverLog,
      targets: {
        rssWithinPct: 10,
        rssMet: growth <= 0.1,
        upstreamsMet: zeroAfterSeconds !== null && upstreams.serverGauge === 0 && upstreams.streamClientsGauge === 0,
        noErrorsMet: churn.errors === 0 && warmup.errors === 0 && serverLog.errors === 0,
      },
    };
  } finally {
    await pool?.close();
    await server.stop();
    await hub.close();
  }
}

function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MB`;
}
