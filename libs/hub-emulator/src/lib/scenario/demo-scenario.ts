import { parseScenario } from './load-scenario';
import type { Scenario } from './scenario.schema';

export interface DemoScenarioOptions {
  /**
   * Moves every date of the scenario by the same amount so that its latest change falls at
   * this moment: a demo where everything was "updated 2 years ago" looks abandoned. Without
   * it the dates are the file's own, which tests compare against.
   */
  latestChangeAt?: Date;
}

/**
 * The shipped demo scenario. It is `require`d rather than read from disk so that
 * bundlers (the API is built with webpack) inline it, and rather than `import`ed so
 * that consumers need not enable `resolveJsonModule` in their own tsconfig.
 */
export function demoScenario(options: DemoScenarioOptions = {}): Scenario {
  const raw: unknown = require('./demo.scenario.json');
  const scenario = parseScenario(structuredClone(raw), 'demo.scenario.json');
  return options.latestChangeAt ? shiftDates(scenario, options.latestChangeAt) : scenario;
}

function shiftDates(scenario: Scenario, latestChangeAt: Date): Scenario {
  const latest = Math.max(...scenario.spaces.map((space) => Date.parse(space.lastModified ?? space.createdAt)));
  const offsetMs = latestChangeAt.getTime() - latest;
  const shift = (iso: string): string => new Date(Date.parse(iso) + offsetMs).toISOString();
  const shiftOptional = (iso: string | undefined): string | undefined => (iso === undefined ? undefined : shift(iso));
  return {
    ...scenario,
    accounts: scenario.accounts.map((account) =>
      account.type === 'user' ? { ...account, tokens: account.tokens.map((token) => ({ ...token, createdAt: shiftOptional(token.createdAt) })) } : account,
    ),
    spaces: scenario.spaces.map((space) => ({ ...space, createdAt: shift(space.createdAt), lastModified: shiftOptional(space.lastModified) })),
  };
}
