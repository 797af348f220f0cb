/**
 * Fault tests of the production build: `node dist/apps/api/main.js` as a child process
 * against the hub emulator, with faults injected while it runs. Outages last tens of
 * seconds by design and the machine is a shared 2-core one, so budgets are generous; each
 * long test also sets its own timeout, since Jest ignores this one when run from the root.
 */
module.exports = require('../../tools/jest/node-project.cjs')('resilience-e2e', 'apps/resilience-e2e', {
  testTimeout: 120_000,
});
