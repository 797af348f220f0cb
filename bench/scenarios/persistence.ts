import { openPersistence, type Database, type Persistence, type PersistenceOptions } from '@hfd/persistence';
import { ScratchDatabases, type DatabaseKind } from '@hfd/test-support';
import { sql, type Kysely } from 'kysely';
import { statSync } from 'node:fs';
import { join } from 'node:path';
import { quantileOf } from '../lib/percentiles';
import type { Measured } from '../lib/results';
import type { Row } from '../lib/report';
import type { TargetCheck } from '../lib/results';
import { monotonicMs } from '../lib/time';

/**
 * The state the next release stores, at fleet size: 200 Spaces' stage changes and per-minute
 * metric rollups (with per-hour rollups made from them) for 30 simulated days, written the way
 * the server writes (one write-queue job per minute, 200 rows each), then the 30-day uptime of
 * one Space and of all of them, on SQLite and on PostgreSQL.
 *
 * The tables are this benchmark's proposal for that release (they are not a migration yet):
 *
 * - `space_keys (key, space_id)`: a small integer per Space. The rollup tables are the only big
 *   ones (one row per Space per minute, 8.6 million for 200 Spaces over 30 days); a text id
 *   ("owner/name", about 25 bytes) in every row would cost about 200 MB of the 500 MB budget.
 *   The application assigns the keys (through the write queue, which serialises writes), so no
 *   dialect-specific identity column is needed.
 * - `metric_minutes (space_key, minute, cpu_min/avg/max, mem_min/avg/max, rx_…, tx_…)`: one
 *   row per Space per minute, integers only: CPU in tenths of a percent, memory in MiB,
 *   download and upload in bytes per second. SQLite stores small integers in 1 to 4 bytes and
 *   zero in none, so a row is about 45 bytes; per-minute rows (rather than an hour's minutes
 *   packed into one blob) are insert-only, crash-safe to the minute, and let SQL range over
 *   any window. The primary key (space_key, minute) is the only index: one Space's range is
 *   contiguous, and on SQLite the table is WITHOUT ROWID, so the key is not stored twice.
 * - `metric_hours`: the same per hour, made from the minutes, for 7-day charts.
 * - `stage_changes (space_key, at, stage, source)`: one row per change. Uptime is computed from
 *   these in SQL (a window function gives each change its end), a few thousand rows for a
 *   month, never from the rollups.
 *
 * Times are epoch milliseconds except `minute` and `hour` (epoch minutes and hours: 4 bytes,
 * not 6); retention prunes all of them by time.
 */

export interface PersistenceBenchOptions {
  spaces: number;
  days: number;
  databases: readonly DatabaseKind[];
  /** The PostgreSQL server to use; the benchmark makes its own schema there and drops it. */
  postgresUrl: string;
  /** Uptime queries timed, for one Space and for all. */
  uptimeRuns: number;
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
  targets: { oneMet: boolean; allMet: boolean; sizeMet: boolean | null };
}

export interface PersistenceResult {
  spaces: number;
  days: number;
  databases: DatabaseBenchResult[];
}

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
/** A fixed start, so every run writes the same data. */
const START_MS = Date.UTC(2026, 0, 1);
/** The stages in which a Space is where its owner wants it (sleeping is allowed here). */
const WANTED = ['RUNNING', 'SLEEPING'] as const;

export const TARGETS = { oneSpaceMs: 20, allSpacesMs: 200, sqliteBytes: 500 * 2 ** 20 } as const;

/** Deterministic noise in [0, 1) from two numbers: the same data on every run, no generator state. */
function noise(a: number, b: number): number {
  const x = Math.sin(a * 12.9898 + b * 78.233) * 43_758.5453;
  return x - Math.floor(x);
}

interface Minute {
  cpu: number;
  mem: number;
  rx: number;
  tx: number;
}

/** A Space's load in one minute: a daily rhythm, its own size, and some noise; every fourth Space mostly idle. */
function sampleMinute(space: number, minute: number): Minute {
  const daily = 0.5 + 0.5 * Math.sin((2 * Math.PI * (minute % 1440)) / 1440 + space);
  const idle = space % 4 === 0 && noise(space, minute) < 0.9;
  const busy = idle ? 0 : daily * (0.3 + 0.7 * noise(minute, space));
  return {
    cpu: Math.round(busy * 2000),
    mem: 256 + (space % 16) * 128 + Math.round(busy * 512),
    rx: Math.round(busy * 80_000),
    tx: Math.round(busy * 30_000),
  };
}

