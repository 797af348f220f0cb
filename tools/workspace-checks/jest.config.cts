module.exports = require('../../tools/jest/node-project.cjs')('workspace-checks', 'tools/workspace-checks');
