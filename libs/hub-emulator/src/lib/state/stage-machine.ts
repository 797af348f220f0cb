import { FREE_FLAVOR, FREE_SLEEP_SECONDS, type Flavor } from '../hub/flavors';
import { ERROR_STAGES, isRunningStage, type SpaceStage } from '../hub/stages';
import type { LogBook } from '../logs/log-book';
import { appReadyLines, buildLines, startupBanner } from '../logs/log-lines';
import type { StageTimings } from '../scenario/scenario.schema';
import type { HubStore } from './hub-store';
import { defaultErrorMessage, type SpaceRecord } from './space-record';
import type { StuckBuilds } from './stuck-builds';
import type { TimerHandle, Timers } from './timers';

interface Step {
  /** Offset from the start of the plan. */
  atMs: number;
  run: () => void;
}

interface BuildPlan {
  factory: boolean;
  /** A previous version keeps serving (RUNNING_BUILDING → RUNNING_APP_STARTING), as after a hardware change. */
  serving: boolean;
}

/**
 * The Hub's stage transitions (docs/hub-api.md §9). Every action cancels the plan still
 * running for the Space, then enters its first stage synchronously, so the answer of
 * the mutation already shows it, and schedules the rest on timers `close()` clears.
 */
export class StageMachine {
  private readonly plans = new Map<string, TimerHandle[]>();

  constructor(
    private readonly store: HubStore,
    private readonly logs: LogBook,
    private readonly timers: Timers,
    private readonly timings: StageTimings,
    private readonly stuckBuilds: StuckBuilds,
  ) {}

  /** Seeds log history and lets intermediate initial stages finish. */
  start(): void {
    const now = this.now();
    for (const space of this.store.spaces) {
      if (!space.isStatic) {
        this.seedHistory(space, now);
        this.continueFrom(space);
      }
    }
  }

  restart(space: SpaceRecord, factory: boolean): void {
    this.build(space, { factory, serving: false });
    this.store.notifyAction(space, factory ? 'rebuild' : 'restart');
  }

  pause(space: SpaceRecord): void {
    this.cancel(space);
    this.enter(space, 'PAUSED');
    this.store.notifyAction(space, 'pause');
  }

  /** `-1` means never sleep; the free tier keeps its fixed 48 h (HFH only warns, so the Hub ignores it; inferred). */
  setSleepTime(space: SpaceRecord, seconds: number): void {
    if (space.runtime.hardwareRequested === FREE_FLAVOR) return;
    space.runtime.gcTimeout = seconds === -1 ? null : seconds;
    this.store.notifyAction(space, 'sleep-time');
  }

  /** The change is not immediate: the Space rebuilds and `hardware.current` follows (docs/hub-api.md §5). */
  setHardware(space: SpaceRecord, flavor: Flavor, sleepTimeSeconds?: number): void {
    const runtime = space.runtime;
    runtime.hardwareRequested = flavor;
    if (flavor === FREE_FLAVOR) runtime.gcTimeout = FREE_SLEEP_SECONDS;
    else if (sleepTimeSeconds !== undefined) runtime.gcTimeout = sleepTimeSeconds === -1 ? null : sleepTimeSeconds;
    else if (runtime.gcTimeout === FREE_SLEEP_SECONDS) runtime.gcTimeout = null;
    if (runtime.stage !== 'PAUSED') this.build(space, { factory: false, serving: isRunningStage(runtime.stage) });
    this.store.notifyAction(space, 'hardware');
  }

  /**
   * Control and scripts: the Space goes to `stage` and stays there until something else
   * moves it, or, with `settle`, finishes an intermediate stage as the Hub would.
   */
  forceStage(space: SpaceRecord, stage: SpaceStage, errorMessage?: string, settle = false): void {
    this.cancel(space);
    this.enter(space, stage, errorMessage);
    if (settle && !space.isStatic) this.continueFrom(space);
  }

  /**
   * A visit to a sleeping Space's app starts it again (docs/hub-api.md §9); the image is
   * built, so it goes through APP_STARTING to RUNNING (the stages are inferred).
   */
  wake(space: SpaceRecord): void {
    if (space.runtime.stage !== 'SLEEPING' && space.runtime.stage !== 'STOPPED') return;
    this.cancel(space);
    this.starting(space, false);
    this.plan(space, [{ atMs: this.timings.startMs, run: () => this.ready(space) }]);
    this.store.notifyAction(space, 'wake');
  }

  /** Idle past its sleep time: SLEEPING on the free tier, STOPPED on upgraded hardware (docs/hub-api.md §9, inferred). */
  sleep(space: SpaceRecord): void {
    const hardware = space.runtime.hardwareCurrent ?? space.runtime.hardwareRequested;
    this.cancel(space);
    this.enter(space, hardware === FREE_FLAVOR ? 'SLEEPING' : 'STOPPED');
    this.store.notifyAction(space, 'sleep');
  }

  /** The app's container exits on its own. */
  crash(space: SpaceRecord, errorMessage?: string): void {
    this.cancel(space);
    this.enter(space, 'RUNTIME_ERROR', errorMessage);
    this.store.notifyAction(space, 'crash');
  }

  private now(): Date {
    return new Date(this.timers.now());
  }

  private continueFrom(space: SpaceRecord): void {
    switch (space.runtime.stage) {
      case 'BUILDING':
        return this.build(space, { factory: false, serving: false });
      case 'RUNNING_BUILDING':
        return this.build(space, { factory: false, serving: true });
      case 'APP_STARTING':
      case 'RUNNING_APP_STARTING':
        return this.plan(space, [{ atMs: this.timings.startMs, run: () => this.ready(space) }]);
      default:
        return;
    }
  }

