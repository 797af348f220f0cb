import { buildProduction, productionBuildExists } from '@hfd/test-support';

/**
 * `npm run build` when `dist` is missing (or when asked): the benchmark always measures the
 * production bundle, `node dist/apps/api/main.js`, never the sources through a transpiler.
 */
export async function ensureBuild(force: boolean, log: (line: string) => void): Promise<void> {
  if (!force && productionBuildExists()) return;
  log(force ? 'Building (--build)…' : 'dist is missing: building…');
  await buildProduction();
}
