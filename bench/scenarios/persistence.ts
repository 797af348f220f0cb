import { STATUS_BAR_SLOTS, type IncidentsResponse, type UptimeResponse } from '@hfd/contracts';
import type { HubEmulator } from '@hfd/hub-emulator';
import { openPersistence, type Persistence, type PersistenceOptions, type RollupRecord, type TransitionRecord } from '@hfd/persistence';
import { sseStream } from '@hfd/sse-client';
import { ScratchDatabases, getJson, type DatabaseKind } from '@hfd/test-support';
import { sql } from 'kysely';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import type { Subscription } from 'rxjs';
import { serverEnv, startBenchHub } from '../lib/hub';
import { quantileOf } from '../lib/percentiles';
import { ProcSampler, type ProcSummary } from '../lib/proc-stats';
import type { Measured, TargetCheck } from '../lib/results';
import type { Row } from '../lib/report';
import { spawnServer } from '../lib/server';
import { waitForInventory } from '../lib/stream-fleet';
import { monotonicMs } from '../lib/time';

/**
 * The history at fleet size, in the schema the server uses (migration 0003-history): 200
 * Spaces' stage transitions and per-minute metric rollups (hours made from them by the
 * server's own SQL) for 30 days, written through the real repositories and write queue (one
 * job per minute, 200 rows each), ending now. Then, on SQLite and on PostgreSQL:
 *
 * - the repositories' uptime query for one Space and for all of them;
 * - the built server on that database, warm: the data of a Space's page (uptime over four
 *   windows with its 24-hour bar, transitions, incidents and the 7-day chart, the four
 *   requests the page makes together) and the overview's uptime column (`GET /uptime` with
 *   every Space's 24-hour strip, as the dashboard asks);
 * - the cost of recording: the server's CPU at idle while 200 Spaces are watched (their Hub
 *   status streams and live metrics held, transitions and minute rollups recorded), and the
 *   writes of one minute of rollups for 200 Spaces timed on their own.
 *
 * Tables: `space_keys` (a small integer per Space, so the big tables do not repeat
 * `owner/name`), `stage_transitions` (a few per Space per day), `server_runs`, and
 * `metric_minutes` / `metric_hours` (integers only, primary key (space, slot), WITHOUT ROWID
 * on SQLite). Retention prunes all of them by time.
 */

export interface PersistenceBenchOptions {
  spaces: number;
  days: number;
  databases: readonly DatabaseKind[];
  /** The PostgreSQL server to use; the benchmark makes its own schema there and drops it. */
  postgresUrl: string;
  /** Queries and page loads timed. */
  uptimeRuns: number;
  /** Seconds the server's CPU is sampled while the fleet is watched. */
  idleSeconds?: number;
  serverEntry?: string;
  seed?: number;
}

export interface Timing {
  p50: number;
  p95: number;
  max: number;
}

export interface DatabaseBenchResult {
  kind: DatabaseKind;
  rows: { minutes: number; hours: number; stageChanges: number };
  /** Writing everything through the write queue, in simulated-time order. */
  writeSeconds: number;
  rowsPerSecond: number;
  /** SQLite: the database file after a checkpoint; PostgreSQL: the tables and their indexes. */
  sizeBytes: number;
  /** SQLite: opening the full file again (with its quick_check); null on PostgreSQL. */
  reopenMs: number | null;
  uptimeOne: Timing;
  uptimeAll: Timing;
  /** Mean uptime over the fleet, a sanity check that the query counts something. */
  meanUptime: number;
  /** The four requests of a Space's page, together, from the warm server. */
  spacePage: Timing;
  /** GET /uptime?windows=24h&bar=strip for every Space, as the dashboard asks (OVERVIEW_PATH). */
  overviewUptime: Timing;
  /** The server at idle with every Space watched. */
  idle: ProcSummary & { watched: number; statusStreams: number; metricStreams: number };
  /** CPU of writing one minute of rollups for every Space (and its share of an hour's roll-up), as % of one core. */
  recordingCpuPct: number;
  targets: { pageMet: boolean; overviewMet: boolean; recordingMet: boolean; sizeMet: boolean | null };
}

