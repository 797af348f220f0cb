import { ensureProductionBuild } from '@hfd/test-support';
import { BrowserHost, type DashboardSession } from './browser';
import { DashboardStack, type StackOptions } from './stack';

/** A first run builds the production bundle and the dashboard before anything starts. */
const SETUP_TIMEOUT_MS = 15 * 60_000;

type OpenOptions = Parameters<BrowserHost['open']>[1];

/** A browser suite's stack and Chromium, once its `beforeAll` has run. */
export interface BrowserSuite {
  stack(): DashboardStack;
  /** A fresh browser context on `path` of the stack. */
  open(options?: OpenOptions, path?: string): Promise<DashboardSession>;
}

/**
 * Registers the lifecycle every browser suite shares: one stack and one Chromium for the
 * file, a fresh context per test (closed after it), both stopped at the end.
 */
export function browserSuite(options: StackOptions = {}): BrowserSuite {
  let stack: DashboardStack | undefined;
  let host: BrowserHost | undefined;

  beforeAll(async () => {
    await ensureProductionBuild();
    [stack, host] = await Promise.all([DashboardStack.start(options), BrowserHost.launch()]);
  }, SETUP_TIMEOUT_MS);

  afterEach(async () => {
    await host?.closeContexts();
  });

  afterAll(async () => {
    await host?.close();
    await stack?.close();
  }, 60_000);

  const started = (): DashboardStack => {
    if (!stack) throw new Error('The stack did not start (see beforeAll)');
    return stack;
  };
  return {
    stack: started,
    open: (openOptions = {}, path = '/') => {
      if (!host) throw new Error('Chromium did not start (see beforeAll)');
      return host.open(`${started().url}${path}`, openOptions);
    },
  };
}
