import type { TimerHandle, Timers } from './timers';

/**
 * Runs `tick` every `intervalMs` while switched on: a Space's metrics and run-log
 * producers only work while the Space runs and a stream listens.
 */
export class DemandTicker {
  private handle: TimerHandle | null = null;

  constructor(
    private readonly timers: Timers,
    private readonly intervalMs: number,
    private readonly tick: () => void,
  ) {}

  /** Switching on ticks at once, so a new listener need not wait a whole interval. */
  set(active: boolean): void {
    if (active && !this.handle) {
      this.handle = this.timers.interval(this.intervalMs, this.tick);
      this.tick();
    } else if (!active && this.handle) {
      this.handle.cancel();
      this.handle = null;
    }
  }
}
