import type { SpacesListResponse } from '@hfd/contracts';
import { ServerProcess, WORKSPACE_ROOT, httpRequest, sleep } from '@hfd/test-support';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { serverEnv, startBenchHub } from '../lib/hub';
import { httpLoad } from '../lib/http-load';
import { median, spreadOf, type Spread } from '../lib/percentiles';
import { readProc } from '../lib/proc-stats';
import { spawnServer } from '../lib/server';

export interface ListOptions {
  /** Spaces in all, 40 per account, all public: every client gets every one. */
  spaces: number;
  clients: number;
  durationSeconds: number;
  /** Before each measured run, the same load unmeasured. */
  warmupSeconds: number;
  runs: number;
  seed: number;
  serverEntry?: string;
}

export interface ListRun {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  /** Body and headers per answer, as the client received them. */
  bytesPerAnswer: number;
  errors: number;
  /** Answers other than 200. */
  non200: number;
  /** % of one core over the run. */
  serverCpuPct: number;
  loadGeneratorCpuPct: number;
}

export interface ListSide {
  runs: ListRun[];
  requestsPerSecond: Spread;
  p50Ms: Spread;
  p99Ms: Spread;
  /** `Content-Encoding` of the answer, null when it came as it is. */
  contentEncoding: string | null;
  bytesPerAnswer: number;
  /** Medians over the runs, % of one core: near 100 % for the load generator, it was the bottleneck. */
  serverCpuPct: number;
  loadGeneratorCpuPct: number;
}

export interface ListVariant {
  /** What the clients sent as `Accept-Encoding` (null: no such header, as curl and most scripts). */
  acceptEncoding: string | null;
  ours: ListSide;
  original: ListSide;
  /** Our median throughput ÷ the original's. */
  throughputRatio: number;
  /** Met only when every one of our answers was a 200: a fast error is not an answer. */
  throughputMet: boolean;
  p99Met: boolean;
}

export interface ListResult {
  spaces: number;
  clients: number;
  durationSeconds: number;
  runs: number;
  /** RSS once ready and warm, before any load: the least of three readings a second apart. */
  idleRssBytes: { ours: number; original: number };
  rssMaxBytes: { ours: number; original: number };
  variants: ListVariant[];
  targets: { throughputRatioMin: number; p99MaxMs: number; idleRssMaxBytes: number; idleRssMet: boolean };
}

const OUR_PATH = '/api/v1/spaces';
const ORIGINAL_PATH = '/api/proxy/spaces';
/** No header (scripts, curl), and what a browser sends. */
const ACCEPT_ENCODINGS: ReadonlyArray<string | null> = [null, 'gzip, deflate, br, zstd'];
const TARGETS = { throughputRatioMin: 2, p99MaxMs: 25, idleRssMaxBytes: 110 * 2 ** 20 };

/** The original's server as plain JavaScript under tmp/, where `require('express')` finds the workspace's. */
function writeOriginalServer(): string {
  const source = readFileSync(join(WORKSPACE_ROOT, 'bench/scenarios/original-list-server.ts'), 'utf8');
  const { outputText } = ts.transpileModule(source, {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
  });
  const directory = join(WORKSPACE_ROOT, 'tmp/bench-original');
  mkdirSync(directory, { recursive: true });
  const entry = join(directory, 'server.js');
  writeFileSync(entry, outputText);
  return entry;
}

async function ourInventoryComplete(server: ServerProcess, spaces: number): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const reply = await httpRequest(`${server.url}${OUR_PATH}`, { timeoutMs: 30_000 });
    if (reply.status === 200) {
      const list = JSON.parse(reply.text) as SpacesListResponse;
      if (list.spaces.length === spaces && list.accounts.every((account) => account.fetchedAt !== null && account.error === null)) return;
    }
    await sleep(100);
  }
  throw new Error(`No complete inventory of ${spaces} Spaces within 60 s\n${server.describe()}`);
}

async function idleRss(pid: number): Promise<number> {
  const readings: number[] = [];
  for (let i = 0; i < 3; i++) {
    await sleep(1000);
    readings.push(readProc(pid).rssBytes);
  }
  return Math.min(...readings);
}

async function load(url: string, clients: number, seconds: number, acceptEncoding: string | null, pid: number): Promise<ListRun> {
  const headers: Record<string, string> = acceptEncoding === null ? {} : { 'accept-encoding': acceptEncoding };
  const serverBefore = readProc(pid);
  const ownBefore = process.cpuUsage();
  const result = await httpLoad({ url, connections: clients, durationSeconds: seconds, headers });
  const serverAfter = readProc(pid);
  const own = process.cpuUsage(ownBefore);
  const wallMs = serverAfter.at - serverBefore.at;
  return {
    requestsPerSecond: result.answers / result.durationSeconds,
    p50Ms: result.p50Ms,
    p99Ms: result.p99Ms,
    bytesPerAnswer: result.answers > 0 ? result.bytes / result.answers : 0,
    errors: result.errors,
    non200: Object.entries(result.statusCodes)
      .filter(([code]) => code !== '200')
      .reduce((sum, [, count]) => sum + count, 0),
    serverCpuPct: ((serverAfter.cpuMs - serverBefore.cpuMs) / wallMs) * 100,
    loadGeneratorCpuPct: ((own.user + own.system) / 1000 / wallMs) * 100,
  };
}

