/**
 * The Jest transform for Node projects. swc strips types without checking them
 * (the `typecheck` targets do that) and emits decorator metadata, which Nest's
 * dependency injection reads.
 */
module.exports = [
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
];
