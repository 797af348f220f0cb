import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

/** The repository root. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');

/**
 * The server as `npm start` and the Docker image run it. SECURITY_E2E_API_MAIN points at
 * another build of it (one made elsewhere than dist/, to try a change without touching the
 * shared build output).
 */
export const API_MAIN = process.env['SECURITY_E2E_API_MAIN'] ?? join(WORKSPACE_ROOT, 'dist/apps/api/main.js');

const children = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of children) child.kill('SIGKILL');
});

/** SIGKILL to every server still running; resolves once they have exited. */
export async function killAll(): Promise<void> {
  await Promise.all(
    [...children].map(
      (child) =>
        new Promise<void>((done) => {
          if (child.exitCode !== null || child.signalCode !== null) {
            done();
            return;
          }
          child.once('exit', () => done());
          child.kill('SIGKILL');
        }),
    ),
  );
  children.clear();
}

/** `npm test` builds before Jest starts; run alone, this builds the API when its bundle is missing. */
export function ensureApiBuild(): Promise<void> {
  if (existsSync(API_MAIN)) return Promise.resolve();
  return new Promise((done, fail) => {
    const build = spawn('npx', ['nx', 'run', 'api:build'], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    children.add(build);
    let output = '';
    build.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    build.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    build.once('error', fail);
    build.once('exit', (code) => {
      children.delete(build);
      if (code === 0 && existsSync(API_MAIN)) done();
      else fail(new Error(`nx run api:build exited with ${code}\n${output.slice(-4000)}`));
    });
  });
}

export interface StartResult {
  /** Null when the server had to be killed: it did not stop by itself. */
  code: number | null;
  stdout: string;
  stderr: string;
  elapsedMs: number;
}

export interface StartOptions {
  /** The text of a `.env` file in the working directory, which the server reads at start. */
  dotenv?: string;
  /** Killed after this long if it has not stopped by itself. */
  limitMs?: number;
}

/**
 * Starts `node main.js` with only the given environment (over PATH, NODE_ENV=production, a
 * loopback address on a free port and an unreachable Hub), in a fresh directory (with no .env
 * file unless one is given), and waits for it to exit — killing it if it does not.
 */
export function startServer(env: Record<string, string>, options: StartOptions = {}): Promise<StartResult> {
  const limitMs = options.limitMs ?? 30_000;
  const cwd = mkdtempSync(join(tmpdir(), 'hfd-security-e2e-'));
  if (options.dotenv !== undefined) writeFileSync(join(cwd, '.env'), options.dotenv);
  const started = Date.now();
  const child = spawn(process.execPath, [API_MAIN], {
    cwd,
    env: {
      PATH: process.env['PATH'] ?? '/usr/bin:/bin',
      NODE_ENV: 'production',
      HOST: '127.0.0.1',
      PORT: '0',
      DASHBOARD_DIR: cwd,
      HF_ENDPOINT: 'http://127.0.0.1:9',
      HF_SPACES_ENDPOINT: 'http://127.0.0.1:9',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.add(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const limit = setTimeout(() => child.kill('SIGKILL'), limitMs);
  return new Promise((done, fail) => {
    child.once('error', (error) => {
      clearTimeout(limit);
      children.delete(child);
      rmSync(cwd, { recursive: true, force: true });
      fail(error);
    });
    // 'close': the exit and the end of both output streams.
    child.once('close', (code) => {
      clearTimeout(limit);
      children.delete(child);
      rmSync(cwd, { recursive: true, force: true });
      done({ code, stdout, stderr, elapsedMs: Date.now() - started });
    });
  });
}
