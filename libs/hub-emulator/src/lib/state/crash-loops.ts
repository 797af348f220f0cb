import type { CrashLoop } from '../scenario/scenario.schema';
import type { HubStore } from './hub-store';
import type { SpaceRecord } from './space-record';
import type { StageMachine } from './stage-machine';
import type { TimerHandle, Timers } from './timers';

interface Loop {
  config: CrashLoop;
  crashed: number;
  crash: { at: number; handle: TimerHandle } | null;
}

export interface CrashLoopSnapshot {
  afterMs: number;
  /** Crashes in all; null: every time. */
  crashes: number | null;
  crashed: number;
  healedByRebuild: boolean;
  /** The next crash, on the Hub's clock, while the Space runs and the loop is not over. */
  nextCrashAt: string | null;
}

/**
 * Spaces that crash into RUNTIME_ERROR `after` each time they reach RUNNING (at the
 * start, after a restart or a wake), `crashes` times, then stay up (invented for tests).
 */
export class CrashLoops {
  private readonly loops = new Map<string, Loop>();

  constructor(
    private readonly store: HubStore,
    private readonly machine: StageMachine,
    private readonly timers: Timers,
  ) {
    for (const space of store.spaces) if (space.def.crashLoop) this.loops.set(space.id, { config: space.def.crashLoop, crashed: 0, crash: null });
    store.onAnyStage(({ space }) => this.reconcile(space));
    store.onAction(({ space, kind }) => {
      if (kind === 'rebuild' && this.loops.get(space.id)?.config.healedByRebuild) this.set(space, null);
    });
  }

  /** Arms the loops of the Spaces already running at the emulator's start. */
  start(): void {
    for (const space of this.store.spaces) this.reconcile(space);
  }

  /** A new loop starts counting its crashes from zero; null ends the loop. */
  set(space: SpaceRecord, config: CrashLoop | null): void {
    this.loops.get(space.id)?.crash?.handle.cancel();
    if (config === null) this.loops.delete(space.id);
    else this.loops.set(space.id, { config, crashed: 0, crash: null });
    this.reconcile(space);
  }

  snapshot(space: SpaceRecord): CrashLoopSnapshot | null {
    const loop = this.loops.get(space.id);
    if (!loop) return null;
    return {
      afterMs: loop.config.after,
      crashes: loop.config.crashes ?? null,
      crashed: loop.crashed,
      healedByRebuild: loop.config.healedByRebuild,
      nextCrashAt: loop.crash ? new Date(loop.crash.at).toISOString() : null,
    };
  }

  private reconcile(space: SpaceRecord): void {
    const loop = this.loops.get(space.id);
    if (!loop) return;
    const due = space.runtime.stage === 'RUNNING' && (loop.config.crashes === undefined || loop.crashed < loop.config.crashes);
    if (due && !loop.crash) {
      const handle = this.timers.timeout(loop.config.after, () => {
        loop.crash = null;
        loop.crashed++;
        this.machine.crash(space, loop.config.errorMessage);
      });
      loop.crash = { at: this.timers.now() + loop.config.after, handle };
    } else if (!due && loop.crash) {
      loop.crash.handle.cancel();
      loop.crash = null;
    }
  }
}
