import { nxCommandEnv, run, WORKSPACE_ROOT } from '@hfd/test-support';

/**
 * The benchmark measures the production bundle, `node dist/apps/api/main.js`, never the
 * sources through a transpiler, and never a bundle older than the sources: it runs
 * `npm run build` first, and Nx rebuilds whatever changed since the build in dist/ (its
 * cache is keyed by the content of the sources, so a build left from another checkout is
 * replaced too) and leaves the rest as it is. `fresh` skips Nx's cache: everything is rebuilt.
 */
export async function ensureBuild(fresh: boolean, log: (line: string) => void): Promise<void> {
  log(fresh ? 'Building from scratch (--build)…' : 'Building what changed since the last build (npm run build)…');
  const started = performance.now();
  await run('npm', ['run', 'build', ...(fresh ? ['--', '--skip-nx-cache'] : [])], { cwd: WORKSPACE_ROOT, env: nxCommandEnv() });
  log(`  dist/ matches the sources (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
