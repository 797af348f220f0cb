import { join, resolve } from 'node:path';

/** The repository root, whatever the directory `npm run bench` was started from. */
export const WORKSPACE_ROOT = resolve(__dirname, '..', '..');
/** What `npm run build` writes and the Docker image runs. */
export const SERVER_ENTRY = join(WORKSPACE_ROOT, 'dist/apps/api/main.js');
export const DASHBOARD_INDEX = join(WORKSPACE_ROOT, 'dist/apps/dashboard/browser/index.html');
export const RESULTS_DIR = join(WORKSPACE_ROOT, 'bench/results');
export const PERFORMANCE_DOC = join(WORKSPACE_ROOT, 'docs/performance.md');
/** Server CPU profiles of --cpu-prof (tmp/ is ignored by git). */
export const PROFILES_DIR = join(WORKSPACE_ROOT, 'tmp/bench-profiles');