const METRICS = ['cpu', 'mem', 'rx', 'tx'] as const;
type Aggregates = Record<`${(typeof METRICS)[number]}_${'min' | 'avg' | 'max'}`, number>;

/** The proposed tables, as Kysely sees them. */
interface ProposedTables {
  space_keys: { key: number; space_id: string };
  metric_minutes: Aggregates & { space_key: number; minute: number };
  metric_hours: Aggregates & { space_key: number; hour: number };
  stage_changes: { space_key: number; at: number; stage: string; source: string };
}
type StageChange = ProposedTables['stage_changes'];

/** The proposed tables are not in this build's `Database`: the benchmark sees the same connection with its own types. */
function proposed(db: Kysely<Database>): Kysely<ProposedTables> {
  return db as unknown as Kysely<ProposedTables>;
}

function aggregates(samples: readonly Minute[]): Aggregates {
  const row = {} as Aggregates;
  for (const metric of METRICS) {
    const values = samples.map((sample) => sample[metric]);
    row[`${metric}_min`] = Math.min(...values);
    row[`${metric}_avg`] = Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);
    row[`${metric}_max`] = Math.max(...values);
  }
  return row;
}

/** A month of stage changes per Space: mostly running or asleep, with builds, errors and pauses. */
function stageChanges(spaces: number, days: number): StageChange[] {
  const changes: StageChange[] = [];
  const end = START_MS + days * 24 * HOUR_MS;
  for (let space = 0; space < spaces; space++) {
    // Each Space's first change is before the window, so its state at the start is known.
    let at = START_MS - Math.round(noise(space, 1) * 6 * HOUR_MS);
    for (let i = 0; at < end; i++) {
      const roll = noise(space, i + 2);
      const stage = roll < 0.55 ? 'RUNNING' : roll < 0.8 ? 'SLEEPING' : roll < 0.9 ? 'BUILDING' : roll < 0.96 ? 'RUNTIME_ERROR' : 'PAUSED';
      changes.push({ space_key: space, at, stage, source: i % 7 === 0 ? 'action' : 'refresh' });
      // A change every 3 hours on average.
      at += Math.round((0.2 + 1.6 * noise(i, space)) * 3 * HOUR_MS);
    }
  }
  return changes.sort((a, b) => a.at - b.at);
}

const METRIC_COLUMNS = METRICS.flatMap((metric) => [`${metric}_min`, `${metric}_avg`, `${metric}_max`]);

/** The proposed tables. WITHOUT ROWID is SQLite's only: it keeps the table in its key's order with no second copy of the key. */
async function createProposedTables(db: Kysely<Database>, kind: DatabaseKind): Promise<void> {
  const schema = db.schema;
  const withoutRowid = <T extends { modifyEnd(modifier: ReturnType<typeof sql>): T }>(builder: T): T => (kind === 'sqlite' ? builder.modifyEnd(sql`without rowid`) : builder);
  await schema
    .createTable('space_keys')
    .addColumn('key', 'integer', (column) => column.primaryKey())
    .addColumn('space_id', 'text', (column) => column.notNull().unique())
    .execute();
  for (const [table, slot] of [
    ['metric_minutes', 'minute'],
    ['metric_hours', 'hour'],
  ] as const) {
    let builder = schema.createTable(table).addColumn('space_key', 'integer', (column) => column.notNull()).addColumn(slot, 'integer', (column) => column.notNull());
    for (const column of METRIC_COLUMNS) builder = builder.addColumn(column, 'integer', (c) => c.notNull());
    await withoutRowid(builder.addPrimaryKeyConstraint(`${table}_pk`, ['space_key', slot])).execute();
  }
  await withoutRowid(
    schema
      .createTable('stage_changes')
      .addColumn('space_key', 'integer', (column) => column.notNull())
      .addColumn('at', 'bigint', (column) => column.notNull())
      .addColumn('stage', 'text', (column) => column.notNull())
      .addColumn('source', 'text', (column) => column.notNull())
      .addPrimaryKeyConstraint('stage_changes_pk', ['space_key', 'at']),
  ).execute();
}

/**
 * The share of [from, to) each Space spent in a wanted stage, in SQL that runs unchanged on
 * both databases: LEAD gives each change its end, the change in force at `from` is found with
 * one index seek per Space, and the overlap with the window is clipped with CASE (SQLite's
 * scalar MIN/MAX and PostgreSQL's LEAST/GREATEST differ). Time before a Space's first known
 * change counts as unknown, not up.
 */
