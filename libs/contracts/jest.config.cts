module.exports = require('../../tools/jest/node-project.cjs')('contracts', 'libs/contracts');
