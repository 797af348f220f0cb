import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { nxCommandEnv, run, SERVER_ENTRY, ServerProcess, WORKSPACE_ROOT } from '@hfd/test-support';

/**
 * The server as `npm start` and the Docker image run it. SECURITY_E2E_API_MAIN points at
 * another build of it (one made elsewhere than dist/, to try a change without touching the
 * shared build output).
 */
export const API_MAIN = process.env['SECURITY_E2E_API_MAIN'] ?? SERVER_ENTRY;

/**
 * `npm test` builds before Jest starts; run alone, this builds the API when its bundle is
 * missing. Only the API: these tests never serve the dashboard, so the whole production
 * build (`ensureProductionBuild`) would be time spent for nothing.
 */
export async function ensureApiBuild(): Promise<void> {
  if (existsSync(API_MAIN)) return;
  await run('npx', ['nx', 'run', 'api:build'], { cwd: WORKSPACE_ROOT, env: nxCommandEnv() });
  // A build that succeeds writes dist/: SECURITY_E2E_API_MAIN may name a bundle it does not make.
  if (!existsSync(API_MAIN)) throw new Error(`nx run api:build succeeded but wrote no ${API_MAIN}`);
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
 * loopback address on a port the system picks and an unreachable Hub), in a fresh directory
 * (with no .env file unless one is given), and waits for it to exit — killing it if it does
 * not. Nothing waits for it to be ready: these tests expect it to refuse its configuration.
 */
export async function startServer(env: Record<string, string>, options: StartOptions = {}): Promise<StartResult> {
  const cwd = mkdtempSync(join(tmpdir(), 'hfd-security-e2e-'));
  try {
    if (options.dotenv !== undefined) writeFileSync(join(cwd, '.env'), options.dotenv);
    const started = performance.now();
    const server = await ServerProcess.spawn({
      entry: API_MAIN,
      cwd,
      port: 0,
      env: { DASHBOARD_DIR: cwd, HF_ENDPOINT: 'http://127.0.0.1:9', HF_SPACES_ENDPOINT: 'http://127.0.0.1:9', ...env },
    });
    const limit = setTimeout(() => void server.kill(), options.limitMs ?? 30_000);
    const { code } = await server.exited;
    clearTimeout(limit);
    return { code, stdout: server.stdout, stderr: server.stderr, elapsedMs: performance.now() - started };
  } finally {
    rmSync(cwd, { recursive: true, force: true });
  }
}
