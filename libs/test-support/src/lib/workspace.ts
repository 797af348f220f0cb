import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { run } from './children';

/** The repository root (this file is libs/test-support/src/lib/workspace.ts). */
export const WORKSPACE_ROOT = resolve(__dirname, '../../../..');
/** What `npm run build` writes: the Docker image is assembled from it. */
export const DIST = join(WORKSPACE_ROOT, 'dist');
/** The production server, as `npm start` and the Docker image run it. */
export const SERVER_ENTRY = join(DIST, 'apps/api/main.js');
/** The dashboard build, which the server serves from next to its bundle. */
export const DASHBOARD_INDEX = join(DIST, 'apps/dashboard/browser/index.html');

/**
 * Everything of the build that a test relies on: the bundle, the manifests the image installs
 * its dependencies from (written by the API's build too), and the dashboard.
 */
const BUILD_OUTPUTS = [SERVER_ENTRY, join(DIST, 'apps/api/package.json'), join(DIST, 'apps/api/package-lock.json'), DASHBOARD_INDEX];

/** The environment of an Nx command started by a test: no daemon left running, no terminal UI, no cloud. */
export function nxCommandEnv(): NodeJS.ProcessEnv {
  return { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' };
}

export function productionBuildExists(): boolean {
  return BUILD_OUTPUTS.every((file) => existsSync(file));
}

/** `npm run build`, the same as the Dockerfile's build stage; rejects with the end of its output if it fails. */
export async function buildProduction(): Promise<void> {
  await run('npm', ['run', 'build'], { cwd: WORKSPACE_ROOT, env: nxCommandEnv() });
}

/**
 * `npm test` builds before Jest starts; a suite run alone builds what is missing, so it always
 * tests the production bundle, never the sources through a transpiler. A build already there
 * is used as it is: rebuild after changing the sources.
 */
export async function ensureProductionBuild(): Promise<void> {
  if (!productionBuildExists()) await buildProduction();
}
