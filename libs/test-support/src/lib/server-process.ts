import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { track } from './children';
import { freePort } from './free-port';
import { httpRequest } from './http';
import { sleep } from './wait';
import { SERVER_ENTRY, WORKSPACE_ROOT } from './workspace';

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

/** One JSON log line of the server (pino): the fields tests read, and whatever else it holds. */
export interface LogLine {
  level?: number;
  msg?: string;
  context?: string;
  res?: { statusCode?: number };
  [key: string]: unknown;
}

/** A command line to run instead of `argv`, e.g. the same one inside a sandbox. */
export type Launcher = (argv: readonly string[]) => { command: string; args: readonly string[] };

export interface ServerOptions {
  /** The bundle `node` runs, relative to `cwd` or absolute. Default: the production build's. */
  entry?: string;
  /** Node's own flags, before the bundle (e.g. --cpu-prof, which NODE_OPTIONS refuses). */
  nodeArgs?: readonly string[];
  /** Default: the repository root. */
  cwd?: string;
  /**
   * The server's environment, over PATH, NODE_ENV=production, NODE_OPTIONS (SERVER_NODE_OPTIONS), HOST=127.0.0.1 and DATA_DIR (see
   * `dataDir`). Nothing else of this process's environment is passed (a developer's HF_USER,
   * say, must not leak in).
   */
  env?: Record<string, string>;
  /** The server's PORT. Default: a free one. */
  port?: number;
  /** Wraps the `node` command line; default: run it as it is. */
  launch?: Launcher;
}

export interface ReadyOptions {
  /** Start-up is over when a GET of this path answers 200. Default /api/v1/health. */
  readyPath?: string;
  /** Default 90 s: a cold start on a loaded 2-core machine. */
  readyTimeoutMs?: number;
}

/**
 * Node's options for the server wherever it runs: the image sets them in NODE_OPTIONS, `npm
 * start` on its command line (docker-files.spec.ts checks both), and every server the tests
 * and benchmarks start gets them too. The old generation's limit sets how far V8 lets the heap
 * grow between full collections: under the default limit of a machine with plenty of memory
 * it waits until the heap is some four times what is live, under 1.5 GB some 1.8 times
 * (docs/performance.md, the 5000-viewer fan-out). 1.5 GB is about eight times what 5000
 * viewers, STREAM_LIMIT's default, keep live.
 */
export const SERVER_NODE_OPTIONS = '--max-old-space-size=1536';

/** How long one readiness probe may take, and the pause between probes. */
const PROBE_TIMEOUT_MS = 5000;
const PROBE_INTERVAL_MS = 200;
/** How much of each output stream `describe` quotes: the end, where the reason is. */
const TAIL_CHARS = 4000;

/** Every stdout line of `text` that parses as a JSON object. */
export function parseLogLines(text: string): LogLine[] {
  return text.split('\n').flatMap((line) => {
    if (line.trim() === '') return [];
    try {
      const value: unknown = JSON.parse(line);
      return typeof value === 'object' && value !== null && !Array.isArray(value) ? [value as LogLine] : [];
    } catch {
      return [];
    }
  });
}

/**
 * The server as a child process, `node <entry>`, with its whole output kept: the test's event
 * loop is never the server's, and a failure can quote what the server said. Tracked, so it is
 * killed if the test process exits first.
 */
export class ServerProcess {
  readonly url: string;
  /** When it was spawned, in ms on the monotonic clock of `process.hrtime` (the same in every process). */
  readonly spawnedAt: number;
  /** Resolves once it has exited and its output has ended, so `stdout` and `stderr` are complete. */
  readonly exited: Promise<ServerExit>;
  private exitStatus: ServerExit | null = null;
  private spawnError: Error | null = null;
  private out = '';
  private err = '';
  private readonly child: ChildProcess;
  /**
   * The server's DATA_DIR when `env` names no database (neither DATA_DIR nor DATABASE_URL): a
   * fresh directory of its own, removed once it has exited, so that servers never share state
   * nor leave a data/ directory in the working directory. Null when `env` names the database.
   */
  readonly dataDir: string | null;

