/**
 * Security checks that need the built server as its own process (dist/apps/api/main.js):
 * how it refuses a bad configuration at start. They spawn Node, so the budgets are generous
 * for a shared 2-core machine.
 */
module.exports = require('../../tools/jest/node-project.cjs')('security-e2e', 'apps/security-e2e', {
  testTimeout: 60_000,
});
