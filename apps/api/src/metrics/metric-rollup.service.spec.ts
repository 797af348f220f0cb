import type { MetricSample } from '@hfd/contracts';
import type { Persistence } from '@hfd/persistence';
import { HistoryClock } from '../history/history-clock';
import { openTestPersistence } from '../testing/test-persistence';
import { MetricRollupService } from './metric-rollup.service';

const MIN = 60_000;
const HOUR = 60 * MIN;
const T0 = Date.UTC(2026, 0, 1, 10);
const MIB = 2 ** 20;

function sample(at: number, cpuPct: number, memoryMib: number, rxBps = 100, txBps = 50): MetricSample {
  return { spaceId: 'a/app', replica: null, cpuPct, cpuMillicores: null, memoryUsedBytes: memoryMib * MIB, memoryTotalBytes: null, rxBps, txBps, gpus: [], receivedAt: at };
}

describe('MetricRollupService', () => {
  let persistence: Persistence;
  let now: number;
  let service: MetricRollupService;

  beforeEach(async () => {
    now = T0;
    persistence = await openTestPersistence();
    service = new MetricRollupService(persistence, new HistoryClock(() => now));
  });
  afterEach(() => persistence.close());

  it('keeps min, mean and max per minute, writes each finished minute, and makes the hour from its minutes', async () => {
    service.add(sample(T0 + 1000, 10, 100));
    service.add(sample(T0 + 2000, 30, 300, 300, 150));
    service.add(sample(T0 + MIN + 1000, 50.05, 200));
    now = T0 + 90_000;
    // The minute being filled is answered from memory.
    const partial = await service.read('a/app', '1h');
    expect(partial.points.map((point) => point.at)).toEqual([T0 + MIN]);
    service.tick();
    await persistence.writes.drained();
    const minutes = await service.read('a/app', '1h');
    expect(minutes).toMatchObject({ spaceId: 'a/app', range: '1h', resolution: 'minute' });
    expect(minutes.points).toEqual([
      { at: T0, cpuPct: { min: 10, avg: 20, max: 30 }, memoryUsedBytes: { min: 100 * MIB, avg: 200 * MIB, max: 300 * MIB }, rxBps: { min: 100, avg: 200, max: 300 }, txBps: { min: 50, avg: 100, max: 150 } },
      expect.objectContaining({ at: T0 + MIN, cpuPct: { min: 50.1, avg: 50.1, max: 50.1 } }),
    ]);

    now = T0 + HOUR + 5 * MIN;
    service.tick();
    await persistence.writes.drained();
    const hours = await service.read('a/app', '7d');
    expect(hours.resolution).toBe('hour');
    expect(hours.points).toEqual([expect.objectContaining({ at: T0, cpuPct: { min: 10, avg: 35, max: 50.1 }, memoryUsedBytes: { min: 100 * MIB, avg: 200 * MIB, max: 300 * MIB } })]);
  });

  it('rolls up at start the hours that ended while the server was stopped', async () => {
    service.add(sample(T0 + 1000, 10, 100));
    service.onModuleDestroy();
    await persistence.writes.drained();
    // Started again two hours later: the hour of that minute was never rolled up.
    now = T0 + 2 * HOUR + MIN;
    const next = new MetricRollupService(persistence, new HistoryClock(() => now));
    await next.catchUp();
    await persistence.writes.drained();
    expect((await next.read('a/app', '7d')).points.map((point) => [point.at, point.cpuPct.max])).toEqual([[T0, 10]]);
    expect(await persistence.rollups.hoursToRollUp(T0 / HOUR + 2)).toEqual([]);
  });

  it('writes the part of the minute it holds when the server stops', async () => {
    service.add(sample(T0 + 1000, 12, 64));
    service.onModuleDestroy();
    await persistence.writes.drained();
    expect((await persistence.rollups.read('metric_minutes', 'a/app', 0, T0)).map((row) => row.cpu_avg)).toEqual([120]);
  });
});
