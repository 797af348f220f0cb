/**
 * The Jest config of a Node project of this workspace (every project but the dashboard).
 * swc strips types without checking them (the `typecheck` targets do that) and emits the
 * decorator metadata Nest's dependency injection reads. `extra` adds or overrides options.
 */
module.exports = function nodeProject(displayName, projectRoot, extra = {}) {
  return {
    displayName,
    preset: '../../jest.preset.js',
    testEnvironment: 'node',
    transform: {
      '^.+\\.[tj]s$': [
        '@swc/jest',
        {
          jsc: {
            parser: { syntax: 'typescript', decorators: true },
            transform: { legacyDecorator: true, decoratorMetadata: true },
            target: 'es2022',
            keepClassNames: true,
          },
          module: { type: 'commonjs' },
          sourceMaps: 'inline',
        },
      ],
    },
    moduleFileExtensions: ['ts', 'js', 'json'],
    coverageDirectory: `../../coverage/${projectRoot}`,
    ...extra,
  };
};
