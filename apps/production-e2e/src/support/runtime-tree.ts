import { chmodSync, chownSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DIST, run, ServerProcess, WORKSPACE_ROOT, type ServerOptions } from '@hfd/test-support';
import { DOCKER_DIR } from './docker-files';
import { launcher, sandboxAvailable, UNPRIVILEGED_UID } from './sandbox';

/** The recipe both docker/Dockerfile and these tests run. */
const ASSEMBLE_SCRIPT = join(DOCKER_DIR, 'assemble-runtime.sh');

export interface RuntimeTree {
  /** The image's /app. */
  root: string;
  /** The image's WORKDIR, /app/api: where `node main.js` runs. */
  apiDir: string;
  dashboardDir: string;
  /** The image's /data volume: the server's DATA_DIR, writable by the user it runs as. */
  dataDir: string;
  /** Another empty volume like /data, for a server of its own. */
  volume(name: string): string;
  remove(): void;
}

/** Like the image's /data: empty, owned by the user the server runs as (`node` there, `nobody` in the sandbox). */
function volume(base: string, name: string): string {
  const dir = join(base, name);
  mkdirSync(dir, { mode: 0o700 });
  if (sandboxAvailable()) chownSync(dir, UNPRIVILEGED_UID, UNPRIVILEGED_UID);
  return dir;
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
    dataDir: volume(base, 'data'),
    volume: (name) => volume(base, name),
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
 * `node main.js` in the tree's WORKDIR, as the image's CMD starts it (DATA_DIR the tree's
 * volume, as the image sets it), sandboxed the way docker-compose.yml runs the container where
 * this machine allows it (see `sandboxAvailable`); resolves once it is ready. `env` is the
 * container's environment: nothing else is inherited.
 */
export function startImageServer(tree: RuntimeTree, env: Record<string, string>): Promise<ServerProcess> {
  return ServerProcess.start(imageServerOptions(tree, env));
}

/** How `startImageServer` starts it; `env.DATA_DIR` (default: the tree's /data) is the one directory it may write. */
export function imageServerOptions(tree: RuntimeTree, env: Record<string, string>): ServerOptions {
  const dataDir = env['DATA_DIR'] ?? tree.dataDir;
  return { entry: 'main.js', cwd: tree.apiDir, env: { ...env, DATA_DIR: dataDir }, launch: launcher([dataDir]) };
}
