import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';

export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
/** What `npm run build` writes and the Docker image runs. */
export const SERVER_ENTRY = join(WORKSPACE_ROOT, 'dist/apps/api/main.js');
export const DASHBOARD_INDEX = join(WORKSPACE_ROOT, 'dist/apps/dashboard/browser/index.html');

/**
 * `npm test` builds before Jest starts; run alone, this suite builds what is missing, so it
 * always tests the production bundle and never the sources through a transpiler.
 */
export async function ensureProductionBuild(): Promise<void> {
  if (existsSync(SERVER_ENTRY) && existsSync(DASHBOARD_INDEX)) return;
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
