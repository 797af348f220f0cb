/**
 * Security checks that need the built server as its own process (dist/apps/api/main.js):
 * how it refuses a bad configuration at start. They spawn Node, so the budgets are generous
 * for a shared 2-core machine.
 */
module.exports = {
  displayName: 'security-e2e',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  testTimeout: 60_000,
  transform: { '^.+\\.[tj]s$': require('../../tools/jest/swc-transform.cjs') },
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageDirectory: '../../coverage/apps/security-e2e',
};
