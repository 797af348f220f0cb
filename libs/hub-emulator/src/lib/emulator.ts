import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createHubApp } from './app';
import { AppAnswers } from './app-host/app-answers';
import { systemClock, type Clock } from './clock/clock';
import { HubTime } from './clock/hub-time';
import { HubEmulatorControl, type EmulatorControl } from './control/emulator-control';
import { EmulatorCounters } from './counters';
import { FaultInjector } from './faults/fault-injector';
import type { HubContext } from './http/hub-context';
import { LogBook } from './logs/log-book';
import { RunLogProducer } from './logs/run-log-producer';
import { MetricsHub, type MetricSampleObserver } from './metrics/metrics-hub';
import { CursorCodec } from './paging/cursor';
import { Prng } from './random/prng';
import { FixedWindowLimiter } from './rate-limit/rate-limiter';
import { demoScenario } from './scenario/demo-scenario';
import { loadScenario } from './scenario/load-scenario';
import {
  DEFAULT_RATE_LIMIT,
  DEFAULT_TIMINGS,
  type RateLimitConfig,
  type Scenario,
  type ScenarioInput,
  type StageTimings,
} from './scenario/scenario.schema';
import { StreamRegistry } from './sse/sse-writer';
import { CrashLoops } from './state/crash-loops';
import { HubStore } from './state/hub-store';
import { ScriptRunner } from './state/script-runner';
import { SleepWatch } from './state/sleep-watch';
import { StageMachine } from './state/stage-machine';
import { StuckBuilds } from './state/stuck-builds';
import { Timers } from './state/timers';

export interface StartHubEmulatorOptions {
  /** Default 0: an ephemeral port. */
  port?: number;
  /** Default `127.0.0.1`. */
  host?: string;
  /** A scenario object or a path to a JSON file; default: the demo scenario. */
  scenario?: ScenarioInput | string;
  /** Overrides the scenario's seed. */
  seed?: number;
  /** Stage durations in ms, over the scenario's, e.g. short ones for tests. */
  timings?: Partial<StageTimings>;
  /** Over the scenario's rate limits. */
  rateLimit?: Partial<RateLimitConfig>;
  /**
   * The Hub's time source (stage timings, scripts, crash loops, sleep), e.g. a
   * ManualClock a test steps; default: the system clock. Streams and latency stay on
   * the system clock.
   */
  clock?: Clock;
  /** Over the scenario's `timeScale`: the Hub's time runs this many times faster than `clock`. */
  timeScale?: number;
  /** Over the scenario's `sleepAfterGcTimeout`. */
  sleepAfterGcTimeout?: boolean;
  /** Live-metrics period; default 1000 (about 1 Hz, like the Hub). */
  metricsIntervalMs?: number;
  /** SSE keep-alive period; default 15000. */
  keepAliveMs?: number;
  /** Period of access-log lines in followed run logs; default 3000. */
  runLogIntervalMs?: number;
  /**
   * Called with every live-metrics sample just before it is written to the Space's open
   * streams. A programmatic hook for benchmarks (send-to-receive latency is measured
   * without adding a field the Hub does not send); nothing of it reaches HTTP.
   */
  onMetricSample?: MetricSampleObserver;
}

export interface HubEmulator {
  /** `http://127.0.0.1:<port>`, no trailing slash; serves `/api/...` and `/v1/...`. */
  url: string;
  control: EmulatorControl;
  counters: EmulatorCounters;
  /** The loaded scenario, frozen. */
  scenario: Scenario;
  /** The template for `SPACE_URL_TEMPLATE`: `<url>/_apps/{subdomain}`. */
  appUrlTemplate: string;
  /** The Hub's clock (scaled by `timeScale`); scenario scripts count from `startedAt` on it. */
  clock: Clock;
  /** When the emulator started, in ms on `clock`. */
  startedAt: number;
  /** Closes the server, every open stream and every timer. */
  close(): Promise<void>;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** Wildcard binds are reached through loopback; IPv6 literals need brackets. */
function urlHost(host: string): string {
  if (host === '0.0.0.0') return '127.0.0.1';
  if (host === '::') return '[::1]';
  return host.includes(':') ? `[${host}]` : host;
}

/** Starts the hub emulator on real HTTP and resolves once it listens. */
export async function startHubEmulator(options: StartHubEmulatorOptions = {}): Promise<HubEmulator> {
  const loaded = options.scenario === undefined ? demoScenario() : loadScenario(options.scenario);
  const seed = options.seed ?? loaded.seed;
  const scenario = deepFreeze({ ...loaded, seed });
  const timings: StageTimings = { ...DEFAULT_TIMINGS, ...scenario.timings, ...options.timings };

  const time = new HubTime(options.clock ?? systemClock, options.timeScale ?? scenario.timeScale);
  const timers = new Timers();
  const hubTimers = new Timers(time.clock);
  const store = new HubStore(scenario, seed);
  const counters = new EmulatorCounters();
  store.onAction(({ space, kind }) => counters.recordAction(space.id, kind));
  const faults = new FaultInjector(new Prng(seed, 'faults'));
  const registry = new StreamRegistry();
  const runLogs = new RunLogProducer(store, timers, options.runLogIntervalMs ?? 3000);
  const logs = new LogBook((spaceId, kind, count) => runLogs.listenersChanged(spaceId, kind, count));
  runLogs.attach(logs);
  const stuckBuilds = new StuckBuilds(store);
  const machine = new StageMachine(store, logs, hubTimers, timings, stuckBuilds);
  const apps = new AppAnswers();

  const hub: HubContext = {
    store,
    machine,
    metrics: new MetricsHub(store, timers, options.metricsIntervalMs ?? 1000, options.onMetricSample),
    logs,
    counters,
    faults,
    timers,
    time,
    hubTimers,
    apps,
    scripts: new ScriptRunner(store, machine, apps, hubTimers),
    crashLoops: new CrashLoops(store, machine, hubTimers),
    stuckBuilds,
    sleep: new SleepWatch(store, machine, hubTimers, options.sleepAfterGcTimeout ?? scenario.sleepAfterGcTimeout),
    cursor: new CursorCodec(),
    sse: { timers, counters, faults, registry, keepAliveMs: options.keepAliveMs ?? 15_000 },
    rateLimit: { ...DEFAULT_RATE_LIMIT, ...scenario.rateLimit, ...options.rateLimit },
    apiLimiter: new FixedWindowLimiter(),
    whoamiLimiter: new FixedWindowLimiter(),
    pageSize: scenario.pageSize,
  };
  const control = new HubEmulatorControl(hub, registry);
  const server = createServer(createHubApp(hub, control));
  const host = options.host ?? '127.0.0.1';
  const address = await listen(server, options.port ?? 0, host);
  // Scripts, crash loops and sleep countdowns count from the moment the hub can be reached.
  time.start();
  machine.start();
  hub.crashLoops.start();
  hub.sleep.start();
  hub.scripts.startAll();

  let closing: Promise<void> | null = null;
  const url = `http://${urlHost(host)}:${address.port}`;
  return {
    url,
    control,
    counters,
    scenario,
    appUrlTemplate: `${url}/_apps/{subdomain}`,
    clock: time.clock,
    startedAt: time.startedAt,
    close: () => {
      closing ??= new Promise<void>((resolve) => {
        timers.clearAll();
        hubTimers.clearAll();
        registry.endAll();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
