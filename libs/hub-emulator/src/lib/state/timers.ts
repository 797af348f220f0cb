export interface TimerHandle {
  cancel(): void;
}

/**
 * Every timeout and interval the emulator starts goes through here, so `close()`
 * can clear them all and Jest exits without open handles.
 */
export class Timers {
  private readonly timeouts = new Set<NodeJS.Timeout>();
  private readonly intervals = new Set<NodeJS.Timeout>();

  timeout(ms: number, fn: () => void): TimerHandle {
    const handle = setTimeout(() => {
      this.timeouts.delete(handle);
      fn();
    }, ms);
    this.timeouts.add(handle);
    return {
      cancel: () => {
        clearTimeout(handle);
        this.timeouts.delete(handle);
      },
    };
  }

  interval(ms: number, fn: () => void): TimerHandle {
    const handle = setInterval(fn, ms);
    this.intervals.add(handle);
    return {
      cancel: () => {
        clearInterval(handle);
        this.intervals.delete(handle);
      },
    };
  }

  delay(ms: number): Promise<void> {
    return new Promise((resolve) => this.timeout(ms, resolve));
  }

  clearAll(): void {
    for (const handle of this.timeouts) clearTimeout(handle);
    for (const handle of this.intervals) clearInterval(handle);
    this.timeouts.clear();
    this.intervals.clear();
  }
}
