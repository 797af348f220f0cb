import baseConfig from '../../eslint.config.mjs';

export default [
  ...baseConfig,
  {
    // Configuration is read and validated once, in src/config; everything else asks AppConfigService.
    files: ['src/**/*.ts'],
    ignores: ['src/config/**', 'src/**/*.spec.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'process', property: 'env', message: 'Read configuration through AppConfigService (src/config).' },
      ],
    },
  },
];
