module.exports = {
  displayName: 'hub-emulator-cli',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // One spec starts the CLI through tsx; a loaded 2-core machine needs headroom.
  testTimeout: 30_000,
  transform: { '^.+\\.[tj]s$': require('../../tools/jest/swc-transform.cjs') },
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageDirectory: '../../coverage/apps/hub-emulator',
};
