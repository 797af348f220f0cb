import type { SpacesListResponse } from '@hfd/contracts';
import type { HubEmulator } from '@hfd/hub-emulator';
import { httpRequest, sleep, type ServerProcess } from '@hfd/test-support';
import { serverEnv, startBenchHub } from '../lib/hub';
import { HubTap, roundTrips, routeOf } from '../lib/hub-tap';
import { median, spreadOf, type Spread } from '../lib/percentiles';
import { spawnServer } from '../lib/server';
import { monotonicMs } from '../lib/time';
import { originalInventory, type BaselineResult } from './original-baseline';

export interface InventoryOptions {
  accounts: number;
  spacesPerAccount: number;
  latencyMs: number;
  runs: number;
  /** Also time the original's sequential approach, `runs` times too (about accounts × (spaces + 1) × latency each). */
  baseline: boolean;
  seed: number;
  serverEntry?: string;
}

export interface InventoryRun {
  /** spawn() → the first complete `GET /api/v1/spaces` answer read. */
  coldStartMs: number;
  /** spawn() → the server accepted its first connection (Node and Nest start-up). */
  listeningMs: number;
  /** First Hub request sent → last Hub answer relayed. */
  hubPhaseMs: number;
  hubRequests: number;
  byRoute: Record<string, number>;
  roundTrips: number;
  spaces: number;
}

export interface InventoryResult {
  accounts: number;
  spacesPerAccount: number;
  latencyMs: number;
  runs: InventoryRun[];
  median: { coldStartMs: number; listeningMs: number; hubPhaseMs: number };
  coldStartMs: Spread;
  hubRequests: number;
  listRequests: number;
  roundTrips: number;
  /** The original's approach, as many runs as ours, and the median, lowest and highest of its totals. */
  baseline: { runs: BaselineResult[]; totalMs: Spread; requests: number } | null;
  /** Original's median total ÷ our median cold start (boot included), and ÷ our median Hub phase alone. */
  speedup: { coldStart: number; hubPhase: number } | null;
  targets: { roundTripsMax: number; roundTripsMet: boolean; oneListPerAccountMet: boolean };
}

/** Whether an answer holds every Space of every account, all read. */
function isComplete(list: SpacesListResponse, expectedSpaces: number): boolean {
  return list.fetchedAt !== null && list.spaces.length === expectedSpaces && list.accounts.every((account) => account.fetchedAt !== null && account.error === null);
}

/**
 * Polls `GET /api/v1/spaces` from the moment the process is spawned. Before the first Hub
 * read completes, the server holds such a request until it does, so the answer that comes
 * back complete marks the moment the inventory was ready, to within the 10 ms poll.
 */
async function firstCompleteList(server: ServerProcess, expectedSpaces: number): Promise<{ at: number; listeningAt: number; list: SpacesListResponse }> {
  let listeningAt: number | null = null;
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (!server.running) throw new Error(`The server exited\n${server.describe()}`);
    const sentAt = monotonicMs();
    try {
      const reply = await httpRequest(`${server.url}/api/v1/spaces`, { headers: { Accept: 'application/json' }, timeoutMs: 30_000 });
      listeningAt ??= sentAt;
      if (reply.status === 200) {
        const list = JSON.parse(reply.text) as SpacesListResponse;
        if (isComplete(list, expectedSpaces)) return { at: monotonicMs(), listeningAt, list };
      }
    } catch {
      // Not listening yet.
    }
    await sleep(10);
  }
  throw new Error('No complete inventory within 60 s');
}

