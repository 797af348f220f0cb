import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, run, ServerProcess, WORKSPACE_ROOT } from '@hfd/test-support';
import { DOCKER_DIR } from './docker-files';
import { launchCommand } from './sandbox';

/** The recipe both docker/Dockerfile and these tests run. */
const ASSEMBLE_SCRIPT = join(DOCKER_DIR, 'assemble-runtime.sh');

export interface RuntimeTree {
  /** The image's /app. */
  root: string;
  /** The image's WORKDIR, /app/api: where `node main.js` runs. */
  apiDir: string;
  dashboardDir: string;
  remove(): void;
}

/**
 * A fresh directory laid out like the image's /app, made by docker/assemble-runtime.sh with
 * the phases in the Dockerfile's order. Readable by everyone, like the image's root-owned
 * tree, so the server can run as an unprivileged user.
 */
export async function assembleRuntimeTree(): Promise<RuntimeTree> {
  const base = mkdtempSync(join(tmpdir(), 'hfd-production-'));
  chmodSync(base, 0o755);
  const root = join(base, 'app');
  const tree: RuntimeTree = {
    root,
    apiDir: join(root, 'api'),
    dashboardDir: join(root, 'dashboard', 'browser'),
    remove: () => rmSync(base, { recursive: true, force: true }),
  };
  try {
    for (const phase of ['deps', 'app']) {
      await run('sh', [ASSEMBLE_SCRIPT, phase, DIST, root], { cwd: WORKSPACE_ROOT, env: { ...process.env, NODE_ENV: 'production' } });
    }
  } catch (error) {
    tree.remove();
    throw error;
  }
  return tree;
}

/**
 * `node main.js` in the tree's WORKDIR, as the image's CMD starts it, sandboxed the way
 * docker-compose.yml runs the container where this machine allows it (see `sandboxAvailable`);
 * resolves once it is ready. `env` is the container's environment: nothing else is inherited.
 */
export function startImageServer(tree: RuntimeTree, env: Record<string, string>): Promise<ServerProcess> {
  return ServerProcess.start({ entry: 'main.js', cwd: tree.apiDir, env, launch: launchCommand });
}
