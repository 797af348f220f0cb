import { parseScenario } from './load-scenario';
import type { Scenario } from './scenario.schema';

/**
 * The shipped demo scenario. It is `require`d rather than read from disk so that
 * bundlers (the API is built with webpack) inline it, and rather than `import`ed so
 * that consumers need not enable `resolveJsonModule` in their own tsconfig.
 */
export function demoScenario(): Scenario {
  const raw: unknown = require('./demo.scenario.json');
  return parseScenario(structuredClone(raw), 'demo.scenario.json');
}
