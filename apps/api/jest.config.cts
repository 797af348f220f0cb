process.env.TZ = 'UTC';
module.exports = require('../../tools/jest/node-project.cjs')('api', 'apps/api');
