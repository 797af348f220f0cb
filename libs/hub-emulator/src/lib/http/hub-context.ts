import type { AppAnswers } from '../app-host/app-answers';
import type { HubTime } from '../clock/hub-time';
import type { EmulatorCounters } from '../counters';
import type { FaultInjector } from '../faults/fault-injector';
import type { LogBook } from '../logs/log-book';
import type { MetricsHub } from '../metrics/metrics-hub';
import type { CursorCodec } from '../paging/cursor';
import type { FixedWindowLimiter } from '../rate-limit/rate-limiter';
import type { RateLimitConfig } from '../scenario/scenario.schema';
import type { SseDeps } from '../sse/sse-writer';
import type { CrashLoops } from '../state/crash-loops';
import type { HubStore } from '../state/hub-store';
import type { ScriptRunner } from '../state/script-runner';
import type { SleepWatch } from '../state/sleep-watch';
import type { StageMachine } from '../state/stage-machine';
import type { StuckBuilds } from '../state/stuck-builds';
import type { Timers } from '../state/timers';

/** Everything a route needs, built once by the emulator. */
export interface HubContext {
  store: HubStore;
  machine: StageMachine;
  metrics: MetricsHub;
  logs: LogBook;
  counters: EmulatorCounters;
  faults: FaultInjector;
  /** The system clock: streams, sampling, injected and app latency. */
  timers: Timers;
  time: HubTime;
  /** On the Hub's time, which the scenario's `timeScale` or an injected clock may run differently. */
  hubTimers: Timers;
  apps: AppAnswers;
  scripts: ScriptRunner;
  crashLoops: CrashLoops;
  stuckBuilds: StuckBuilds;
  sleep: SleepWatch;
  cursor: CursorCodec;
  sse: SseDeps;
  /** Mutable: the control API changes it at run time. */
  rateLimit: RateLimitConfig;
  apiLimiter: FixedWindowLimiter;
  whoamiLimiter: FixedWindowLimiter;
  pageSize: number;
}
