module.exports = require('../../tools/jest/node-project.cjs')('hub-emulator-cli', 'apps/hub-emulator', {
  // One spec starts the CLI through tsx; a loaded 2-core machine needs headroom.
  testTimeout: 30_000,
});