async function uptime(db: Kysely<Database>, from: number, to: number, spaceKey: number | null): Promise<Array<{ space_key: number; up_ms: number }>> {
  const only = spaceKey === null ? sql`` : sql`AND c.space_key = ${sql.lit(spaceKey)}`;
  const wanted = sql.join(WANTED.map((stage) => sql.lit(stage)));
  const result = await sql<{ space_key: number; up_ms: number }>`
    WITH spans AS (
      SELECT c.space_key, c.at, c.stage, LEAD(c.at) OVER (PARTITION BY c.space_key ORDER BY c.at) AS next_at
      FROM stage_changes c
      WHERE c.at < ${sql.lit(to)} ${only}
        AND c.at >= COALESCE((SELECT MAX(p.at) FROM stage_changes p WHERE p.space_key = c.space_key AND p.at <= ${sql.lit(from)}), ${sql.lit(from)})
    )
    SELECT space_key, CAST(SUM(CASE WHEN stage IN (${wanted}) THEN
        (CASE WHEN COALESCE(next_at, ${sql.lit(to)}) < ${sql.lit(to)} THEN COALESCE(next_at, ${sql.lit(to)}) ELSE ${sql.lit(to)} END)
      - (CASE WHEN at > ${sql.lit(from)} THEN at ELSE ${sql.lit(from)} END)
      ELSE 0 END) AS BIGINT) AS up_ms
    FROM spans
    GROUP BY space_key`.execute(db);
  return result.rows;
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
  return rows[0]?.bytes ?? 0;
}

async function runOn(kind: DatabaseKind, options: PersistenceBenchOptions, log: (line: string) => void): Promise<DatabaseBenchResult> {
  const scratch = new ScratchDatabases(kind, options.postgresUrl);
  const target = await scratch.create();
  const failures: unknown[] = [];
  const openOptions: PersistenceOptions =
    target.kind === 'sqlite'
      ? { kind: 'sqlite', dataDir: target.dataDir, onWriteFailure: (_label, error) => failures.push(error) }
      : {
          kind: 'postgres',
          url: target.url,
          secretKey: 'bench-secret-key-0123456789abcdefghijklmnop',
          onWriteFailure: (_label, error) => failures.push(error),
        };
  let persistence = await openPersistence(openOptions);
  try {
    await createProposedTables(persistence.db, kind);
    const changes = stageChanges(options.spaces, options.days);
    const minutes = options.days * 24 * 60;
    const written = { minutes: 0, hours: 0, stageChanges: 0 };
    const started = monotonicMs();
    const keys = Array.from({ length: options.spaces }, (_, key) => ({ key, space_id: `owner-${key % 20}/space-${key}` }));
    persistence.writes.enqueue('space keys', (db) => proposed(db).insertInto('space_keys').values(keys).execute());
    let nextChange = 0;
    for (let hour = 0; hour < minutes / 60; hour++) {
      const hourSamples: Minute[][] = Array.from({ length: options.spaces }, () => []);
      for (let minute = hour * 60; minute < (hour + 1) * 60; minute++) {
        const epochMinute = START_MS / MINUTE_MS + minute;
        const rows = Array.from({ length: options.spaces }, (_, space) => {
          // One sample per minute here; the server folds the minute's samples (about one a second) the same way.
          const sample = sampleMinute(space, minute);
          hourSamples[space].push(sample);
          return { space_key: space, minute: epochMinute, ...aggregates([sample]) };
        });
        persistence.writes.enqueue('minute rollups', (db) => proposed(db).insertInto('metric_minutes').values(rows).execute());
        written.minutes += rows.length;
      }
      const hourRows = hourSamples.map((samples, space) => ({ space_key: space, hour: START_MS / HOUR_MS + hour, ...aggregates(samples) }));
      persistence.writes.enqueue('hour rollups', (db) => proposed(db).insertInto('metric_hours').values(hourRows).execute());
      written.hours += hourRows.length;
      const hourEnd = START_MS + (hour + 1) * HOUR_MS;
      const due: StageChange[] = [];
      while (nextChange < changes.length && changes[nextChange].at < hourEnd) due.push(changes[nextChange++]);
      if (due.length > 0) {
        persistence.writes.enqueue('stage changes', (db) => proposed(db).insertInto('stage_changes').values(due).execute());
        written.stageChanges += due.length;
      }
      // A simulated hour at a time, so the queue stays far below its bound.
      await persistence.writes.drained();
      if ((hour + 1) % (24 * 5) === 0) log(`  ${kind}: ${(hour + 1) / 24} of ${options.days} days written (${Math.round((monotonicMs() - started) / 1000)} s)`);
    }
    const writeSeconds = (monotonicMs() - started) / 1000;
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

    // The whole simulated period: 30 days at full size.
    const from = START_MS;
    const to = START_MS + options.days * 24 * HOUR_MS;
    const one: number[] = [];
    const all: number[] = [];
    let meanUptime = 0;
    for (let run = 0; run < options.uptimeRuns; run++) {
      const t0 = monotonicMs();
      const single = await uptime(persistence.db, from, to, (run * 37) % options.spaces);
      one.push(monotonicMs() - t0);
      if (single.length !== 1) throw new Error(`uptime of one Space answered ${single.length} rows`);
      const t1 = monotonicMs();
      const fleet = await uptime(persistence.db, from, to, null);
      all.push(monotonicMs() - t1);
      if (fleet.length !== options.spaces) throw new Error(`uptime of every Space answered ${fleet.length} rows, not ${options.spaces}`);
      meanUptime = fleet.reduce((sum, row) => sum + row.up_ms, 0) / fleet.length / (to - from);
    }
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
      targets: {
        oneMet: uptimeOne.p95 < TARGETS.oneSpaceMs,
        allMet: uptimeAll.p95 < TARGETS.allSpacesMs,
        sizeMet: kind === 'sqlite' ? sizeBytes < TARGETS.sqliteBytes : null,
      },
    };
  } finally {
    await persistence.close();
    await scratch.dropAll();
  }
}

