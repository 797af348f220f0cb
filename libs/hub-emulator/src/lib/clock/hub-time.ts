import { ScaledClock, type Clock } from './clock';
import { ManualClock } from './manual-clock';

export interface HubTimeSnapshot {
  now: string;
  startedAt: string;
  /** Hub time per unit of the base clock's time. */
  timeScale: number;
  /** The base clock is a ManualClock, so `advance` works. */
  manual: boolean;
}

/** The Hub's clock: a base clock (system or manual), sped up by the scenario's `timeScale`. */
export class HubTime {
  readonly clock: Clock;
  private started = 0;

  constructor(
    private readonly base: Clock,
    readonly timeScale: number,
  ) {
    this.clock = timeScale === 1 ? base : new ScaledClock(base, timeScale);
  }

  /** Scenario scripts count from here. */
  start(): void {
    this.started = this.clock.now();
  }

  get startedAt(): number {
    return this.started;
  }

  get manual(): boolean {
    return this.base instanceof ManualClock;
  }

  /** Moves a manual base clock by `ms` of the Hub's time; false when the base is not manual. */
  advance(ms: number): boolean {
    if (!(this.base instanceof ManualClock)) return false;
    this.base.advance(ms / this.timeScale);
    return true;
  }

  snapshot(): HubTimeSnapshot {
    return {
      now: new Date(this.clock.now()).toISOString(),
      startedAt: new Date(this.started).toISOString(),
      timeScale: this.timeScale,
      manual: this.manual,
    };
  }
}
