import nx from '@nx/eslint-plugin';
import { builtinModules } from 'node:module';

/**
 * Module boundaries. Every project carries three tags (type, scope, platform) and
 * these constraints are what make them mean something: a violation fails `npm test`.
 */
const NODE_ONLY = ['@nestjs/*', 'express', 'passport*', 'pino*', 'nestjs-pino', 'prom-client', 'helmet', 'compression'];
const BROWSER_ONLY = ['@angular/*', '@jsverse/*', 'uplot'];

/**
 * Node's built-in modules are not npm packages, so the boundary rule cannot see them.
 * Projects that run in a browser (or anywhere) spread this block into their own config.
 */
export const noNodeBuiltins = {
  files: ['**/*.ts'],
  ignores: ['**/*.spec.ts', '**/jest.config.*', '**/test-setup.ts'],
  rules: {
    'no-restricted-imports': [
      'error',
      {
        paths: builtinModules.map((name) => ({ name, message: 'Node built-ins are not available in the browser.' })),
        patterns: [{ group: ['node:*'], message: 'Node built-ins are not available in the browser.' }],
      },
    ],
  },
};

export const DEP_CONSTRAINTS = [
  // Shared types only: no framework, no runtime dependency of any kind.
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: [], bannedExternalImports: ['*'] },
  // The emulator stands in for the Hub, so it must not share our own types.
  { sourceTag: 'type:emulator', onlyDependOnLibsWithTags: [] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts'] },
  // The database layer: no framework, so the server, its scripts and the benchmarks share it.
  { sourceTag: 'type:persistence', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'], bannedExternalImports: ['@nestjs/*', 'express'] },
  // Test support (it spawns and kills processes) must never reach production code, not
  // even through an application's own specs: banned outright, so that widening the
  // allowed tags cannot let it in.
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:emulator', 'type:persistence'],
    notDependOnLibsWithTags: ['type:test-support'],
  },
  { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:emulator', 'type:test-support', 'type:persistence'] },
  { sourceTag: 'type:test-support', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:emulator'] },
  { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: [] },
  // Browser code never reaches server code, even through a shared lib (the
  // dashboard's browser tests run in Node and may start the emulator).
  { sourceTag: 'platform:browser', notDependOnLibsWithTags: ['platform:node'], bannedExternalImports: [...NODE_ONLY, 'node:*'] },
  { sourceTag: 'platform:node', bannedExternalImports: BROWSER_ONLY },
  { sourceTag: 'platform:neutral', bannedExternalImports: [...NODE_ONLY, ...BROWSER_ONLY, 'node:*'] },
];

/** The boundary rule with `depConstraints`: a project may widen them for some of its files. */
export function boundaries(depConstraints) {
  return [
    'error',
    {
      enforceBuildableLibDependency: true,
      allow: ['^.*/eslint(\\.base)?\\.config\\.[cm]?[jt]s$', '^.*/tools/jest/node-project\\.cjs$', '^(\\.\\./)+package\\.json$'],
      depConstraints,
    },
  ];
}

export default [
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  ...nx.configs['flat/javascript'],
  {
    ignores: ['**/dist', '**/out-tsc', '**/.angular', 'tmp/**', 'reports/**', 'bench/results/**'],
  },
  {
    files: ['**/*.ts', '**/*.tsx', '**/*.js', '**/*.jsx', '**/*.mts', '**/*.cts', '**/*.mjs', '**/*.cjs'],
    rules: { '@nx/enforce-module-boundaries': boundaries(DEP_CONSTRAINTS) },
  },
  {
    files: ['**/*.ts'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
];
