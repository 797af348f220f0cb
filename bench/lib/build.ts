import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { DASHBOARD_INDEX, SERVER_ENTRY, WORKSPACE_ROOT } from './paths';

/** Whether the production bundles the benchmark runs are there. */
export function buildExists(): boolean {
  return existsSync(SERVER_ENTRY) && existsSync(DASHBOARD_INDEX);
}

/**
 * `npm run build` when `dist` is missing (or when asked): the benchmark always measures the
 * production bundle, `node dist/apps/api/main.js`, never the sources through a transpiler.
 */
export async function ensureBuild(force: boolean, log: (line: string) => void): Promise<void> {
  if (!force && buildExists()) return;
  log(force ? 'Building (--build)…' : 'dist is missing: building…');
  await new Promise<void>((done, fail) => {
    const child = spawn('npm', ['run', 'build'], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', fail);
    child.once('close', (code) => (code === 0 ? done() : fail(new Error(`npm run build exited with ${code}\n${output.slice(-4000)}`))));
  });
}
