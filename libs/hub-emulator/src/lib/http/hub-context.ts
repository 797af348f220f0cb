import type { EmulatorCounters } from '../counters';
import type { FaultInjector } from '../faults/fault-injector';
import type { LogBook } from '../logs/log-book';
import type { MetricsHub } from '../metrics/metrics-hub';
import type { CursorCodec } from '../paging/cursor';
import type { FixedWindowLimiter } from '../rate-limit/rate-limiter';
import type { RateLimitConfig } from '../scenario/scenario.schema';
import type { SseDeps } from '../sse/sse-writer';
import type { HubStore } from '../state/hub-store';
import type { StageMachine } from '../state/stage-machine';
import type { Timers } from '../state/timers';

/** Everything a route needs, built once by the emulator. */
export interface HubContext {
  store: HubStore;
  machine: StageMachine;
  metrics: MetricsHub;
  logs: LogBook;
  counters: EmulatorCounters;
  faults: FaultInjector;
  timers: Timers;
  cursor: CursorCodec;
  sse: SseDeps;
  /** Mutable: the control API changes it at run time. */
  rateLimit: RateLimitConfig;
  apiLimiter: FixedWindowLimiter;
  whoamiLimiter: FixedWindowLimiter;
  pageSize: number;
}
