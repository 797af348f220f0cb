module.exports = require('../../tools/jest/node-project.cjs')('hub-emulator', 'libs/hub-emulator', {
  // Specs wait on real HTTP and timers; a loaded 2-core machine needs headroom.
  testTimeout: 30_000,
});
