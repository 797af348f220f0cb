import { spawn, type ChildProcess } from 'node:child_process';
import { get } from 'node:http';
import { createServer } from 'node:net';
import { demoScenario, startHubEmulator, type HubEmulator, type ScenarioInput, type StageTimings } from '@hfd/hub-emulator';
import { API_MAIN, WORKSPACE_ROOT } from './workspace';

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
export function steadyDemoScenario(): ScenarioInput {
  const scenario = demoScenario();
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

/** The status of a GET on a fresh connection (no keep-alive socket outlives the check), or 0 on failure. */
function statusOf(url: string, timeoutMs: number): Promise<number> {
  return new Promise((resolve) => {
    const request = get(url, { agent: false, timeout: timeoutMs }, (response) => {
      response.resume();
      response.once('end', () => resolve(response.statusCode ?? 0));
      response.once('error', () => resolve(0));
    });
    request.once('timeout', () => request.destroy());
    request.once('error', () => resolve(0));
  });
}

/** A port nobody listens on right now (the server gets it as PORT). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * The production stack on one origin: `node dist/apps/api/main.js` as a child process
 * (serving the dashboard build and the API), and the hub emulator in this process as the
 * Hub behind it, so a test can take the Hub down or move a Space's stage.
 */
export class DashboardStack {
  private stdout = '';
  private stderr = '';
  private readonly exited: Promise<void>;

  private constructor(
    readonly hub: HubEmulator,
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.stdout?.on('data', (chunk: Buffer) => (this.stdout = (this.stdout + chunk.toString()).slice(-20_000)));
    child.stderr?.on('data', (chunk: Buffer) => (this.stderr = (this.stderr + chunk.toString()).slice(-20_000)));
    this.exited = new Promise((resolve) => child.once('exit', () => resolve()));
  }

  static async start(options: StackOptions = {}): Promise<DashboardStack> {
    const hub = await startHubEmulator({
      port: 0,
      scenario: options.scenario ?? steadyDemoScenario(),
      timings: { ...FAST_TIMINGS, ...options.timings },
      metricsIntervalMs: options.metricsIntervalMs ?? 500,
    });
    try {
      await options.beforeServer?.(hub);
      const port = options.port ?? (await freePort());
      const child = spawn(process.execPath, [API_MAIN], {
        cwd: WORKSPACE_ROOT,
        // Only what the server needs: nothing of this process's environment (HF_USER of a
        // developer, say) leaks into the test server.
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          NODE_ENV: 'production',
          HF_USER: options.hfUser ?? DEMO_HF_USER,
          HF_ENDPOINT: hub.url,
          HF_SPACES_ENDPOINT: hub.url,
          USER_NAME: OPERATOR.username,
          USER_PASSWORD: OPERATOR.password,
          REFRESH_INTERVAL: '5s',
          HUB_TIMEOUT: '5s',
          LOG_LEVEL: 'warn',
          HOST: '127.0.0.1',
          PORT: String(port),
          ...options.env,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      const stack = new DashboardStack(hub, child, `http://127.0.0.1:${port}`);
      killOnExit.add(child);
      child.once('exit', () => killOnExit.delete(child));
      await stack.waitUntilReady();
      return stack;
    } catch (error) {
      await hub.close();
      throw error;
    }
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Kills the server (SIGKILL: nothing to flush) and closes the emulator. */
  async close(): Promise<void> {
    if (this.running) {
      this.child.kill('SIGKILL');
      await this.exited;
    }
    await this.hub.close();
  }

  /** The server's last output, for failure messages. */
  describe(): string {
    return `server stdout (tail):\n${this.stdout.slice(-3000)}\nserver stderr (tail):\n${this.stderr.slice(-3000)}`;
  }

  /** Ready when GET /api/v1/config answers 200: the dashboard's first request. */
  private async waitUntilReady(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`The server exited during start-up\n${this.describe()}`);
      if ((await statusOf(`${this.url}/api/v1/config`, 5000)) === 200) return;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    this.child.kill('SIGKILL');
    throw new Error(`The server did not answer /api/v1/config within ${timeoutMs} ms\n${this.describe()}`);
  }
}

/** A Jest worker that dies (or a script interrupted) must not leave servers behind. */
const killOnExit = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of killOnExit) child.kill('SIGKILL');
});
