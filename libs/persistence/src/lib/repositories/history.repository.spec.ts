import { DATABASE_KINDS, ScratchDatabases } from '@hfd/test-support';
import { optionsFor } from '../../testing/scratch-options';
import { openPersistence, type Persistence } from '../persistence';
import type { TransitionRecord } from './history.repository';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 1);

describe.each(DATABASE_KINDS)('HistoryRepository, ServerRunsRepository and RollupsRepository (%s)', (kind) => {
  const scratch = new ScratchDatabases(kind);
  let persistence: Persistence;
  let failures: unknown[];

  beforeEach(async () => {
    failures = [];
    persistence = await openPersistence(optionsFor(await scratch.create(), failures));
  });
  afterEach(() => persistence.close());
  afterAll(() => scratch.dropAll());

  const change = (spaceId: string, minute: number, to: string | null, state: string, extra: Partial<TransitionRecord> = {}): TransitionRecord => ({
    spaceId,
    at: T0 + minute * MINUTE,
    from: null,
    to,
    source: 'refresh',
    actor: null,
    state,
    ...extra,
  });

  it('sums up and down time per Space over a window, clipping the periods at its edges', async () => {
    persistence.history.record([change('a/one', -30, 'RUNNING', 'up'), change('b/two', 0, 'BUILDING', 'down')]);
    persistence.history.record([change('a/one', 10, 'RUNTIME_ERROR', 'down'), change('a/one', 40, 'RUNNING', 'up'), change('b/two', 20, 'RUNNING', 'up')]);
    persistence.history.record([change('a/one', 50, null, 'unknown', { source: 'server' })]);
    await persistence.writes.drained();
    expect(failures).toEqual([]);

    const sums = await persistence.history.sums(null, T0, T0 + 60 * MINUTE);
    // a/one: up 0–10, down 10–40, up 40–50, unknown 50–60. b/two: down 0–20, up 20–60.
    expect(Object.fromEntries(sums)).toEqual({ 'a/one': { upMs: 20 * MINUTE, downMs: 30 * MINUTE }, 'b/two': { upMs: 40 * MINUTE, downMs: 20 * MINUTE } });
    const one = await persistence.history.sums(['b/two'], T0 + 10 * MINUTE, T0 + 30 * MINUTE);
    expect(Object.fromEntries(one)).toEqual({ 'b/two': { upMs: 10 * MINUTE, downMs: 10 * MINUTE } });

    const spans = await persistence.history.spans(['a/one'], T0 + 15 * MINUTE, T0 + 45 * MINUTE);
    expect(spans.map((span) => [(span.at - T0) / MINUTE, span.to])).toEqual([
      [10, 'RUNTIME_ERROR'],
      [40, 'RUNNING'],
    ]);
    expect((await persistence.history.latest()).map((record) => [record.spaceId, record.to]).sort()).toEqual([
      ['a/one', null],
      ['b/two', 'RUNNING'],
    ]);
    expect((await persistence.history.list('a/one', T0, T0 + 60 * MINUTE, 2)).map((record) => record.to)).toEqual([null, 'RUNNING']);
  });

  it('reads a window from the transition in force at its start: one at the very start once, two in the same millisecond both, none before it for a Space that began inside', async () => {
    persistence.history.record([
      change('a/one', -20, 'BUILDING', 'down'),
      change('a/one', 0, 'RUNNING', 'up'),
      change('a/one', 30, 'SLEEPING', 'up'),
      change('b/two', -10, 'RUNNING', 'up'),
      change('b/two', -10, null, 'unknown', { source: 'server' }),
      change('b/two', 60, 'PAUSED', 'down'),
      change('c/three', 15, 'RUNTIME_ERROR', 'down'),
    ]);
    await persistence.writes.drained();
    expect(failures).toEqual([]);

    const spans = await persistence.history.spans(null, T0, T0 + 60 * MINUTE);
    expect(spans.map((span) => [span.spaceId, (span.at - T0) / MINUTE, span.to]).sort((x, y) => String(x).localeCompare(String(y)))).toEqual([
      ['a/one', 0, 'RUNNING'],
      ['a/one', 30, 'SLEEPING'],
      ['b/two', -10, null],
      ['b/two', -10, 'RUNNING'],
      ['c/three', 15, 'RUNTIME_ERROR'],
    ]);
    // Both b/two rows are in force from -10: each makes a period, the first of them empty.
    const sums = await persistence.history.sums(null, T0, T0 + 60 * MINUTE);
    expect(sums.get('a/one')).toEqual({ upMs: 60 * MINUTE, downMs: 0 });
    expect(sums.get('c/three')).toEqual({ upMs: 0, downMs: 45 * MINUTE });
    expect([...sums.keys()].sort()).toEqual(['a/one', 'b/two', 'c/three']);
  });

  it('writes a fleet of thousands of Spaces in one job, past SQLite’s limit of bound values per statement', async () => {
    const ids = Array.from({ length: 5000 }, (_, index) => `owner/space-${index}`);
    persistence.history.record(ids.map((id) => change(id, 0, null, 'unknown', { source: 'server' })));
    persistence.rollups.recordMinutes(
      ids.map((spaceId) => ({ spaceId, slot: 1, cpu_min: 1, cpu_avg: 1, cpu_max: 1, mem_min: 1, mem_avg: 1, mem_max: 1, rx_min: 1, rx_avg: 1, rx_max: 1, tx_min: 1, tx_avg: 1, tx_max: 1 })),
    );
    await persistence.writes.drained();
    expect(failures).toEqual([]);
    expect(await persistence.history.latest()).toHaveLength(5000);
    expect(await persistence.rollups.read('metric_minutes', 'owner/space-4999', 0, 2)).toHaveLength(1);
  });

  it('prunes old transitions but keeps the one in force at the cutoff', async () => {
    persistence.history.record([change('a/one', 0, 'BUILDING', 'down'), change('a/one', 5, 'RUNNING', 'up'), change('a/one', 100, 'PAUSED', 'down')]);
    await persistence.writes.drained();
    expect(await persistence.history.pruneBatch(T0 + 50 * MINUTE, 10)).toBe(1);
    expect((await persistence.history.spans(['a/one'], T0, T0 + 200 * MINUTE)).map((record) => record.to)).toEqual(['RUNNING', 'PAUSED']);
  });

  it('records the server runs: start, heartbeat, stop', async () => {
    persistence.serverRuns.start('run-1', T0);
    persistence.serverRuns.beat('run-1', T0 + MINUTE);
    await persistence.writes.drained();
    expect(await persistence.serverRuns.latest()).toEqual({ id: 'run-1', startedAt: T0, lastSeenAt: T0 + MINUTE, stoppedAt: null });
    persistence.serverRuns.stop('run-1', T0 + 90_000);
    await persistence.writes.drained();
    expect(await persistence.serverRuns.latest()).toMatchObject({ lastSeenAt: T0 + 90_000, stoppedAt: T0 + 90_000 });
  });

  it('rolls minutes up into an hour and prunes both by slot', async () => {
    const minute = (slot: number, cpu: number) => ({
      spaceId: 'a/one',
      slot,
      ...{ cpu_min: cpu, cpu_avg: cpu, cpu_max: cpu, mem_min: 100, mem_avg: 100, mem_max: 100, rx_min: 0, rx_avg: 0, rx_max: 0, tx_min: 1, tx_avg: 2, tx_max: 3 },
    });
    const hour = T0 / 3_600_000;
    persistence.rollups.recordMinutes([minute(hour * 60, 10), minute(hour * 60 + 1, 30), minute(hour * 60 + 60, 99)]);
    persistence.rollups.rollUpHour(hour);
    persistence.rollups.rollUpHour(hour);
    await persistence.writes.drained();
    expect(failures).toEqual([]);
    const hours = await persistence.rollups.read('metric_hours', 'a/one', hour, hour + 2);
    expect(hours).toEqual([{ slot: hour, cpu_min: 10, cpu_avg: 20, cpu_max: 30, mem_min: 100, mem_avg: 100, mem_max: 100, rx_min: 0, rx_avg: 0, rx_max: 0, tx_min: 1, tx_avg: 2, tx_max: 3 }]);
    expect((await persistence.rollups.read('metric_minutes', 'a/one', hour * 60, hour * 60 + 61)).map((row) => row.cpu_max)).toEqual([10, 30, 99]);
    // The next hour has a minute and was not rolled up yet.
    expect(await persistence.rollups.hoursToRollUp(hour + 2)).toEqual([hour + 1]);
    expect(await persistence.rollups.hoursToRollUp(hour + 1)).toEqual([]);
    const [minutes] = persistence.rollups.prunable;
    expect(await minutes.pruneBatch(T0 + 2 * MINUTE, 1)).toBe(1);
    expect(await minutes.pruneBatch(T0 + 2 * MINUTE, 5)).toBe(1);
    expect((await persistence.rollups.read('metric_minutes', 'a/one', 0, hour * 60 + 61)).map((row) => row.cpu_max)).toEqual([99]);
  });
});
