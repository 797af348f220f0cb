import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { track } from './children';
import { httpRequest } from './http';
import { launchCommand } from './sandbox';

export interface ServerExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface StartOptions {
  /** Where `node main.js` runs: the image's WORKDIR. */
  cwd: string;
  /** The container's environment, over NODE_ENV=production and PATH. Nothing else is inherited. */
  env: Record<string, string>;
}

/** A port nobody listens on right now (the server gets it as PORT). */
export function freePort(): Promise<number> {
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

/** `node main.js` of the production tree, as the image's CMD starts it. */
export class ServerProcess {
  readonly exited: Promise<ServerExit>;
  readonly sandboxed: boolean;
  private stdout = '';
  private stderr = '';
  private readonly child: ChildProcess;

  private constructor(
    options: StartOptions,
    readonly port: number,
  ) {
    const launch = launchCommand([process.execPath, 'main.js']);
    this.sandboxed = launch.sandboxed;
    this.child = track(
      spawn(launch.command, launch.args, {
        cwd: options.cwd,
        env: { PATH: process.env['PATH'] ?? '/usr/bin:/bin', NODE_ENV: 'production', ...options.env, PORT: String(port) },
        stdio: ['ignore', 'pipe', 'pipe'],
      }),
    );
    this.child.stdout?.on('data', (chunk: Buffer) => (this.stdout += chunk.toString()));
    this.child.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    this.exited = new Promise((resolve) => this.child.once('exit', (code, signal) => resolve({ code, signal })));
  }

  static async start(options: StartOptions): Promise<ServerProcess> {
    const server = new ServerProcess(options, await freePort());
    await server.waitUntilReady();
    return server;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get pid(): number {
    if (this.child.pid === undefined) throw new Error('The server process did not start');
    return this.child.pid;
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  /** Everything written to stdout so far: JSON log lines. */
  get output(): string {
    return this.stdout;
  }

  /** The log lines that parse as JSON objects. */
  logs(): Record<string, unknown>[] {
    return this.stdout
      .split('\n')
      .filter((line) => line.trim() !== '')
      .flatMap((line) => {
        try {
          const value: unknown = JSON.parse(line);
          return typeof value === 'object' && value !== null ? [value as Record<string, unknown>] : [];
        } catch {
          return [];
        }
      });
  }

  /** Start-up is done when /api/v1/health answers; a server that exits first fails with its output. */
  private async waitUntilReady(timeoutMs = 90_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (!this.running) throw new Error(`The server exited during start-up\n${this.describe()}`);
      try {
        const reply = await httpRequest(`${this.url}/api/v1/health`, { timeoutMs: 5000 });
        if (reply.status === 200) return;
      } catch {
        // Not listening yet.
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    this.kill();
    throw new Error(`The server did not answer /api/v1/health within ${timeoutMs} ms\n${this.describe()}`);
  }

  signal(signal: NodeJS.Signals): void {
    this.child.kill(signal);
  }

  kill(): void {
    if (this.running) this.child.kill('SIGKILL');
  }

  /** The last output, for failure messages. */
  describe(): string {
    return `stdout (tail):\n${this.stdout.slice(-4000)}\nstderr (tail):\n${this.stderr.slice(-4000)}`;
  }
}