export interface PersistenceResult {
  spaces: number;
  days: number;
  databases: DatabaseBenchResult[];
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
const MIB = 2 ** 20;
const SECRET_KEY = 'bench-secret-key-0123456789abcdefghijklmnop';
const API_KEY = 'bench-api-key-0123456789';
/** The server's limit of Spaces a viewer may watch per stream (MAX_STATUS_WATCHED_PER_VIEWER). */
const WATCHED_PER_STREAM = 5;

/** What the dashboard asks for its cards' uptime and strips, each minute (HistoryApiService.fleetUptime). */
const OVERVIEW_PATH = '/uptime?windows=24h&bar=strip';

export const TARGETS = { spacePageMs: 100, overviewMs: 150, recordingCpuPct: 5, sqliteBytes: 500 * 2 ** 20 } as const;

/** Deterministic noise in [0, 1) from two numbers: the same data on every run, no generator state. */
function noise(a: number, b: number): number {
  const x = Math.sin(a * 12.9898 + b * 78.233) * 43_758.5453;
  return x - Math.floor(x);
}

/** A Space's load in one minute: a daily rhythm, its own size, and some noise; every fourth Space mostly idle. */
function minuteRow(spaceId: string, space: number, slot: number): RollupRecord {
  const daily = 0.5 + 0.5 * Math.sin((2 * Math.PI * (slot % 1440)) / 1440 + space);
  const idle = space % 4 === 0 && noise(space, slot) < 0.9;
  const busy = idle ? 0 : daily * (0.3 + 0.7 * noise(slot, space));
  const cpu = Math.round(busy * 1000);
  const mem = 256 + (space % 16) * 128 + Math.round(busy * 512);
  const rx = Math.round(busy * 80_000);
  const tx = Math.round(busy * 30_000);
  // A minute's spread around its mean, as about sixty samples give.
  return {
    spaceId,
    slot,
    cpu_min: Math.round(cpu * 0.7),
    cpu_avg: cpu,
    cpu_max: Math.min(1000, Math.round(cpu * 1.3)),
    mem_min: mem - 8,
    mem_avg: mem,
    mem_max: mem + 8,
    rx_min: Math.round(rx * 0.5),
    rx_avg: rx,
    rx_max: rx * 2,
    tx_min: Math.round(tx * 0.5),
    tx_avg: tx,
    tx_max: tx * 2,
  };
}

/** What the server records for a stage (its availability rule, for the stages this data uses). */
function stateOf(stage: string, source: string): string {
  if (stage === 'RUNNING' || stage === 'SLEEPING') return 'up';
  if (stage === 'PAUSED') return source === 'action' ? 'up' : 'down';
  return 'down';
}

/** The period's stage changes of every Space: mostly running or asleep, with builds, errors and pauses, about every 3 hours. */
function stageChanges(ids: readonly string[], start: number, end: number): TransitionRecord[] {
  const changes: TransitionRecord[] = [];
  ids.forEach((spaceId, space) => {
    // Each Space's first change is before the window, so its state at the start is known.
    let at = start - Math.round(noise(space, 1) * 6 * HOUR_MS);
    let from: string | null = null;
    for (let i = 0; at < end; i++) {
      const roll = noise(space, i + 2);
      const stage = roll < 0.55 ? 'RUNNING' : roll < 0.8 ? 'SLEEPING' : roll < 0.9 ? 'BUILDING' : roll < 0.96 ? 'RUNTIME_ERROR' : 'PAUSED';
      const source = i % 7 === 0 ? 'action' : 'refresh';
      changes.push({ spaceId, at, from, to: stage, source, actor: source === 'action' ? 'admin' : null, state: stateOf(stage, source) });
      from = stage;
      at += Math.round((0.2 + 1.6 * noise(i, space)) * 3 * HOUR_MS);
    }
  });
  return changes.sort((a, b) => a.at - b.at);
}

function timing(values: readonly number[]): Timing {
  const round = (value: number) => Math.round(value * 100) / 100;
  return { p50: round(quantileOf(values, 0.5)), p95: round(quantileOf(values, 0.95)), max: round(Math.max(...values)) };
}

async function sizeOf(persistence: Persistence, kind: DatabaseKind, file: string | null): Promise<number> {
  if (kind === 'sqlite' && file) {
    await sql`PRAGMA wal_checkpoint(TRUNCATE)`.execute(persistence.db);
    return statSync(file).size;
  }
  const { rows } = await sql<{ bytes: number }>`
    SELECT CAST(SUM(pg_total_relation_size(c.oid)) AS BIGINT) AS bytes
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = current_schema() AND c.relkind = 'r'`.execute(persistence.db);
  return Number(rows[0]?.bytes ?? 0);
}

/** Writes the period through the write queue as the server would: a job per minute, hours rolled up in SQL, transitions as they fall due. */
async function writeHistory(persistence: Persistence, ids: readonly string[], start: number, days: number, log: (line: string) => void, kind: string) {
  const changes = stageChanges(ids, start, start + days * DAY_MS);
  const written = { minutes: 0, hours: 0, stageChanges: 0 };
  const started = monotonicMs();
  let nextChange = 0;
  const firstHour = start / HOUR_MS;
  for (let hour = firstHour; hour < firstHour + days * 24; hour++) {
    for (let slot = hour * 60; slot < (hour + 1) * 60; slot++) {
      persistence.rollups.recordMinutes(ids.map((spaceId, space) => minuteRow(spaceId, space, slot)));
      written.minutes += ids.length;
    }
    persistence.rollups.rollUpHour(hour);
    written.hours += ids.length;
    const due: TransitionRecord[] = [];
    while (nextChange < changes.length && changes[nextChange].at < (hour + 1) * HOUR_MS) due.push(changes[nextChange++]);
    persistence.history.record(due);
    written.stageChanges += due.length;
    // A simulated hour at a time, so the queue stays far below its bound.
    await persistence.writes.drained();
    if ((hour - firstHour + 1) % (24 * 5) === 0) log(`  ${kind}: ${(hour - firstHour + 1) / 24} of ${days} days written (${Math.round((monotonicMs() - started) / 1000)} s)`);
  }
  return { written, writeSeconds: (monotonicMs() - started) / 1000 };
}

/** CPU (user + system) of this process while one minute of rollups for every Space is written, and a sixtieth of an hour's roll-up. */
async function recordingCost(persistence: Persistence, ids: readonly string[], minutes: number): Promise<number> {
  // Slots after the written period, so nothing collides.
  const base = Math.floor(Date.now() / MINUTE_MS) + 10_000;
  const before = process.cpuUsage();
  for (let minute = 0; minute < minutes; minute++) {
    persistence.rollups.recordMinutes(ids.map((spaceId, space) => minuteRow(spaceId, space, base + minute)));
    await persistence.writes.drained();
  }
  persistence.rollups.rollUpHour(Math.floor((base * MINUTE_MS) / HOUR_MS));
  await persistence.writes.drained();
  const used = process.cpuUsage(before);
  // A minute of wall time per minute of rollups: the share of one core.
  return ((used.user + used.system) / 1000 / minutes / MINUTE_MS) * 100;
}

async function timeRequests(urls: readonly string[], headers: Record<string, string>): Promise<number> {
  const t0 = monotonicMs();
  await Promise.all(
    urls.map(async (url) => {
      const response = await fetch(url, { headers });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      await response.arrayBuffer();
    }),
  );
  return monotonicMs() - t0;
}

async function measureServer(
  hub: HubEmulator,
  env: Record<string, string>,
  ids: readonly string[],
  options: PersistenceBenchOptions,
  log: (line: string) => void,
): Promise<Pick<DatabaseBenchResult, 'spacePage' | 'overviewUptime' | 'idle'>> {
  const server = await spawnServer({ ...serverEnv(hub, hub.url, env), API_KEY, REFRESH_INTERVAL: '30s' }, options.serverEntry);
  const headers = { Authorization: `Bearer ${API_KEY}` };
  const streams: Subscription[] = [];
  try {
    await server.waitUntilReady();
    await waitForInventory(server);
    const api = `${server.url}/api/v1`;
    const pageUrls = (id: string) => [`${api}/spaces/${id}/uptime`, `${api}/spaces/${id}/history`, `${api}/spaces/${id}/incidents`, `${api}/spaces/${id}/metrics?range=7d`];
    // Warm: every statement prepared, the pages of the first Spaces in the caches.
    for (const id of ids.slice(0, 5)) await timeRequests(pageUrls(id), headers);
    await timeRequests([`${api}${OVERVIEW_PATH}`], headers);
    const page: number[] = [];
    const overview: number[] = [];
    for (let run = 0; run < options.uptimeRuns; run++) {
      page.push(await timeRequests(pageUrls(ids[(run * 37) % ids.length]), headers));
      overview.push(await timeRequests([`${api}${OVERVIEW_PATH}`], headers));
    }
    const fleet = await getJson<UptimeResponse>(`${api}${OVERVIEW_PATH}`, { headers });
    if (fleet.spaces.length !== ids.length) throw new Error(`GET /uptime answered ${fleet.spaces.length} Spaces, not ${ids.length}`);
    if (fleet.spaces.some((space) => space.strip?.states.length !== STATUS_BAR_SLOTS)) throw new Error(`GET ${OVERVIEW_PATH} answered a Space without its strip of ${STATUS_BAR_SLOTS} slots`);
    const incidents = await getJson<IncidentsResponse>(`${api}/incidents`, { headers });
    log(`  server: page p95 ${timing(page).p95} ms, overview p95 ${timing(overview).p95} ms, ${incidents.incidents.length} incidents in 30 days`);

    // Every Space watched, as by viewers of their pages: the server holds each one's status stream and live metrics.
    for (let i = 0; i < ids.length; i += WATCHED_PER_STREAM) {
      const spaces = ids.slice(i, i + WATCHED_PER_STREAM).join(',');
      streams.push(sseStream(() => ({ url: `${api}/stream?spaces=${spaces}&watch=true`, init: { headers } })).subscribe({ error: () => undefined }));
    }
    const deadline = Date.now() + 60_000;
    while (hub.counters.openStreams({ kind: 'status' }) < ids.length && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    // Past the first minute's flush, so a write of rollups falls inside the window.
    await new Promise((resolve) => setTimeout(resolve, 5000));
    const sampler = new ProcSampler(server.pid);
    sampler.start();
    await new Promise((resolve) => setTimeout(resolve, (options.idleSeconds ?? 60) * 1000));
    const idle = sampler.stop();
    return {
      spacePage: timing(page),
      overviewUptime: timing(overview),
      idle: { ...idle, watched: ids.length, statusStreams: hub.counters.openStreams({ kind: 'status' }), metricStreams: hub.counters.openStreams({ kind: 'metrics' }) },
    };
  } finally {
    for (const stream of streams) stream.unsubscribe();
    await server.stop();
  }
}

async function runOn(kind: DatabaseKind, hub: HubEmulator, options: PersistenceBenchOptions, log: (line: string) => void): Promise<DatabaseBenchResult> {
  const scratch = new ScratchDatabases(kind, options.postgresUrl);
  const target = await scratch.create();
  const failures: unknown[] = [];
  const openOptions: PersistenceOptions =
    target.kind === 'sqlite'
      ? { kind: 'sqlite', dataDir: target.dataDir, secretKey: SECRET_KEY, onWriteFailure: (_label, error) => failures.push(error) }
      : { kind: 'postgres', url: target.url, secretKey: SECRET_KEY, onWriteFailure: (_label, error) => failures.push(error) };
  const ids = hub.scenario.spaces.map((space) => space.id);
  // Whole hours, ending at the last whole hour: the server reads it with the real clock.
  const start = Math.floor(Date.now() / HOUR_MS) * HOUR_MS - options.days * DAY_MS;
  let persistence = await openPersistence(openOptions);
  try {
    const { written, writeSeconds } = await writeHistory(persistence, ids, start, options.days, log, kind);
    if (failures.length > 0) throw new Error(`${failures.length} writes failed: ${String(failures[0])}`);
    const file = target.kind === 'sqlite' ? join(target.dataDir, 'hf-dashboard.db') : null;
    const sizeBytes = await sizeOf(persistence, kind, file);
    let reopenMs: number | null = null;
    if (kind === 'sqlite') {
      await persistence.close();
      const reopening = monotonicMs();
      persistence = await openPersistence(openOptions);
      reopenMs = Math.round(monotonicMs() - reopening);
    }

    // The repositories' uptime over the whole period, for one Space and for all.
    const from = start;
    const to = start + options.days * DAY_MS;
    const one: number[] = [];
    const all: number[] = [];
    let meanUptime = 0;
    for (let run = 0; run < options.uptimeRuns; run++) {
      const t0 = monotonicMs();
      const single = await persistence.history.sums([ids[(run * 37) % ids.length]], from, to);
      one.push(monotonicMs() - t0);
      if (single.size !== 1) throw new Error(`uptime of one Space answered ${single.size} rows`);
      const t1 = monotonicMs();
      const fleet = await persistence.history.sums(null, from, to);
      all.push(monotonicMs() - t1);
      if (fleet.size !== ids.length) throw new Error(`uptime of every Space answered ${fleet.size} rows, not ${ids.length}`);
      meanUptime = [...fleet.values()].reduce((sum, sums) => sum + sums.upMs / Math.max(1, sums.upMs + sums.downMs), 0) / fleet.size;
    }
    const recordingCpuPct = await recordingCost(persistence, ids, 10);
    await persistence.close();

    const env: Record<string, string> =
      target.kind === 'sqlite' ? { DATA_DIR: target.dataDir, SECRET_KEY } : { DATABASE_URL: target.url, SECRET_KEY };
    const served = await measureServer(hub, env, ids, options, log);
    const uptimeOne = timing(one);
    const uptimeAll = timing(all);
    const totalRows = written.minutes + written.hours + written.stageChanges;
    return {
      kind,
      rows: written,
      writeSeconds: Math.round(writeSeconds * 10) / 10,
      rowsPerSecond: Math.round(totalRows / writeSeconds),
      sizeBytes,
      reopenMs,
      uptimeOne,
      uptimeAll,
      meanUptime: Math.round(meanUptime * 1000) / 1000,
      ...served,
      recordingCpuPct: Math.round(recordingCpuPct * 1000) / 1000,
      targets: {
        pageMet: served.spacePage.p95 < TARGETS.spacePageMs,
        overviewMet: served.overviewUptime.p95 < TARGETS.overviewMs,
        recordingMet: recordingCpuPct < TARGETS.recordingCpuPct,
        sizeMet: kind === 'sqlite' ? sizeBytes < TARGETS.sqliteBytes : null,
      },
    };
  } finally {
    await persistence.close();
    await scratch.dropAll();
  }
}

export async function runPersistence(options: PersistenceBenchOptions, log: (line: string) => void): Promise<PersistenceResult> {
  // Every Space runs and is public, so each has live metrics to roll up; ten accounts.
  const accounts = Math.max(1, Math.min(10, options.spaces));
  const hub = await startBenchHub({
    scenario: { accounts, spacesPerAccount: Math.ceil(options.spaces / accounts), privateShare: 0, seed: options.seed ?? 42, stageWeights: { RUNNING: 1 } },
    latencyMs: 0,
    unlimited: true,
  });
  const databases: DatabaseBenchResult[] = [];
  try {
    for (const kind of options.databases) {
      log(`  ${kind}: writing ${hub.scenario.spaces.length} Spaces × ${options.days} days…`);
      const result = await runOn(kind, hub, options, log);
      log(
        `  ${kind}: ${result.rows.minutes} minute rows in ${result.writeSeconds} s, ${(result.sizeBytes / MIB).toFixed(0)} MB; page p95 ${result.spacePage.p95} ms, overview p95 ${result.overviewUptime.p95} ms, idle CPU ${result.idle.cpuPctMean.toFixed(1)} %, recording ${result.recordingCpuPct} %`,
      );
      databases.push(result);
    }
  } finally {
    await hub.close();
  }
  return { spaces: hub.scenario.spaces.length, days: options.days, databases };
}

const mb = (bytes: number) => `${(bytes / MIB).toFixed(0)} MB`;
const status = (met: boolean): Row['status'] => (met ? 'met' : 'MISSED');
const ms = (t: Timing) => `${t.p50} / ${t.p95} / ${t.max} ms`;

export function persistenceRows(m: Measured<PersistenceResult>): Row[] {
  const r = m.result;
  const rows: Row[] = [];
  for (const d of r.databases) {
    const scenario = `History: ${r.spaces} Spaces × ${r.days} days on ${d.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`;
    rows.push(
      { scenario, measure: `(load ${m.loadAverage.join(' / ')})`, result: '', target: '', status: '' },
      { scenario, measure: 'Rows written (minute rollups, hour rollups, stage changes)', result: `${d.rows.minutes}, ${d.rows.hours}, ${d.rows.stageChanges}`, target: '', status: '' },
      { scenario, measure: 'Written through the write queue (one job per minute)', result: `${d.writeSeconds} s, ${d.rowsPerSecond} rows/s`, target: '', status: '' },
      {
        scenario,
        measure: d.kind === 'sqlite' ? 'Database file' : 'Tables and indexes',
        result: mb(d.sizeBytes),
        target: d.kind === 'sqlite' ? '< 500 MB' : '',
        status: d.targets.sizeMet === null ? '' : status(d.targets.sizeMet),
      },
      ...(d.reopenMs === null ? [] : [{ scenario, measure: 'Opening it again (with quick_check)', result: `${d.reopenMs} ms`, target: '', status: '' as const }]),
      { scenario, measure: `${r.days}-day uptime query, one Space, p50 / p95 / max`, result: ms(d.uptimeOne), target: '', status: '' },
      { scenario, measure: `${r.days}-day uptime query, all ${r.spaces}, p50 / p95 / max`, result: `${ms(d.uptimeAll)} (mean uptime ${(d.meanUptime * 100).toFixed(1)} %)`, target: '', status: '' },
      { scenario, measure: "A Space's page data from the warm server (uptime ×4 with the bar, transitions, incidents, 7-day chart), p50 / p95 / max", result: ms(d.spacePage), target: '< 100 ms', status: status(d.targets.pageMet) },
      { scenario, measure: `The overview's uptime column with strips, all ${r.spaces}, p50 / p95 / max`, result: ms(d.overviewUptime), target: '< 150 ms', status: status(d.targets.overviewMet) },
      {
        scenario,
        measure: `Server at idle, all ${d.idle.watched} watched (${d.idle.statusStreams} status and ${d.idle.metricStreams} metric streams), CPU mean / max`,
        result: `${d.idle.cpuPctMean.toFixed(1)} % / ${d.idle.cpuPctMax.toFixed(1)} % of a core`,
        target: '',
        status: '',
      },
      { scenario, measure: `Recording one minute of rollups for all ${r.spaces} (and an hour's roll-up), CPU`, result: `${d.recordingCpuPct} % of a core`, target: '< 5 %', status: status(d.targets.recordingMet) },
    );
  }
  return rows;
}

export function persistenceChecks(r: PersistenceResult): TargetCheck[] {
  return r.databases.flatMap((d) => {
    const scenario = `history on ${d.kind}`;
    const checks: TargetCheck[] = [
      { scenario, target: "a Space's page data < 100 ms (p95)", measured: `${d.spacePage.p95} ms`, met: d.targets.pageMet, note: '' },
      { scenario, target: `the overview's uptime column for ${r.spaces} Spaces < 150 ms (p95)`, measured: `${d.overviewUptime.p95} ms`, met: d.targets.overviewMet, note: '' },
      { scenario, target: `recording for ${r.spaces} watched Spaces < 5 % CPU`, measured: `${d.recordingCpuPct} %`, met: d.targets.recordingMet, note: `server at idle with all watched: ${d.idle.cpuPctMean.toFixed(1)} %` },
    ];
    if (d.targets.sizeMet !== null) checks.push({ scenario, target: 'SQLite file < 500 MB', measured: mb(d.sizeBytes), met: d.targets.sizeMet, note: '' });
    return checks;
  });
}
