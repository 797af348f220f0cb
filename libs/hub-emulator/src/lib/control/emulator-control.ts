import { z } from 'zod';
import type { HubTimeSnapshot } from '../clock/hub-time';
import type { SpaceActivity, StreamKind } from '../counters';
import {
  DownFaultSchema,
  ErrorFaultSchema,
  LatencyFaultSchema,
  RateLimitPatchSchema,
  SetStageSchema,
  StreamFaultSchema,
  type DownMode,
  type ErrorFaultInput,
  type LatencyFaultInput,
} from '../faults/fault.schema';
import type { FaultSnapshot } from '../faults/fault-injector';
import type { SpaceStage } from '../hub/stages';
import type { HubContext } from '../http/hub-context';
import { DurationSchema } from '../scenario/duration';
import type {
  AppAnswer,
  AppAnswerInput,
  CrashLoopInput,
  RateLimitConfig,
  ScriptStepInput,
  StuckBuildInput,
} from '../scenario/scenario.schema';
import { AppAnswerSchema, CrashLoopSchema, ScriptSchema, StuckBuildSchema } from '../scenario/space-behaviour.schema';
import type { StreamRegistry } from '../sse/sse-writer';
import type { CrashLoopSnapshot } from '../state/crash-loops';
import type { ScriptSnapshot } from '../state/script-runner';
import type { SpaceRecord } from '../state/space-record';
import type { StuckBuildSnapshot } from '../state/stuck-builds';

/** A control input that failed validation; the control route answers it with 400. */
export class ControlInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ControlInputError';
  }
}

export class UnknownSpaceError extends Error {
  constructor(spaceId: string) {
    super(`No Space "${spaceId}" in the scenario`);
    this.name = 'UnknownSpaceError';
  }
}

function validate<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const details = result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
  throw new ControlInputError(`Invalid ${what}: ${details}`);
}

/** The emulator's view of one Space, for tests and people debugging them. */
export interface SpaceControlSnapshot {
  id: string;
  stage: SpaceStage;
  script: ScriptSnapshot | null;
  app: AppAnswer;
  crashLoop: CrashLoopSnapshot | null;
  stuckBuild: StuckBuildSnapshot | null;
  /** When it falls asleep without a visit, on the Hub's clock; null if it will not. */
  sleepsAt: string | null;
  activity: SpaceActivity;
}

const AdvanceSchema = z.strictObject({ by: DurationSchema });

export interface StreamFaultTarget {
  kind?: StreamKind;
  spaceId?: string;
}

/** Run-time levers of the emulator: faults and scenario changes (also at `/__emulator/...`). */
export interface EmulatorControl {
  /** Delay matching requests by `ms` plus up to `jitterMs`; null removes it. */
  setLatency(fault: LatencyFaultInput | null): void;
  /** Answer matching requests with `status`, `times` times or for a `share` of them. */
  failRoute(fault: ErrorFaultInput): void;
  /** Change quotas and windows; fresh windows start for everyone. */
  setRateLimit(patch: Partial<RateLimitConfig>): RateLimitConfig;
  rateLimit(): RateLimitConfig;
  /** Destroy matching streams after `afterEvents` events. */
  dropStreams(options: StreamFaultTarget & { afterEvents: number }): void;
  /** Invalid JSON in `data:` on every `every`th event of matching JSON streams. */
  malformEvents(options: StreamFaultTarget & { every: number }): void;
  /** The whole hub down: connections reset, or CloudFront's 503 for everything. Open streams are cut. */
  hubDown(mode?: DownMode): void;
  hubUp(): void;
  clearFaults(): void;
  faults(): FaultSnapshot;
  /** Puts a Space in `stage` (with `errorMessage` for error stages); it stays there until an action moves it. */
  setStage(spaceId: string, stage: SpaceStage, errorMessage?: string): void;
  resetCounters(): void;
  /**
   * Timed changes of a Space's stage and/or app answer, counted from this call, e.g.
   * `[{ at: '10s', stage: 'RUNTIME_ERROR' }, { at: '40s', stage: 'RUNNING' }]`. It
   * replaces the script the Space was running; actions on the Space do not stop it.
   */
  startScript(spaceId: string, steps: ScriptStepInput[]): ScriptSnapshot;
  stopScript(spaceId: string): void;
  /** What the Space's app answers from now on; null: the scenario's answer again. */
  setApp(spaceId: string, app: AppAnswerInput | null): AppAnswer;
  /** The Space crashes `after` each time it reaches RUNNING, `crashes` times (counted afresh); null ends it. */
  setCrashLoop(spaceId: string, loop: CrashLoopInput | null): CrashLoopSnapshot | null;
  /** The Space's next builds (or the next `builds` of them) take `duration`, or never end; null: normal builds. */
  setStuckBuild(spaceId: string, build: StuckBuildInput | null): StuckBuildSnapshot | null;
  space(spaceId: string): SpaceControlSnapshot;
  /** The Hub's clock: now, the start, the time scale, whether it is manual. */
  clock(): HubTimeSnapshot;
  /** Moves a manual Hub clock forward by a duration of the Hub's time, e.g. `"10s"`, running what falls due. */
  advanceClock(by: string): HubTimeSnapshot;
}

