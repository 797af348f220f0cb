module.exports = require('../../tools/jest/node-project.cjs')('persistence', 'libs/persistence', {
  // Every spec runs on a real SQLite file and a real PostgreSQL schema; outages wait on retries.
  testTimeout: 30_000,
});
