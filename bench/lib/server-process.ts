import { spawn, type ChildProcess } from 'node:child_process';
import { freePort, httpRequest } from './http';
import { PROFILES_DIR, SERVER_ENTRY, WORKSPACE_ROOT } from './paths';
import { monotonicMs, sleep } from './time';

/** pino levels. */
const WARN = 40;
const ERROR = 50;
/** Messages kept for the report; the counts cover all of them. */
const KEPT_MESSAGES = 20;

/** Node flags for every server of this run (see --cpu-prof). */
let defaultNodeArgs: readonly string[] = [];

export function profileServers(): string {
  defaultNodeArgs = ['--cpu-prof', `--cpu-prof-dir=${PROFILES_DIR}`];
  return PROFILES_DIR;
}

/** Every server started, killed if the benchmark itself dies with one still running. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

export interface ServerLogSummary {
  warnings: number;
  errors: number;
  /** The first warning and error messages, and anything written to stderr. */
  messages: string[];
}

/**
 * The production server, `node dist/apps/api/main.js`, as a child process: the load
 * generator never shares its event loop. Its JSON log lines are counted by level.
 */
export class ServerProcess {
  /** When spawn() was called, on the monotonic clock. */
  readonly spawnedAt: number;
  readonly url: string;
  private readonly child: ChildProcess;
  private exitInfo: string | null = null;
  private readonly exited: Promise<void>;
  private stdoutRest = '';
  private readonly log: ServerLogSummary = { warnings: 0, errors: 0, messages: [] };

  private constructor(env: Record<string, string>, port: number, nodeArgs: readonly string[], entry: string) {
    this.url = `http://127.0.0.1:${port}`;
    this.spawnedAt = monotonicMs();
    this.child = spawn(process.execPath, [...defaultNodeArgs, ...nodeArgs, entry], {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NODE_ENV: 'production', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(this.child);
    this.child.stdout?.setEncoding('utf8');
    this.child.stdout?.on('data', (chunk: string) => this.onStdout(chunk));
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => this.keep(`stderr: ${chunk.trim().slice(0, 500)}`));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        running.delete(this.child);
        this.exitInfo = `code ${code}, signal ${signal}`;
        resolve();
      }),
    );
  }

  /**
   * Spawns the server on a free port; it is not ready yet (see waitReady). `nodeArgs`, e.g.
   * `--cpu-prof`, go to node before the bundle (NODE_OPTIONS refuses some of them).
   * `entry` is another build of main.js, e.g. an older commit's, to measure before and after.
   */
  static async spawn(env: Record<string, string>, nodeArgs: readonly string[] = [], entry = SERVER_ENTRY): Promise<ServerProcess> {
    return new ServerProcess(env, await freePort(), nodeArgs, entry);
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('The server process did not start');
    return this.child.pid;
  }

  get running(): boolean {
    return this.exitInfo === null;
  }

  get logSummary(): ServerLogSummary {
    return { ...this.log, messages: [...this.log.messages] };
  }

  /** Resolves once /api/v1/health answers 200. */
  async waitReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`The server exited during start-up (${this.exitInfo}): ${this.log.messages.join(' | ')}`);
      try {
        if ((await httpRequest(`${this.url}/api/v1/health`, { timeoutMs: 5000 })).status === 200) return;
      } catch {
        // Not listening yet.
      }
      await sleep(50);
    }
    throw new Error(`The server did not answer /api/v1/health within ${timeoutMs} ms`);
  }

  /** SIGTERM (the graceful stop), SIGKILL if it has not ended within `graceMs`. */
  async stop(graceMs = 10_000): Promise<void> {
    if (!this.running) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(timer);
  }

  private onStdout(chunk: string): void {
    const lines = (this.stdoutRest + chunk).split('\n');
    this.stdoutRest = lines.pop() ?? '';
    for (const line of lines) {
      if (line.trim() === '') continue;
      let level = 0;
      let message = line;
      try {
        const parsed = JSON.parse(line) as { level?: unknown; msg?: unknown; context?: unknown };
        level = typeof parsed.level === 'number' ? parsed.level : 0;
        message = `${typeof parsed.context === 'string' ? `${parsed.context}: ` : ''}${typeof parsed.msg === 'string' ? parsed.msg : line}`;
      } catch {
        // A line that is not JSON is kept as it is.
      }
      if (level >= ERROR) this.log.errors++;
      else if (level >= WARN) this.log.warnings++;
      if (level >= WARN) this.keep(message.slice(0, 300));
    }
  }

  private keep(message: string): void {
    if (message.startsWith('stderr: ')) this.log.errors++;
    if (this.log.messages.length < KEPT_MESSAGES) this.log.messages.push(message);
  }
}
