import { demoScenario, startHubEmulator, type DemoScenarioOptions, type HubEmulator, type ScenarioInput, type StageTimings } from '@hfd/hub-emulator';
import { ServerProcess } from '@hfd/test-support';

/** The dashboard's operator login (USER_NAME / USER_PASSWORD of the server). */
export const OPERATOR = { username: 'admin', password: 'dashboard-e2e-password' } as const;

/** The demo scenario's watch list in HF_USER form: alice and her org (write), bob (read-only), carol (no token). */
export const DEMO_HF_USER = 'alice:demo-alice-write,nebula-labs:demo-alice-write,bob:demo-bob-read,carol:';

/**
 * Short enough that a restart settles in seconds, long enough that the API (which reads a
 * Space's runtime every 2 s after an action) sees each stage on the way.
 */
export const FAST_TIMINGS: StageTimings = { buildMs: 3000, startMs: 4000, factoryBuildMs: 4000 };

/**
 * The demo scenario without its scripted events (pdf-chat crashing 90 s in), so that a
 * test's counts do not depend on how long the suite has been running.
 */
export function steadyDemoScenario(options: DemoScenarioOptions = {}): ScenarioInput {
  const scenario = demoScenario(options);
  return { ...scenario, spaces: scenario.spaces.map((space) => ({ ...space, events: [] })) };
}

export interface StackOptions {
  /** Default: the demo scenario without events. */
  scenario?: ScenarioInput;
  /** Default: the demo scenario's watch list. */
  hfUser?: string;
  /** Default: FAST_TIMINGS. */
  timings?: Partial<StageTimings>;
  /** Default 500 ms: metric values change visibly within a second or two. */
  metricsIntervalMs?: number;
  /** Runs after the emulator started and before the server does (e.g. take the Hub down). */
  beforeServer?: (hub: HubEmulator) => void | Promise<void>;
  /** Over the defaults below. */
  env?: Record<string, string>;
  /** Prefer this port (the screenshots script); default: any free one. */
  port?: number;
}

/**
 * The production stack on one origin: `node dist/apps/api/main.js` as a child process
 * (serving the dashboard build and the API), and the hub emulator in this process as the
 * Hub behind it, so a test can take the Hub down or move a Space's stage.
 */
export class DashboardStack {
  private constructor(
    readonly hub: HubEmulator,
    private readonly server: ServerProcess,
  ) {}

  static async start(options: StackOptions = {}): Promise<DashboardStack> {
    const hub = await startHubEmulator({
      port: 0,
      scenario: options.scenario ?? steadyDemoScenario(),
      timings: { ...FAST_TIMINGS, ...options.timings },
      metricsIntervalMs: options.metricsIntervalMs ?? 500,
    });
    try {
      await options.beforeServer?.(hub);
      const server = await ServerProcess.start({
        port: options.port,
        env: {
          HF_USER: options.hfUser ?? DEMO_HF_USER,
          HF_ENDPOINT: hub.url,
          HF_SPACES_ENDPOINT: hub.url,
          // Each Space's app on the emulator's app host: keep-alive visits and probes land there.
          SPACE_URL_TEMPLATE: `${hub.url}/_apps/{subdomain}`,
          USER_NAME: OPERATOR.username,
          USER_PASSWORD: OPERATOR.password,
          REFRESH_INTERVAL: '5s',
          HUB_TIMEOUT: '5s',
          LOG_LEVEL: 'warn',
          ...options.env,
        },
        // The dashboard's first request.
        readyPath: '/api/v1/config',
      });
      return new DashboardStack(hub, server);
    } catch (error) {
      await hub.close();
      throw error;
    }
  }

  get url(): string {
    return this.server.url;
  }

  /** Kills the server (SIGKILL: nothing to flush) and closes the emulator. */
  async close(): Promise<void> {
    await this.server.kill();
    await this.hub.close();
  }
}
