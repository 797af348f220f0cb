import type { SpaceStatusEvent, SpaceSummary } from '@hfd/contracts';
import type { Persistence } from '@hfd/persistence';
import { BehaviorSubject, Subject } from 'rxjs';
import type { InventoryService } from '../spaces/inventory.service';
import type { InventorySnapshot } from '../spaces/inventory.types';
import { openTestPersistence } from '../testing/test-persistence';
import { HistoryClock } from './history-clock';
import { HEARTBEAT_MS, TransitionRecorder } from './transition-recorder.service';

const T0 = Date.UTC(2026, 0, 1);

describe('TransitionRecorder', () => {
  let persistence: Persistence;
  let now: number;
  const clock = new HistoryClock(() => now);
  let statusChanges: Subject<SpaceStatusEvent>;
  let snapshots: BehaviorSubject<InventorySnapshot>;

  const space = (stage: string) => ({ id: 'a/app', runtime: { stage } }) as unknown as SpaceSummary;
  const snapshot = (stage: string) => ({ spaces: [space(stage)] }) as unknown as InventorySnapshot;
  const event = (stage: string, source: SpaceStatusEvent['source'], actor?: string) => ({ spaceId: 'a/app', stage, source, actor }) as unknown as SpaceStatusEvent;

  async function startRecorder(stage = 'RUNNING'): Promise<TransitionRecorder> {
    statusChanges = new Subject();
    snapshots = new BehaviorSubject(snapshot(stage));
    const inventory = { statusChanges$: statusChanges.asObservable(), snapshots$: snapshots.asObservable() } as unknown as InventoryService;
    const recorder = new TransitionRecorder(persistence, inventory, clock);
    await recorder.onModuleInit();
    recorder.onApplicationBootstrap();
    return recorder;
  }
  const rows = async () => {
    await persistence.writes.drained();
    return (await persistence.history.list('a/app', 0, T0 + 3_600_000, 100)).reverse().map((row) => [row.at - T0, row.from, row.to, row.source, row.actor, row.state]);
  };

  beforeEach(async () => {
    now = T0;
    persistence = await openTestPersistence();
  });
  afterEach(() => persistence.close());

  it('skips a heartbeat the database refuses instead of throwing from its timer, and beats again after', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const recorder = await startRecorder();
      const beat = jest.spyOn(persistence.serverRuns, 'beat').mockImplementationOnce(() => {
        throw new Error('record a server heartbeat: refused, the database is being closed');
      });
      expect(() => jest.advanceTimersByTime(HEARTBEAT_MS)).not.toThrow();
      now = T0 + 2 * HEARTBEAT_MS;
      jest.advanceTimersByTime(HEARTBEAT_MS);
      expect(beat).toHaveBeenCalledTimes(2);
      await persistence.writes.drained();
      expect((await persistence.serverRuns.latest())?.lastSeenAt).toBe(T0 + 2 * HEARTBEAT_MS);
      recorder.onModuleDestroy();
    } finally {
      jest.useRealTimers();
    }
  });

  it('records a change seen by the stream and then by the refresh once, with the actor of an action', async () => {
    const recorder = await startRecorder();
    now = T0 + 1000;
    statusChanges.next(event('RUNTIME_ERROR', 'stream'));
    now = T0 + 5000;
    snapshots.next(snapshot('RUNTIME_ERROR'));
    statusChanges.next(event('RUNTIME_ERROR', 'refresh'));
    now = T0 + 6000;
    statusChanges.next(event('APP_STARTING', 'action', 'admin'));
    statusChanges.next(event('APP_STARTING', 'action', 'admin'));
    now = T0 + 9000;
    statusChanges.next(event('PAUSED', 'action', 'admin'));
    recorder.onModuleDestroy();
    expect(await rows()).toEqual([
      [0, null, 'RUNNING', 'refresh', null, 'up'],
      [1000, 'RUNNING', 'RUNTIME_ERROR', 'stream', null, 'down'],
      [6000, 'RUNTIME_ERROR', 'APP_STARTING', 'action', 'admin', 'down'],
      [9000, 'APP_STARTING', 'PAUSED', 'action', 'admin', 'up'],
    ]);
  });

  it('marks every Space unknown from the last heartbeat of a run that crashed, and keeps a pause of ours wanted after it', async () => {
    const first = await startRecorder();
    now = T0 + 1000;
    statusChanges.next(event('PAUSED', 'action', 'admin'));
    now = T0 + 60_000;
    persistence.serverRuns.beat((first as unknown as { runId: string }).runId, now);
    await persistence.writes.drained();
    // No stop recorded: the process died. The next one starts ten minutes later.
    now = T0 + 600_000;
    const second = await startRecorder('PAUSED');
    second.onModuleDestroy();
    expect((await rows()).slice(1)).toEqual([
      [1000, 'RUNNING', 'PAUSED', 'action', 'admin', 'up'],
      [60_000, 'PAUSED', null, 'server', null, 'unknown'],
      [600_000, null, 'PAUSED', 'refresh', null, 'up'],
    ]);
  });
});
