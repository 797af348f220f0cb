module.exports = require('../../tools/jest/node-project.cjs')('test-support', 'libs/test-support');
