import { systemClock, type Cancel, type Clock } from '../clock/clock';

export interface TimerHandle {
  cancel(): void;
}

/**
 * Every timeout and interval the emulator starts goes through here, on one clock, so
 * `close()` can clear them all and Jest exits without open handles.
 */
export class Timers {
  private readonly active = new Set<Cancel>();

  constructor(readonly clock: Clock = systemClock) {}

  now(): number {
    return this.clock.now();
  }

  timeout(ms: number, fn: () => void): TimerHandle {
    const cancel = this.clock.timeout(ms, () => {
      this.active.delete(cancel);
      fn();
    });
    return this.track(cancel);
  }

  interval(ms: number, fn: () => void): TimerHandle {
    return this.track(this.clock.interval(ms, fn));
  }

  delay(ms: number): Promise<void> {
    return new Promise((resolve) => this.timeout(ms, resolve));
  }

  clearAll(): void {
    for (const cancel of this.active) cancel();
    this.active.clear();
  }

  private track(cancel: Cancel): TimerHandle {
    this.active.add(cancel);
    return {
      cancel: () => {
        cancel();
        this.active.delete(cancel);
      },
    };
  }
}
