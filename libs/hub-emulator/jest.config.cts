module.exports = {
  displayName: 'hub-emulator',
  preset: '../../jest.preset.js',
  testEnvironment: 'node',
  transform: { '^.+\\.[tj]s$': require('../../tools/jest/swc-transform.cjs') },
  moduleFileExtensions: ['ts', 'js', 'json'],
  coverageDirectory: '../../coverage/libs/hub-emulator',
};
