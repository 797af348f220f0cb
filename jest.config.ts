import type { Config } from 'jest';
import { getJestProjectsAsync } from '@nx/jest';

export default async (): Promise<Config> => ({
  projects: await getJestProjectsAsync(),
  // Global options: Jest ignores them in the per-project configs. End-to-end suites start
  // real servers and streams on a shared 2-core machine, so the default 5 s is too tight.
  testTimeout: 30_000,
});
