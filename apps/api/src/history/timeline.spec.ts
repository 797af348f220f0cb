import type { TransitionRecord } from '@hfd/persistence';
import { availabilityOf } from './availability';
import { incidentsOf, periodsBySpace, statusBar, stripOf, sumFigures, uptimeFigure } from './timeline';

const S = 1000;
const MIN = 60 * S;
const T0 = Date.UTC(2026, 0, 1);
const iso = (ms: number) => new Date(T0 + ms).toISOString();

function at(ms: number, to: TransitionRecord['to'], source = 'stream', actor: string | null = null): TransitionRecord {
  return { spaceId: 'a/app', at: T0 + ms, from: null, to, source, actor, state: availabilityOf(to as never, source as never) };
}

describe('availability', () => {
  it('counts running and asleep as up, a pause as up only when we made it, errors and starting as down', () => {
    expect(['RUNNING', 'RUNNING_BUILDING', 'SLEEPING', 'STOPPED'].map((stage) => availabilityOf(stage as never, 'refresh'))).toEqual(['up', 'up', 'up', 'up']);
    expect(availabilityOf('PAUSED', 'action')).toBe('up');
    expect(availabilityOf('PAUSED', 'refresh')).toBe('down');
    expect(availabilityOf('PAUSED', 'refresh', true)).toBe('up');
    expect(['RUNTIME_ERROR', 'BUILDING', 'APP_STARTING', 'DELETING'].map((stage) => availabilityOf(stage as never, 'stream'))).toEqual(['down', 'down', 'down', 'down']);
    expect(availabilityOf(null, 'server')).toBe('unknown');
    expect(availabilityOf('UNKNOWN', 'refresh')).toBe('unknown');
  });
});

describe('timeline', () => {
  // Running, a crash at 10 s, back at 40 s, our server away from 60 s to 90 s, running again.
  const records = [at(0, 'RUNNING', 'refresh'), at(10 * S, 'RUNTIME_ERROR'), at(25 * S, 'APP_STARTING', 'action', 'admin'), at(40 * S, 'RUNNING'), at(60 * S, null, 'server'), at(90 * S, 'RUNNING', 'refresh')];
  const periods = periodsBySpace(records, T0 + 120 * S).get('a/app') ?? [];

  it('cuts the range into slots coloured by their worst state', () => {
    const bar = statusBar(periods, T0 - 30 * S, T0 + 120 * S, 5);
    expect(bar.map((slot) => [slot.state, slot.upMs / S, slot.downMs / S, slot.unknownMs / S])).toEqual([
      ['unknown', 0, 0, 30],
      ['down', 10, 20, 0],
      ['down', 20, 10, 0],
      ['unknown', 0, 0, 30],
      ['up', 30, 0, 0],
    ]);
    expect(bar[1].stages).toEqual(['RUNNING', 'RUNTIME_ERROR', 'APP_STARTING']);
  });

  it('makes a strip of a bar: its states in order, and the time up and down in all its slots', () => {
    const bar = statusBar(periods, T0 - 30 * S, T0 + 120 * S, 5);
    expect(stripOf(bar)).toEqual({ states: ['unknown', 'down', 'down', 'unknown', 'up'], upMs: 60 * S, downMs: 30 * S });
  });

  it('finds the crash as one incident with what was done, and none for the restart of our own server', () => {
    expect(incidentsOf('a/app', periods, T0 + 120 * S, 20 * MIN)).toEqual([
      {
        spaceId: 'a/app',
        start: iso(10 * S),
        end: iso(40 * S),
        durationMs: 30 * S,
        cause: 'error',
        stages: ['RUNTIME_ERROR', 'APP_STARTING'],
        steps: [{ at: iso(25 * S), source: 'action', actor: 'admin', to: 'APP_STARTING' }],
      },
    ]);
  });

  it('counts building or starting as an incident only past the stuck limit, and leaves it open while it lasts', () => {
    const restart = periodsBySpace([at(0, 'RUNNING'), at(MIN, 'BUILDING', 'action', 'admin'), at(3 * MIN, 'RUNNING')], T0 + 60 * MIN).get('a/app') ?? [];
    expect(incidentsOf('a/app', restart, T0 + 60 * MIN, 20 * MIN)).toEqual([]);
    const stuck = periodsBySpace([at(0, 'RUNNING'), at(MIN, 'BUILDING'), at(5 * MIN, 'APP_STARTING')], T0 + 30 * MIN).get('a/app') ?? [];
    expect(incidentsOf('a/app', stuck, T0 + 30 * MIN, 20 * MIN)).toEqual([
      { spaceId: 'a/app', start: iso(MIN), end: null, durationMs: 29 * MIN, cause: 'stuck', stages: ['BUILDING', 'APP_STARTING'], steps: [] },
    ]);
    expect(incidentsOf('a/app', stuck, T0 + 20 * MIN, 20 * MIN)).toEqual([]);
    const paused = periodsBySpace([at(0, 'RUNNING'), at(MIN, 'PAUSED', 'refresh')], T0 + 2 * MIN).get('a/app') ?? [];
    expect(incidentsOf('a/app', paused, T0 + 2 * MIN, 20 * MIN)[0]).toMatchObject({ cause: 'down', end: null, durationMs: MIN });
  });

  it('turns up and down time into a ratio that leaves unknown time out', () => {
    expect(uptimeFigure('24h', 100, { upMs: 60, downMs: 20 })).toEqual({ window: '24h', upMs: 60, downMs: 20, unknownMs: 20, ratio: 0.75 });
    expect(uptimeFigure('24h', 100, undefined)).toEqual({ window: '24h', upMs: 0, downMs: 0, unknownMs: 100, ratio: null });
    expect(sumFigures('24h', [uptimeFigure('24h', 100, { upMs: 60, downMs: 20 }), uptimeFigure('24h', 100, { upMs: 100, downMs: 0 })])).toEqual({
      window: '24h',
      upMs: 160,
      downMs: 20,
      unknownMs: 20,
      ratio: 160 / 180,
    });
  });
});
