import { chmodSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { run } from './children';
import { ASSEMBLE_SCRIPT, DIST, WORKSPACE_ROOT } from './workspace';

/** What the Dockerfile copies out of the build stage. */
const BUILD_OUTPUTS = ['apps/api/main.js', 'apps/api/package.json', 'apps/api/package-lock.json', 'apps/dashboard/browser/index.html'];

/**
 * `npm test` builds before Jest starts; run alone, these specs build what is missing
 * (the same `npm run build` as the Dockerfile's build stage).
 */
export async function ensureProductionBuild(): Promise<void> {
  if (BUILD_OUTPUTS.every((file) => existsSync(join(DIST, file)))) return;
  await run('npm', ['run', 'build'], {
    cwd: WORKSPACE_ROOT,
    env: { ...process.env, NX_DAEMON: 'false', NX_TUI: 'false', NX_NO_CLOUD: 'true' },
  });
}

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
