import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { spawn } from 'node:child_process';

/** The repository root. */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
/** What `npm run build` writes: the API bundle, which serves the dashboard build next to it. */
export const API_MAIN = join(WORKSPACE_ROOT, 'dist/apps/api/main.js');
export const DASHBOARD_INDEX = join(WORKSPACE_ROOT, 'dist/apps/dashboard/browser/index.html');
export const SCREENSHOTS_DIR = join(WORKSPACE_ROOT, 'docs/screenshots');

/**
 * `npm test` builds before Jest starts; a spec run alone builds what is missing (the same
 * `npm run build`). A build already there is used as is: rebuild after changing the dashboard.
 */
export async function ensureBuild(): Promise<void> {
  if (existsSync(API_MAIN) && existsSync(DASHBOARD_INDEX)) return;
  await new Promise<void>((resolvePromise, reject) => {
    const child = spawn('npm', ['run', 'build'], {
      cwd: WORKSPACE_ROOT,
      env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => (code === 0 ? resolvePromise() : reject(new Error(`npm run build exited with ${code}\n${output.slice(-4000)}`))));
  });
}
