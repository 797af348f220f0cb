import baseConfig, { boundaries, DEP_CONSTRAINTS } from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // The specs (and their helpers in src/testing) run every repository on a real SQLite file and a real PostgreSQL schema, which
    // the test support makes; the library's own code still may not import it.
    files: ['**/*.spec.ts', 'src/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': boundaries(
        DEP_CONSTRAINTS.map((constraint) =>
          constraint.sourceTag === 'type:persistence'
            ? { ...constraint, onlyDependOnLibsWithTags: [...constraint.onlyDependOnLibsWithTags, 'type:test-support'] }
            : constraint,
        ),
      ),
    },
  },
];
