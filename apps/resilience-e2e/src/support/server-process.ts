import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { httpRequest } from './http';
import { sleep } from './wait';
import { SERVER_ENTRY, WORKSPACE_ROOT } from './workspace';

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One JSON log line of the server (pino). */
export interface LogLine {
  level?: number;
  msg?: string;
  context?: string;
  res?: { statusCode?: number };
  [key: string]: unknown;
}

/** Every server a spec started, killed if the Jest worker exits with one still running. */
const running = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of running) child.kill('SIGKILL');
});

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

/** pino's levels: 50 error, 60 fatal. */
const FATAL = 60;
/** What Node and the server say when something escaped every handler. */
const ESCAPED = /unhandled|uncaught|ERR_UNHANDLED_REJECTION|FATAL ERROR|heap out of memory/i;

/**
 * `node dist/apps/api/main.js`, the production bundle, started the way the Docker image
 * starts it, with the given environment only. Its stdout (JSON log lines) and stderr are
 * kept so a spec can prove that nothing escaped: no crash, no unhandled rejection, no
 * uncaught exception, no unexpected 500.
 */
export class ServerProcess {
  readonly exited: Promise<ServerExit>;
  private exit: ServerExit | null = null;
  private stdout = '';
  private stderr = '';
  private readonly child: ChildProcess;

  private constructor(
    env: Record<string, string>,
    readonly port: number,
  ) {
    this.child = spawn(process.execPath, [SERVER_ENTRY], {
      cwd: WORKSPACE_ROOT,
      env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NODE_ENV: 'production', HOST: '127.0.0.1', ...env, PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    running.add(this.child);
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) =>
      this.child.once('exit', (code, signal) => {
        running.delete(this.child);
        this.exit = { code, signal };
        resolve(this.exit);
      }),
    );
  }

  /** Starts the server and resolves once it answers /api/v1/health (it must start whatever the Hub does). */
  static async start(env: Record<string, string>, readyTimeoutMs = 60_000): Promise<ServerProcess> {
    const server = new ServerProcess(env, await freePort());
    const deadline = Date.now() + readyTimeoutMs;
    while (Date.now() < deadline) {
      if (!server.running) throw new Error(`The server exited during start-up\n${server.describe()}`);
      try {
        if ((await httpRequest(`${server.url}/api/v1/health`, { timeoutMs: 5000 })).status === 200) return server;
      } catch {
        // Not listening yet.
      }
      await sleep(200);
    }
    await server.stop();
    throw new Error(`The server did not answer /api/v1/health within ${readyTimeoutMs} ms\n${server.describe()}`);
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get running(): boolean {
    return this.exit === null;
  }

  /** The stdout lines that parse as JSON objects. */
  logs(): LogLine[] {
    return this.stdout.split('\n').flatMap((line) => {
      if (line.trim() === '') return [];
      try {
        const value: unknown = JSON.parse(line);
        return typeof value === 'object' && value !== null ? [value as LogLine] : [];
      } catch {
        return [];
      }
    });
  }

  /** Log lines from one Nest context, e.g. `HfClient`. */
  logsOf(context: string): LogLine[] {
    return this.logs().filter((line) => line.context === context);
  }

  /**
   * Everything that shows the server lost control: it exited, wrote to stderr (where Node
   * puts crashes, unhandled rejections and its own warnings), logged at fatal level, logged
   * an escaped error, or answered 500: what AllExceptionsFilter answers for an error no
   * mapper knew. (Hub errors are mapped to 502/503/504 and are expected here.)
   */
  problems(): string[] {
    const found: string[] = [];
    if (this.exit) found.push(`the process exited (code ${this.exit.code}, signal ${this.exit.signal})`);
    if (this.stderr.trim() !== '') found.push(`stderr: ${this.stderr.slice(0, 2000)}`);
    for (const line of this.logs()) {
      const text = JSON.stringify(line);
      if ((line.level ?? 0) >= FATAL) found.push(`fatal log line: ${text.slice(0, 500)}`);
      else if (ESCAPED.test(text)) found.push(`escaped error: ${text.slice(0, 500)}`);
      else if (line.res?.statusCode === 500) found.push(`answered 500: ${text.slice(0, 500)}`);
    }
    return found;
  }

  /** SIGTERM (the graceful stop), then SIGKILL if it has not ended within `graceMs`. */
  async stop(graceMs = 10_000): Promise<ServerExit> {
    if (this.exit) return this.exit;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** The last output, for failure messages. */
  describe(): string {
    return `stdout (tail):\n${this.stdout.slice(-4000)}\nstderr (tail):\n${this.stderr.slice(-4000)}`;
  }
}
