/**
 * Browser tests of the dashboard: Debian's Chromium (driven by playwright-core) against the
 * production build, served by `node dist/apps/api/main.js` with the hub emulator behind it.
 * They start a server and a browser per spec file on a shared 2-core machine, so budgets are
 * generous. This testTimeout applies when Jest runs this config alone; under the root config
 * (npm test) the root's 30 s applies, so the specs give their tests and hooks budgets of their own.
 */
module.exports = require('../../tools/jest/node-project.cjs')('dashboard-e2e', 'apps/dashboard-e2e', {
  testTimeout: 90_000,
});
