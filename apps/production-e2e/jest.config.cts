/**
 * Tests of what the Docker image runs: the production build, installed and started the way
 * docker/Dockerfile does it. They install packages and start servers, so they are slow on a
 * shared 2-core machine; the budgets are generous and only the shutdown bound is timed.
 */
module.exports = {
  displayName: 'production-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testTimeout: 60_000,
  transform: { '^.+\\.[tj]s$': require('../../tools/jest/swc-transform.cjs') },
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageDirectory: '../../coverage/apps/production-e2e',
};