  private constructor(
    options: ServerOptions,
    readonly port: number,
  ) {
    this.url = `http://127.0.0.1:${port}`;
    const namesDatabase = options.env?.['DATA_DIR'] !== undefined || options.env?.['DATABASE_URL'] !== undefined;
    this.dataDir = namesDatabase ? null : mkdtempSync(join(tmpdir(), 'hfd-server-'));
    const argv = [process.execPath, ...(options.nodeArgs ?? []), options.entry ?? SERVER_ENTRY];
    const { command, args } = options.launch ? options.launch(argv) : { command: argv[0], args: argv.slice(1) };
    this.spawnedAt = Number(process.hrtime.bigint()) / 1e6;
    this.child = track(
      spawn(command, args, {
        cwd: options.cwd ?? WORKSPACE_ROOT,
        env: {
          PATH: process.env['PATH'] ?? '/usr/bin:/bin',
          NODE_ENV: 'production',
          NODE_OPTIONS: SERVER_NODE_OPTIONS,
          HOST: '127.0.0.1',
          ...(this.dataDir === null ? {} : { DATA_DIR: this.dataDir }),
          ...options.env,
          PORT: String(port),
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    this.child.stdout?.setEncoding('utf8');
    this.child.stdout?.on('data', (chunk: string) => (this.out += chunk));
    this.child.stderr?.setEncoding('utf8');
    this.child.stderr?.on('data', (chunk: string) => (this.err += chunk));
    this.child.once('exit', (code, signal) => (this.exitStatus = { code, signal }));
    // A command that cannot start emits 'error' then 'close', without 'exit'.
    this.child.once('error', (error) => (this.spawnError = error));
    this.exited = new Promise((resolve) =>
      this.child.once('close', (code: number | null, signal: NodeJS.Signals | null) => {
        this.exitStatus ??= { code, signal };
        if (this.dataDir !== null) rmSync(this.dataDir, { recursive: true, force: true });
        resolve(this.exitStatus);
      }),
    );
  }

  /** Spawns the server; it is not listening yet (see `waitUntilReady`). */
  static async spawn(options: ServerOptions = {}): Promise<ServerProcess> {
    return new ServerProcess(options, options.port ?? (await freePort()));
  }

  /** Spawns the server and resolves once it is ready; see `waitUntilReady` for when it fails. */
  static async start(options: ServerOptions & ReadyOptions = {}): Promise<ServerProcess> {
    const server = await ServerProcess.spawn(options);
    await server.waitUntilReady(options);
    return server;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error(`The server process did not start: ${this.spawnError?.message ?? 'no pid'}`);
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** How it exited, or null while it runs. */
  get exit(): ServerExit | null {
    return this.exitStatus;
  }

  /** Everything it wrote to stdout so far: the JSON log lines. */
  get stdout(): string {
    return this.out;
  }

  /** Everything it wrote to stderr so far: where Node puts crashes and warnings. */
  get stderr(): string {
    return this.err;
  }

  /** The stdout lines that parse as JSON objects. */
  logs(): LogLine[] {
    return parseLogLines(this.out);
  }

  /**
   * Polls `readyPath` until it answers 200. A server that exits first fails it with its output;
   * one that never answers is killed (so it does not outlive the failure) and fails it too.
   */
  async waitUntilReady({ readyPath = '/api/v1/health', readyTimeoutMs = 90_000 }: ReadyOptions = {}): Promise<void> {
    const deadline = Date.now() + readyTimeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) {
        await this.exited;
        throw new Error(`The server exited during start-up\n${this.describe()}`);
      }
      try {
        if ((await httpRequest(`${this.url}${readyPath}`, { timeoutMs: PROBE_TIMEOUT_MS })).status === 200) return;
      } catch {
        // Not listening yet.
      }
      await sleep(PROBE_INTERVAL_MS);
    }
    await this.kill();
    throw new Error(`The server did not answer ${readyPath} within ${readyTimeoutMs} ms\n${this.describe()}`);
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  /** SIGTERM (the graceful stop), then SIGKILL if it has not ended within `graceMs`. */
  async stop(graceMs = 10_000): Promise<ServerExit> {
    if (!this.running) return this.exited;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    try {
      return await this.exited;
    } finally {
      clearTimeout(timer);
    }
  }

  /** SIGKILL, for a server with nothing left to flush. */
  async kill(): Promise<ServerExit> {
    if (this.running) this.child.kill('SIGKILL');
    return this.exited;
  }

  /** How it exited and the end of its output, for failure messages. */
  describe(): string {
    const exit = this.exitStatus ? `exited (code ${this.exitStatus.code}, signal ${this.exitStatus.signal})` : 'running';
    const error = this.spawnError ? `, could not start: ${this.spawnError.message}` : '';
    return `server ${exit}${error}\nstdout (tail):\n${this.out.slice(-TAIL_CHARS)}\nstderr (tail):\n${this.err.slice(-TAIL_CHARS)}`;
  }
}
