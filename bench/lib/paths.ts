import { join } from 'node:path';
import { WORKSPACE_ROOT } from '@hfd/test-support';

export const RESULTS_DIR = join(WORKSPACE_ROOT, 'bench/results');
export const PERFORMANCE_DOC = join(WORKSPACE_ROOT, 'docs/performance.md');
/** Where the raw results of the run docs/performance.md shows are kept, in the repository. */
export const PUBLISHED_RESULTS_DIR = join(WORKSPACE_ROOT, 'docs/performance');
/** Server CPU profiles of --cpu-prof (tmp/ is ignored by git). */
export const PROFILES_DIR = join(WORKSPACE_ROOT, 'tmp/bench-profiles');