/** Inputs are `unknown` here because the control route hands over raw JSON; every one is validated. */
export class HubEmulatorControl implements EmulatorControl {
  constructor(
    private readonly hub: HubContext,
    private readonly streams: StreamRegistry,
  ) {}

  setLatency(fault: unknown): void {
    this.hub.faults.setLatency(fault === null ? null : validate(LatencyFaultSchema, fault, 'latency fault'));
  }

  failRoute(fault: unknown): void {
    this.hub.faults.addError(validate(ErrorFaultSchema, fault, 'error fault'));
  }

  setRateLimit(patch: unknown): RateLimitConfig {
    Object.assign(this.hub.rateLimit, validate(RateLimitPatchSchema, patch, 'rate limit'));
    this.hub.apiLimiter.reset();
    this.hub.whoamiLimiter.reset();
    return this.rateLimit();
  }

  rateLimit(): RateLimitConfig {
    return { ...this.hub.rateLimit };
  }

  dropStreams({ afterEvents, ...target }: StreamFaultTarget & { afterEvents: number }): void {
    this.addStreamFault({ ...target, dropAfterEvents: afterEvents });
  }

  malformEvents({ every, ...target }: StreamFaultTarget & { every: number }): void {
    this.addStreamFault({ ...target, malformedEvery: every });
  }

  addStreamFault(fault: unknown): void {
    this.hub.faults.addStreamFault(validate(StreamFaultSchema, fault, 'stream fault'));
  }

  hubDown(mode?: unknown): void {
    this.hub.faults.setDown(validate(DownFaultSchema, { mode }, 'down mode').mode);
    this.streams.destroyAll();
  }

  hubUp(): void {
    this.hub.faults.setDown(null);
  }

  clearFaults(): void {
    this.hub.faults.clear();
  }

  faults(): FaultSnapshot {
    return this.hub.faults.snapshot();
  }

  setStage(spaceId: string, stage: unknown, errorMessage?: unknown): void {
    const input = validate(SetStageSchema, { stage, errorMessage }, 'stage');
    this.hub.machine.forceStage(this.spaceOf(spaceId), input.stage, input.errorMessage);
  }

  resetCounters(): void {
    this.hub.counters.reset();
  }

  startScript(spaceId: string, steps: unknown): ScriptSnapshot {
    const script = validate(ScriptSchema, steps, 'script');
    return this.hub.scripts.start(this.spaceOf(spaceId), script);
  }

  stopScript(spaceId: string): void {
    this.hub.scripts.stop(this.spaceOf(spaceId));
  }

  setApp(spaceId: string, app: unknown): AppAnswer {
    const answer = app === null ? null : validate(AppAnswerSchema, app, 'app answer');
    const space = this.spaceOf(spaceId);
    this.hub.apps.set(space, answer);
    return this.hub.apps.get(space);
  }

  setCrashLoop(spaceId: string, loop: unknown): CrashLoopSnapshot | null {
    const config = loop === null ? null : validate(CrashLoopSchema, loop, 'crash loop');
    const space = this.spaceOf(spaceId, 'a crash loop');
    this.hub.crashLoops.set(space, config);
    return this.hub.crashLoops.snapshot(space);
  }

  setStuckBuild(spaceId: string, build: unknown): StuckBuildSnapshot | null {
    const config = build === null ? null : validate(StuckBuildSchema, build, 'stuck build');
    const space = this.spaceOf(spaceId, 'a stuck build');
    this.hub.stuckBuilds.set(space, config);
    return this.hub.stuckBuilds.snapshot(space);
  }

  space(spaceId: string): SpaceControlSnapshot {
    const space = this.spaceOf(spaceId);
    return {
      id: space.id,
      stage: space.runtime.stage,
      script: this.hub.scripts.snapshot(space),
      app: this.hub.apps.get(space),
      crashLoop: this.hub.crashLoops.snapshot(space),
      stuckBuild: this.hub.stuckBuilds.snapshot(space),
      sleepsAt: this.hub.sleep.sleepsAt(space),
      activity: this.hub.counters.space(space.id),
    };
  }

  clock(): HubTimeSnapshot {
    return this.hub.time.snapshot();
  }

  advanceClock(by: unknown): HubTimeSnapshot {
    const { by: ms } = validate(AdvanceSchema, { by }, 'clock advance');
    if (!this.hub.time.advance(ms)) {
      throw new ControlInputError('The Hub clock is not manual: start the emulator with `clock: new ManualClock()` (or --manual-clock) to step it');
    }
    return this.clock();
  }

  /** `container` names what a static Space cannot have, for the 400 it gets. */
  private spaceOf(spaceId: string, container?: 'a crash loop' | 'a stuck build'): SpaceRecord {
    const space = this.hub.store.spaceById(spaceId);
    if (!space) throw new UnknownSpaceError(spaceId);
    if (container && space.isStatic) throw new ControlInputError(`Static Space "${space.id}" cannot have ${container}: it has no container`);
    return space;
  }
}