export async function runPersistence(options: PersistenceBenchOptions, log: (line: string) => void): Promise<PersistenceResult> {
  const databases: DatabaseBenchResult[] = [];
  for (const kind of options.databases) {
    log(`  ${kind}: writing ${options.spaces} Spaces × ${options.days} days…`);
    const result = await runOn(kind, options, log);
    log(
      `  ${kind}: ${result.rows.minutes} minute rows in ${result.writeSeconds} s (${result.rowsPerSecond} rows/s), ${(result.sizeBytes / 2 ** 20).toFixed(0)} MB; uptime p95 one ${result.uptimeOne.p95} ms, all ${result.uptimeAll.p95} ms`,
    );
    databases.push(result);
  }
  return { spaces: options.spaces, days: options.days, databases };
}

const mb = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MB`;
const status = (met: boolean): Row['status'] => (met ? 'met' : 'MISSED');

export function persistenceRows(m: Measured<PersistenceResult>): Row[] {
  const r = m.result;
  const rows: Row[] = [];
  for (const d of r.databases) {
    const scenario = `State: ${r.spaces} Spaces × ${r.days} days on ${d.kind === 'sqlite' ? 'SQLite' : 'PostgreSQL'}`;
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
      { scenario, measure: `${r.days}-day uptime of one Space, p50 / p95 / max`, result: `${d.uptimeOne.p50} / ${d.uptimeOne.p95} / ${d.uptimeOne.max} ms`, target: '< 20 ms', status: status(d.targets.oneMet) },
      { scenario, measure: `${r.days}-day uptime of all ${r.spaces}, p50 / p95 / max`, result: `${d.uptimeAll.p50} / ${d.uptimeAll.p95} / ${d.uptimeAll.max} ms (mean uptime ${(d.meanUptime * 100).toFixed(1)} %)`, target: '< 200 ms', status: status(d.targets.allMet) },
    );
  }
  return rows;
}

export function persistenceChecks(r: PersistenceResult): TargetCheck[] {
  return r.databases.flatMap((d) => {
    const scenario = `state on ${d.kind}`;
    const checks: TargetCheck[] = [
      { scenario, target: `one Space's ${r.days}-day uptime < 20 ms (p95)`, measured: `${d.uptimeOne.p95} ms`, met: d.targets.oneMet, note: '' },
      { scenario, target: `all ${r.spaces} Spaces' ${r.days}-day uptime < 200 ms (p95)`, measured: `${d.uptimeAll.p95} ms`, met: d.targets.allMet, note: '' },
    ];
    if (d.targets.sizeMet !== null) checks.push({ scenario, target: 'SQLite file < 500 MB', measured: mb(d.sizeBytes), met: d.targets.sizeMet, note: '' });
    return checks;
  });
}
