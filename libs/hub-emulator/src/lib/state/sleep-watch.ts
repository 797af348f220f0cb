import type { HubStore } from './hub-store';
import type { SpaceRecord } from './space-record';
import type { StageMachine } from './stage-machine';
import type { TimerHandle, Timers } from './timers';

/**
 * Puts a running Space to sleep once `gcTimeout` seconds of the Hub's time pass without
 * a request to its app (docs/hub-api.md §3, §14.1: kept alive "after the last request";
 * that any request counts and that a new container starts the countdown afresh are
 * inferred). Off unless the scenario sets `sleepAfterGcTimeout`, so older scenarios keep
 * their Spaces up.
 */
export class SleepWatch {
  private readonly lastActivity = new Map<string, number>();
  private readonly countdowns = new Map<string, { at: number; handle: TimerHandle }>();

  constructor(
    private readonly store: HubStore,
    private readonly machine: StageMachine,
    private readonly timers: Timers,
    readonly enabled: boolean,
  ) {
    store.onAnyStage(({ space, stage }) => {
      if (stage === 'RUNNING') this.lastActivity.set(space.id, this.timers.now());
      this.reconcile(space);
    });
    store.onAction(({ space, kind }) => {
      if (kind === 'sleep-time' || kind === 'hardware') this.reconcile(space);
    });
  }

  /** The Spaces running at the emulator's start have just been visited, as far as it knows. */
  start(): void {
    for (const space of this.store.spaces) {
      this.lastActivity.set(space.id, this.timers.now());
      this.reconcile(space);
    }
  }

  /** A request reached the Space's app: the countdown starts again. */
  visited(space: SpaceRecord): void {
    this.lastActivity.set(space.id, this.timers.now());
    this.reconcile(space);
  }

  /** When the Space falls asleep if nobody visits it, on the Hub's clock; null if it will not. */
  sleepsAt(space: SpaceRecord): string | null {
    const countdown = this.countdowns.get(space.id);
    return countdown ? new Date(countdown.at).toISOString() : null;
  }

  private reconcile(space: SpaceRecord): void {
    this.countdowns.get(space.id)?.handle.cancel();
    this.countdowns.delete(space.id);
    const gcTimeout = space.runtime.gcTimeout;
    if (!this.enabled || space.isStatic || space.runtime.stage !== 'RUNNING' || gcTimeout === null) return;
    const at = (this.lastActivity.get(space.id) ?? this.timers.now()) + gcTimeout * 1000;
    const handle = this.timers.timeout(Math.max(0, at - this.timers.now()), () => {
      this.countdowns.delete(space.id);
      this.machine.sleep(space);
    });
    this.countdowns.set(space.id, { at, handle });
  }
}
