import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { MetricRange, MetricRollupResponse, MetricSample, RollupPoint } from '@hfd/contracts';
import { Persistence, type MetricRollupsTable, type RollupRecord } from '@hfd/persistence';
import { HistoryClock } from '../history/history-clock';

const MINUTE_MS = 60_000;
const HOUR_MS = 3_600_000;
const MIB = 2 ** 20;

type Stored = Omit<MetricRollupsTable, 'space_key'>;

interface Running {
  min: number;
  max: number;
  sum: number;
}

/** One Space's samples in the minute being filled. */
interface Bucket {
  minute: number;
  count: number;
  cpu: Running;
  mem: Running;
  rx: Running;
  tx: Running;
}

/** The stored integer units: CPU in tenths of a percent, memory in MiB, rates in bytes per second. */
function measuresOf(sample: MetricSample): Record<'cpu' | 'mem' | 'rx' | 'tx', number> {
  return { cpu: Math.round(sample.cpuPct * 10), mem: Math.round(sample.memoryUsedBytes / MIB), rx: Math.round(sample.rxBps), tx: Math.round(sample.txBps) };
}

function rowOf(spaceId: string, bucket: Bucket): RollupRecord {
  const row = { spaceId, slot: bucket.minute } as RollupRecord;
  for (const measure of ['cpu', 'mem', 'rx', 'tx'] as const) {
    const running = bucket[measure];
    row[`${measure}_min`] = running.min;
    row[`${measure}_avg`] = Math.round(running.sum / bucket.count);
    row[`${measure}_max`] = running.max;
  }
  return row;
}

function pointOf(row: Stored, slotMs: number): RollupPoint {
  const stat = (measure: 'cpu' | 'mem' | 'rx' | 'tx', scale: number) => ({ min: row[`${measure}_min`] * scale, avg: row[`${measure}_avg`] * scale, max: row[`${measure}_max`] * scale });
  return { at: row.slot * slotMs, cpuPct: stat('cpu', 0.1), memoryUsedBytes: stat('mem', MIB), rxBps: stat('rx', 1), txBps: stat('tx', 1) };
}

const RANGES: Readonly<Record<Exclude<MetricRange, '5m'>, { spanMs: number; resolution: 'minute' | 'hour' }>> = {
  '1h': { spanMs: HOUR_MS, resolution: 'minute' },
  '24h': { spanMs: 24 * HOUR_MS, resolution: 'minute' },
  '7d': { spanMs: 7 * 24 * HOUR_MS, resolution: 'hour' },
};

/**
 * Folds the live samples of watched Spaces (those with an upstream: someone views them, or a
 * rule needs them) into per-minute min/avg/max in memory, writes each finished minute of every
 * Space in one write, and makes each finished hour from its minutes in SQL. Costs a few
 * additions per sample and one write a minute, whatever the number of Spaces.
 */
@Injectable()
export class MetricRollupService implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(MetricRollupService.name);
  private readonly buckets = new Map<string, Bucket>();
  private pending: RollupRecord[] = [];
  private lastHour: number;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly persistence: Persistence,
    private readonly clock: HistoryClock,
  ) {
    this.lastHour = Math.floor(clock.now() / HOUR_MS);
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => this.tick(), MINUTE_MS);
    this.timer.unref();
    void this.catchUp();
  }

  /** The hours that ended while this server was stopped are rolled up now. */
  async catchUp(): Promise<void> {
    try {
      for (const hour of await this.persistence.rollups.hoursToRollUp(this.lastHour)) this.persistence.rollups.rollUpHour(hour);
    } catch (error) {
      this.logger.warn(`Could not roll up the hours missed while stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
    // The minute being filled is written as it stands: a part of a minute is better than none.
    for (const [spaceId, bucket] of this.buckets) this.pending.push(rowOf(spaceId, bucket));
    this.buckets.clear();
    this.flush();
  }

  add(sample: MetricSample): void {
    const minute = Math.floor(sample.receivedAt / MINUTE_MS);
    let bucket = this.buckets.get(sample.spaceId);
    if (bucket && bucket.minute !== minute) {
      this.pending.push(rowOf(sample.spaceId, bucket));
      bucket = undefined;
    }
    const measures = measuresOf(sample);
    if (!bucket) {
      const start = (value: number): Running => ({ min: value, max: value, sum: 0 });
      bucket = { minute, count: 0, cpu: start(measures.cpu), mem: start(measures.mem), rx: start(measures.rx), tx: start(measures.tx) };
      this.buckets.set(sample.spaceId, bucket);
    }
    bucket.count += 1;
    for (const measure of ['cpu', 'mem', 'rx', 'tx'] as const) {
      const running = bucket[measure];
      const value = measures[measure];
      if (value < running.min) running.min = value;
      if (value > running.max) running.max = value;
      running.sum += value;
    }
  }

  /** Once a minute: the minutes that are over are written, and an hour that is over is rolled up. */
  tick(now = this.clock.now()): void {
    const minute = Math.floor(now / MINUTE_MS);
    for (const [spaceId, bucket] of this.buckets) {
      if (bucket.minute < minute) {
        this.pending.push(rowOf(spaceId, bucket));
        this.buckets.delete(spaceId);
      }
    }
    this.flush();
    const hour = Math.floor(now / HOUR_MS);
    for (; this.lastHour < hour; this.lastHour++) this.persistence.rollups.rollUpHour(this.lastHour);
  }

  /** The rollups of one Space over `range`, ending now; the minute being filled is included. */
  async read(spaceId: string, range: Exclude<MetricRange, '5m'>): Promise<MetricRollupResponse> {
    const { spanMs, resolution } = RANGES[range];
    const slotMs = resolution === 'minute' ? MINUTE_MS : HOUR_MS;
    const now = this.clock.now();
    const from = Math.floor((now - spanMs) / slotMs);
    const to = Math.floor(now / slotMs) + 1;
    const rows = await this.persistence.rollups.read(resolution === 'minute' ? 'metric_minutes' : 'metric_hours', spaceId, from, to);
    const points = rows.map((row) => pointOf(row, slotMs));
    const current = this.buckets.get(spaceId);
    if (resolution === 'minute' && current && current.minute >= from && !rows.some((row) => row.slot === current.minute)) {
      const { spaceId: _id, ...row } = rowOf(spaceId, current);
      points.push(pointOf(row, slotMs));
    }
    return { spaceId, range, resolution, points };
  }

  private flush(): void {
    if (this.pending.length === 0) return;
    const rows = this.pending;
    this.pending = [];
    try {
      this.persistence.rollups.recordMinutes(rows);
    } catch (error) {
      // The database has been away so long that the queue is full: these minutes are lost, the live chart is not.
      this.logger.warn(`${rows.length} metric minute(s) were not stored: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
