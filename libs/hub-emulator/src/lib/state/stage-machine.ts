import { FREE_FLAVOR, FREE_SLEEP_SECONDS, type Flavor } from '../hub/flavors';
import { ERROR_STAGES, isRunningStage, type SpaceStage } from '../hub/stages';
import type { LogBook } from '../logs/log-book';
import { appReadyLines, buildLines, startupBanner } from '../logs/log-lines';
import type { StageTimings } from '../scenario/scenario.schema';
import type { HubStore } from './hub-store';
import { defaultErrorMessage, type SpaceRecord } from './space-record';
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
 * The Hub's stage transitions (hf-api.md §9). Every action cancels the plan still
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
  ) {}

  /** Seeds log history, lets intermediate initial stages finish, and arms scripted events. */
  start(): void {
    const now = new Date();
    for (const space of this.store.spaces) {
      if (!space.isStatic) {
        this.seedHistory(space, now);
        this.continueFrom(space);
      }
      for (const event of space.def.events) {
        this.timers.timeout(event.afterMs, () => {
          this.cancel(space);
          this.enter(space, event.stage, event.errorMessage);
          if (!space.isStatic) this.continueFrom(space);
        });
      }
    }
  }

  restart(space: SpaceRecord, factory: boolean): void {
    this.build(space, { factory, serving: false });
  }

  pause(space: SpaceRecord): void {
    this.cancel(space);
    this.enter(space, 'PAUSED');
  }

  /** `-1` means never sleep; the free tier keeps its fixed 48 h (HFH only warns, so the Hub ignores it; inferred). */
  setSleepTime(space: SpaceRecord, seconds: number): void {
    if (space.runtime.hardwareRequested === FREE_FLAVOR) return;
    space.runtime.gcTimeout = seconds === -1 ? null : seconds;
  }

  /** The change is not immediate: the Space rebuilds and `hardware.current` follows (hf-api.md §5). */
  setHardware(space: SpaceRecord, flavor: Flavor, sleepTimeSeconds?: number): void {
    const runtime = space.runtime;
    runtime.hardwareRequested = flavor;
    if (flavor === FREE_FLAVOR) runtime.gcTimeout = FREE_SLEEP_SECONDS;
    else if (sleepTimeSeconds !== undefined) runtime.gcTimeout = sleepTimeSeconds === -1 ? null : sleepTimeSeconds;
    else if (runtime.gcTimeout === FREE_SLEEP_SECONDS) runtime.gcTimeout = null;
    if (runtime.stage === 'PAUSED') return;
    this.build(space, { factory: false, serving: isRunningStage(runtime.stage) });
  }

  /** Control-route override: the Space stays in `stage` until something else moves it. */
  forceStage(space: SpaceRecord, stage: SpaceStage, errorMessage?: string): void {
    this.cancel(space);
    this.enter(space, stage, errorMessage);
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
    const lines = buildLines(space, factory, new Date());
    const buildMs = factory ? this.timings.factoryBuildMs : this.timings.buildMs;
    this.logs.reset(space.id, 'build');
    this.enter(space, serving ? 'RUNNING_BUILDING' : 'BUILDING');
    // The build log fills in over the build, the way a real build prints.
    const steps: Step[] = lines.map((line, index) => ({
      atMs: Math.floor((buildMs * index) / lines.length),
      run: () => this.logs.append(space.id, 'build', line),
    }));
    if (factory && space.def.rebuildFails) {
      const message = space.def.rebuildErrorMessage ?? defaultErrorMessage('BUILD_ERROR') ?? 'Build failed';
      steps.push({
        atMs: buildMs,
        run: () => {
          for (const line of message.split('\n')) this.logs.append(space.id, 'build', line);
          this.enter(space, 'BUILD_ERROR', message);
        },
      });
    } else {
      steps.push(
        { atMs: buildMs, run: () => this.starting(space, serving) },
        { atMs: buildMs + this.timings.startMs, run: () => this.ready(space) },
      );
    }
    this.plan(space, steps);
  }

  private starting(space: SpaceRecord, serving: boolean): void {
    this.logs.reset(space.id, 'run');
    for (const line of startupBanner(new Date())) this.logs.append(space.id, 'run', line);
    this.enter(space, serving ? 'RUNNING_APP_STARTING' : 'APP_STARTING');
  }

  private ready(space: SpaceRecord): void {
    for (const line of appReadyLines(space)) this.logs.append(space.id, 'run', line);
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
      for (const line of runtime.errorMessage.split('\n')) this.logs.append(space.id, 'run', line);
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
