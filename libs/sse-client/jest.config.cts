module.exports = require('../../tools/jest/node-project.cjs')('sse-client', 'libs/sse-client');