/** `Content-Encoding` of one answer to these headers. */
async function encodingOf(url: string, acceptEncoding: string | null): Promise<string | null> {
  const reply = await httpRequest(url, { headers: acceptEncoding === null ? {} : { 'Accept-Encoding': acceptEncoding } });
  const encoding = reply.headers['content-encoding'];
  return typeof encoding === 'string' ? encoding : null;
}

/**
 * `GET /api/v1/spaces`, warm, from K keep-alive clients, against the original's approach in the
 * same run and against the same emulator (its Express app answering `res.json` from its cache:
 * original-list-server.ts). Runs alternate between the two servers, so both see the same
 * machine; each figure is the median of the runs with their min and max.
 */
export async function runList(options: ListOptions, log: (line: string) => void): Promise<ListResult> {
  const accounts = Math.max(1, Math.round(options.spaces / 40));
  // Neither server reads the Hub while it is measured (the original's cache lasts 5 minutes, our
  // refresh runs in the background), so the Hub answers at once, which also keeps the original's
  // 200 sequential reads short.
  const hub = await startBenchHub({ scenario: { accounts, spacesPerAccount: Math.round(options.spaces / accounts), privateShare: 0, seed: options.seed }, latencyMs: 0, unlimited: true });
  const spaces = hub.scenario.spaces.length;
  const ours = await spawnServer(serverEnv(hub, hub.url), options.serverEntry);
  let original: ServerProcess | null = null;
  try {
    await ours.waitUntilReady();
    await ourInventoryComplete(ours, spaces);
    original = await ServerProcess.start({ entry: writeOriginalServer(), env: { HF_ENDPOINT: hub.url, HF_USER: serverEnv(hub, hub.url)['HF_USER'] ?? '' }, readyPath: ORIGINAL_PATH });
    const sides = { ours: { server: ours, url: `${ours.url}${OUR_PATH}` }, original: { server: original, url: `${original.url}${ORIGINAL_PATH}` } };
    const idleRssBytes = { ours: await idleRss(ours.pid), original: await idleRss(original.pid) };
    log(`  idle RSS: ours ${(idleRssBytes.ours / 2 ** 20).toFixed(0)} MB, original ${(idleRssBytes.original / 2 ** 20).toFixed(0)} MB`);
    const rssMaxBytes = { ours: idleRssBytes.ours, original: idleRssBytes.original };
    const variants: ListVariant[] = [];
    for (const acceptEncoding of ACCEPT_ENCODINGS) {
      const runs: Record<'ours' | 'original', ListRun[]> = { ours: [], original: [] };
      for (let i = 0; i < options.runs; i++) {
        for (const name of ['ours', 'original'] as const) {
          const side = sides[name];
          if (options.warmupSeconds > 0) await load(side.url, options.clients, options.warmupSeconds, acceptEncoding, side.server.pid);
          const run = await load(side.url, options.clients, options.durationSeconds, acceptEncoding, side.server.pid);
          rssMaxBytes[name] = Math.max(rssMaxBytes[name], readProc(side.server.pid).rssBytes);
          runs[name].push(run);
          log(
            `  ${acceptEncoding === null ? 'no Accept-Encoding' : `Accept-Encoding: ${acceptEncoding}`}, run ${i + 1}/${options.runs}, ${name}: ${run.requestsPerSecond.toFixed(0)} req/s, p50 ${run.p50Ms} ms, p99 ${run.p99Ms} ms, ${(run.bytesPerAnswer / 1024).toFixed(1)} KB per answer, server ${run.serverCpuPct.toFixed(0)} % of a core, load generator ${run.loadGeneratorCpuPct.toFixed(0)} %${run.errors + run.non200 > 0 ? `, ${run.errors} errors, ${run.non200} non-200` : ''}`,
          );
        }
      }
      const side = async (name: 'ours' | 'original'): Promise<ListSide> => ({
        runs: runs[name],
        requestsPerSecond: spreadOf(runs[name].map((run) => run.requestsPerSecond)),
        p50Ms: spreadOf(runs[name].map((run) => run.p50Ms)),
        p99Ms: spreadOf(runs[name].map((run) => run.p99Ms)),
        contentEncoding: await encodingOf(sides[name].url, acceptEncoding),
        bytesPerAnswer: median(runs[name].map((run) => run.bytesPerAnswer)),
        serverCpuPct: median(runs[name].map((run) => run.serverCpuPct)),
        loadGeneratorCpuPct: median(runs[name].map((run) => run.loadGeneratorCpuPct)),
      });
      const oursSide = await side('ours');
      const originalSide = await side('original');
      const clean = oursSide.runs.every((run) => run.errors === 0 && run.non200 === 0);
      const throughputRatio = oursSide.requestsPerSecond.median / originalSide.requestsPerSecond.median;
      variants.push({
        acceptEncoding,
        ours: oursSide,
        original: originalSide,
        throughputRatio,
        throughputMet: clean && throughputRatio >= TARGETS.throughputRatioMin,
        p99Met: clean && oursSide.p99Ms.median < TARGETS.p99MaxMs,
      });
    }
    return {
      spaces,
      clients: options.clients,
      durationSeconds: options.durationSeconds,
      runs: options.runs,
      idleRssBytes,
      rssMaxBytes,
      variants,
      targets: { ...TARGETS, idleRssMet: idleRssBytes.ours <= TARGETS.idleRssMaxBytes },
    };
  } finally {
    await original?.stop();
    await ours.stop();
    await hub.close();
  }
}
