import type { Incident, StageTransition } from '@hfd/contracts';
import type { Persistence } from '@hfd/persistence';
import { Subject, firstValueFrom } from 'rxjs';
import { configWith } from '../testing/test-config';
import { openTestPersistence } from '../testing/test-persistence';
import { availabilityOf } from './availability';
import type { HistoryAccess } from './history-access';
import { HistoryClock } from './history-clock';
import { HistoryService } from './history.service';
import { IncidentAnnouncer } from './incident-announcer.service';
import type { TransitionRecorder } from './transition-recorder.service';

const T0 = Date.UTC(2026, 0, 1, 12);
const MIN = 60_000;

describe('IncidentAnnouncer', () => {
  let persistence: Persistence;
  let recorded: Subject<StageTransition>;
  let announcer: IncidentAnnouncer;
  let announced: Incident[];

  /** What the recorder does for a change: the row, then the event. */
  async function change(to: StageTransition['to'], source: StageTransition['source'] = 'stream'): Promise<void> {
    const at = Date.now();
    const state = availabilityOf(to, source);
    persistence.history.record([{ spaceId: 'a/app', at, from: null, to, source, actor: null, state }]);
    recorded.next({ spaceId: 'a/app', at: new Date(at).toISOString(), from: null, to, source, actor: null, state });
    await persistence.writes.drained();
  }
  const next = () => firstValueFrom(announcer.incidents$);
  /** The announcer looks at a change after it is written; its stuck timer is set once it has. */
  async function stuckTimers(count: number): Promise<void> {
    while (jest.getTimerCount() !== count) await new Promise((resolve) => setImmediate(resolve));
  }

  beforeEach(async () => {
    // Only the clock and the timers are simulated; the database answers for real.
    jest.useFakeTimers({ now: T0, doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    persistence = await openTestPersistence();
    recorded = new Subject();
    const clock = new HistoryClock();
    const config = configWith({ INCIDENT_STUCK_AFTER: '20m' });
    const history = new HistoryService(persistence, { allSpaces: () => [] } as unknown as HistoryAccess, clock, config);
    announcer = new IncidentAnnouncer({ recorded$: recorded.asObservable() } as unknown as TransitionRecorder, history, persistence, clock, config);
    announcer.onApplicationBootstrap();
    announced = [];
    announcer.incidents$.subscribe((incident) => announced.push(incident));
    await change('RUNNING', 'refresh');
  });
  afterEach(async () => {
    announcer.onModuleDestroy();
    await persistence.close();
    jest.useRealTimers();
  });

  it('announces an error when it opens and when it closes', async () => {
    jest.setSystemTime(T0 + MIN);
    let opened = next();
    await change('RUNTIME_ERROR');
    expect(await opened).toMatchObject({ start: new Date(T0 + MIN).toISOString(), end: null, cause: 'error' });
    jest.setSystemTime(T0 + 3 * MIN);
    opened = next();
    await change('RUNNING');
    expect(await opened).toMatchObject({ end: new Date(T0 + 3 * MIN).toISOString(), durationMs: 2 * MIN });
    expect(announced).toHaveLength(2);
  });

  it('says nothing of a restart’s normal course, and announces a build stuck past the limit when it reaches it', async () => {
    jest.setSystemTime(T0 + MIN);
    await change('BUILDING', 'action');
    await stuckTimers(1);
    jest.setSystemTime(T0 + 2 * MIN);
    await change('RUNNING');
    await stuckTimers(0);
    expect(announced).toEqual([]);

    jest.setSystemTime(T0 + 10 * MIN);
    await change('BUILDING', 'action');
    await stuckTimers(1);
    const stuck = next();
    // Stuck once it has lasted longer than the limit: a millisecond past it.
    jest.advanceTimersByTime(20 * MIN);
    expect(announced).toEqual([]);
    jest.advanceTimersByTime(1);
    expect(await stuck).toMatchObject({ start: new Date(T0 + 10 * MIN).toISOString(), end: null, cause: 'stuck', durationMs: 20 * MIN + 1 });
    jest.setSystemTime(T0 + 40 * MIN);
    const closed = next();
    await change('RUNNING');
    expect(await closed).toMatchObject({ cause: 'stuck', end: new Date(T0 + 40 * MIN).toISOString(), durationMs: 30 * MIN });
  });

  it('announces a build that fails before the limit as an error, from the start of the build', async () => {
    jest.setSystemTime(T0 + MIN);
    await change('BUILDING', 'action');
    jest.setSystemTime(T0 + 5 * MIN);
    const opened = next();
    await change('BUILD_ERROR');
    expect(await opened).toMatchObject({ start: new Date(T0 + MIN).toISOString(), end: null, cause: 'error', stages: ['BUILDING', 'BUILD_ERROR'] });
    // The stuck timer of that build is cancelled: nothing more is said until it closes.
    await stuckTimers(0);
    jest.advanceTimersByTime(30 * MIN);
    expect(announced).toHaveLength(1);
  });
});
