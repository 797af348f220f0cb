/**
 * Tests of what the Docker image runs: the production build, installed and started the way
 * docker/Dockerfile does it. They install packages and start servers, so they are slow on a
 * shared 2-core machine; the budgets are generous and only the shutdown bound is timed. This
 * testTimeout applies when Jest runs this config alone; under the root config (npm test) the
 * root's applies, so the specs give their slow tests and hooks budgets of their own.
 */
module.exports = require('../../tools/jest/node-project.cjs')('production-e2e', 'apps/production-e2e', {
  testTimeout: 60_000,
});
