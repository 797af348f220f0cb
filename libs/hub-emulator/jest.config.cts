module.exports = {
  displayName: 'hub-emulator',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  // Specs wait on real HTTP and timers; a loaded 2-core machine needs headroom.
  testTimeout: 30_000,
  transform: { '^.+\\.[tj]s$': require('../../tools/jest/swc-transform.cjs') },
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageDirectory: '../../coverage/libs/hub-emulator',
};