  private build(space: SpaceRecord, { factory, serving }: BuildPlan): void {
    this.cancel(space);
    const lines = buildLines(space, factory, this.now());
    const planned = this.stuckBuilds.take(space);
    const buildMs = typeof planned === 'number' ? planned : factory ? this.timings.factoryBuildMs : this.timings.buildMs;
    this.logs.reset(space.id, 'build');
    this.enter(space, serving ? 'RUNNING_BUILDING' : 'BUILDING');
    // The build log fills in over the build, the way a real build prints; a stuck build then hangs.
    const steps: Step[] = lines.map((line, index) => ({
      atMs: Math.floor((buildMs * index) / lines.length),
      run: () => this.logs.append(space.id, 'build', line, this.now()),
    }));
    if (planned !== 'never') steps.push(...this.buildEnd(space, factory, serving, buildMs));
    this.plan(space, steps);
  }

  private buildEnd(space: SpaceRecord, factory: boolean, serving: boolean, buildMs: number): Step[] {
    if (factory && space.def.rebuildFails) {
      const message = space.def.rebuildErrorMessage ?? defaultErrorMessage('BUILD_ERROR') ?? 'Build failed';
      const fail = () => {
        for (const line of message.split('\n')) this.logs.append(space.id, 'build', line, this.now());
        this.enter(space, 'BUILD_ERROR', message);
      };
      return [{ atMs: buildMs, run: fail }];
    }
    return [
      { atMs: buildMs, run: () => this.starting(space, serving) },
      { atMs: buildMs + this.timings.startMs, run: () => this.ready(space) },
    ];
  }

  private starting(space: SpaceRecord, serving: boolean): void {
    this.logs.reset(space.id, 'run');
    const now = this.now();
    for (const line of startupBanner(now)) this.logs.append(space.id, 'run', line, now);
    this.enter(space, serving ? 'RUNNING_APP_STARTING' : 'APP_STARTING');
  }

  private ready(space: SpaceRecord): void {
    const now = this.now();
    for (const line of appReadyLines(space)) this.logs.append(space.id, 'run', line, now);
    this.enter(space, 'RUNNING');
  }

  /** Applies a stage and what it implies for hardware, replicas and errorMessage, then notifies. */
  private enter(space: SpaceRecord, stage: SpaceStage, errorMessage?: string): void {
    const runtime = space.runtime;
    const previous = runtime.stage;
    runtime.stage = stage;
    runtime.errorMessage = ERROR_STAGES.has(stage) ? (errorMessage ?? defaultErrorMessage(stage)) : null;
    if (stage === 'RUNNING' || stage === 'APP_STARTING') runtime.hardwareCurrent = runtime.hardwareRequested;
    // RUNNING_* keep the serving version's hardware; a crashed container keeps its own.
    else if (!isRunningStage(stage) && stage !== 'RUNTIME_ERROR') runtime.hardwareCurrent = null;
    // Containers: gone outside the serving stages; new ones at APP_STARTING, when the new
    // version replaces the old (RUNNING_APP_STARTING → RUNNING), or when forced into a serving stage.
    if (!isRunningStage(stage) && stage !== 'APP_STARTING') runtime.replicaIds = [];
    else if (
      stage === 'APP_STARTING' ||
      (stage === 'RUNNING' && previous === 'RUNNING_APP_STARTING') ||
      runtime.replicaIds.length === 0
    ) {
      space.startReplicas();
    }
    if (stage === 'RUNTIME_ERROR' && runtime.errorMessage) {
      const now = this.now();
      for (const line of runtime.errorMessage.split('\n')) this.logs.append(space.id, 'run', line, now);
    }
    if (previous !== stage) this.store.notifyStage(space);
  }

  private plan(space: SpaceRecord, steps: Step[]): void {
    const handles = steps.map((step) => this.timers.timeout(step.atMs, step.run));
    this.plans.set(space.id, handles);
  }

  private cancel(space: SpaceRecord): void {
    for (const handle of this.plans.get(space.id) ?? []) handle.cancel();
    this.plans.delete(space.id);
  }

  /** What a Space that has been up for a while would show in its logs. */
  private seedHistory(space: SpaceRecord, now: Date): void {
    const stage = space.runtime.stage;
    if (stage === 'NO_APP_FILE' || stage === 'BUILDING' || stage === 'RUNNING_BUILDING') return;
    const builtAt = new Date(space.lastModified);
    buildLines(space, false, builtAt).forEach((line, index) =>
      this.logs.append(space.id, 'build', line, new Date(builtAt.getTime() + index * 1000)),
    );
    if (stage === 'BUILD_ERROR') {
      for (const line of (space.runtime.errorMessage ?? '').split('\n')) this.logs.append(space.id, 'build', line, builtAt);
      return;
    }
    const startedAt = new Date(now.getTime() - 3_600_000);
    // A starting app prints its ready lines when it gets there (continueFrom).
    const starting = stage === 'APP_STARTING' || stage === 'RUNNING_APP_STARTING';
    for (const line of [...startupBanner(startedAt), ...(starting ? [] : appReadyLines(space))]) {
      this.logs.append(space.id, 'run', line, startedAt);
    }
    if (stage === 'RUNTIME_ERROR') {
      for (const line of (space.runtime.errorMessage ?? '').split('\n')) this.logs.append(space.id, 'run', line, now);
    }
  }
}
