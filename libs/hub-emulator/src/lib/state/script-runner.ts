import type { AppAnswers } from '../app-host/app-answers';
import type { SpaceStage } from '../hub/stages';
import type { AppAnswer, ScriptStep } from '../scenario/scenario.schema';
import type { HubStore } from './hub-store';
import type { SpaceRecord } from './space-record';
import type { StageMachine } from './stage-machine';
import type { TimerHandle, Timers } from './timers';

interface Step {
  atMs: number;
  stage?: SpaceStage;
  errorMessage?: string;
  app?: AppAnswer;
  /** Scenario `events`: an intermediate stage then finishes as the Hub would. */
  settle: boolean;
}

interface Running {
  startedAt: number;
  steps: Array<{ step: Step; done: boolean; handle: TimerHandle }>;
}

export interface ScriptStepSnapshot {
  /** When it fires (or fired), on the Hub's clock. */
  at: string;
  /** Milliseconds from the script's start. */
  offsetMs: number;
  stage?: SpaceStage;
  errorMessage?: string;
  app?: AppAnswer;
  done: boolean;
}

export interface ScriptSnapshot {
  startedAt: string;
  steps: ScriptStepSnapshot[];
}

/**
 * Timed stage and app changes per Space, on the Hub's clock: the scenario's `events`
 * and `script` from the emulator's start, or a script started through control, which
 * replaces the one running. Actions on the Space do not stop its script.
 */
export class ScriptRunner {
  private readonly running = new Map<string, Running>();

  constructor(
    private readonly store: HubStore,
    private readonly machine: StageMachine,
    private readonly apps: AppAnswers,
    private readonly timers: Timers,
  ) {}

  /** Arms every Space's scenario script; their times count from now. */
  startAll(): void {
    for (const space of this.store.spaces) {
      const events = space.def.events.map((event): Step => ({ ...event, atMs: event.afterMs, settle: true }));
      const script = space.def.script.map((step) => this.fromScript(step));
      const steps = [...events, ...script].sort((a, b) => a.atMs - b.atMs);
      if (steps.length > 0) this.run(space, steps);
    }
  }

  /** Replaces the Space's script with `steps`, timed from now. */
  start(space: SpaceRecord, steps: readonly ScriptStep[]): ScriptSnapshot {
    this.run(space, steps.map((step) => this.fromScript(step)));
    return this.snapshot(space) as ScriptSnapshot;
  }

  stop(space: SpaceRecord): void {
    for (const entry of this.running.get(space.id)?.steps ?? []) entry.handle.cancel();
    this.running.delete(space.id);
  }

  snapshot(space: SpaceRecord): ScriptSnapshot | null {
    const running = this.running.get(space.id);
    if (!running) return null;
    return {
      startedAt: new Date(running.startedAt).toISOString(),
      steps: running.steps.map(({ step, done }) => ({
        at: new Date(running.startedAt + step.atMs).toISOString(),
        offsetMs: step.atMs,
        ...(step.stage === undefined ? {} : { stage: step.stage }),
        ...(step.errorMessage === undefined ? {} : { errorMessage: step.errorMessage }),
        ...(step.app === undefined ? {} : { app: step.app }),
        done,
      })),
    };
  }

  private fromScript({ at, ...change }: ScriptStep): Step {
    return { ...change, atMs: at, settle: false };
  }

  private run(space: SpaceRecord, steps: Step[]): void {
    this.stop(space);
    const running: Running = { startedAt: this.timers.now(), steps: [] };
    for (const step of steps) {
      const entry = { step, done: false, handle: this.timers.timeout(step.atMs, () => this.apply(space, entry)) };
      running.steps.push(entry);
    }
    this.running.set(space.id, running);
  }

  private apply(space: SpaceRecord, entry: Running['steps'][number]): void {
    entry.done = true;
    const { stage, errorMessage, app, settle } = entry.step;
    if (app) this.apps.set(space, app);
    if (stage) this.machine.forceStage(space, stage, errorMessage, settle);
  }
}