async function coldStart(hub: HubEmulator, tap: HubTap, serverEntry: string | undefined): Promise<InventoryRun> {
  const expected = hub.scenario.spaces.length;
  tap.clear();
  const server = await spawnServer(
    // SHOW_PRIVATE: an anonymous reader gets every Space, so "complete" means all of them.
    // A long refresh interval: only the start-up read is measured.
    serverEnv(hub, tap.url, { SHOW_PRIVATE: 'true', REFRESH_INTERVAL: '1h' }),
    serverEntry,
  );
  try {
    const { at, listeningAt } = await firstCompleteList(server, expected);
    const requests = tap.requests.filter((r) => r.end <= at);
    const byRoute: Record<string, number> = {};
    for (const r of requests) byRoute[routeOf(r.path)] = (byRoute[routeOf(r.path)] ?? 0) + 1;
    const first = Math.min(...requests.map((r) => r.start));
    const last = Math.max(...requests.map((r) => r.end));
    return {
      coldStartMs: at - server.spawnedAt,
      listeningMs: listeningAt - server.spawnedAt,
      hubPhaseMs: requests.length > 0 ? last - first : 0,
      hubRequests: requests.length,
      byRoute,
      roundTrips: roundTrips(requests),
      spaces: expected,
    };
  } finally {
    await server.stop();
  }
}

export async function runInventory(options: InventoryOptions, log: (line: string) => void): Promise<InventoryResult> {
  const hub = await startBenchHub({
    scenario: { accounts: options.accounts, spacesPerAccount: options.spacesPerAccount, seed: options.seed },
    latencyMs: options.latencyMs,
  });
  const tap = await HubTap.start(hub.url);
  try {
    const runs: InventoryRun[] = [];
    for (let i = 0; i < options.runs; i++) {
      const run = await coldStart(hub, tap, options.serverEntry);
      log(`  cold start ${i + 1}/${options.runs}: ${run.coldStartMs.toFixed(0)} ms (listening ${run.listeningMs.toFixed(0)} ms, Hub ${run.hubPhaseMs.toFixed(0)} ms), ${run.hubRequests} Hub requests, ${run.roundTrips} round trip(s)`);
      runs.push(run);
    }
    let baseline: InventoryResult['baseline'] = null;
    if (options.baseline) {
      const accounts = hub.scenario.watch.map((watch) => ({ name: watch.name, token: watch.token }));
      const baselineRuns: BaselineResult[] = [];
      for (let i = 0; i < options.runs; i++) {
        const run = await originalInventory(hub.url, accounts);
        log(`  original's approach ${i + 1}/${options.runs}: ${run.totalMs.toFixed(0)} ms, ${run.requests} Hub requests`);
        baselineRuns.push(run);
      }
      baseline = { runs: baselineRuns, totalMs: spreadOf(baselineRuns.map((run) => run.totalMs)), requests: Math.max(...baselineRuns.map((run) => run.requests)) };
    }
    const coldStartMs = median(runs.map((r) => r.coldStartMs));
    const hubPhaseMs = median(runs.map((r) => r.hubPhaseMs));
    const worstRoundTrips = Math.max(...runs.map((r) => r.roundTrips));
    const listRequests = Math.max(...runs.map((r) => r.byRoute['spaces-list'] ?? 0));
    return {
      accounts: options.accounts,
      spacesPerAccount: options.spacesPerAccount,
      latencyMs: options.latencyMs,
      runs,
      median: { coldStartMs, listeningMs: median(runs.map((r) => r.listeningMs)), hubPhaseMs },
      coldStartMs: spreadOf(runs.map((r) => r.coldStartMs)),
      hubRequests: Math.max(...runs.map((r) => r.hubRequests)),
      listRequests,
      roundTrips: worstRoundTrips,
      baseline,
      speedup: baseline ? { coldStart: baseline.totalMs.median / coldStartMs, hubPhase: baseline.totalMs.median / hubPhaseMs } : null,
      targets: {
        roundTripsMax: 2,
        roundTripsMet: worstRoundTrips <= 2,
        // One page each here (the emulator's default page holds 1000 Spaces).
        oneListPerAccountMet: listRequests === hub.scenario.watch.length,
      },
    };
  } finally {
    await tap.close();
    await hub.close();
  }
}

