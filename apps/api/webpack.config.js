const { NxAppWebpackPlugin } = require('@nx/webpack/app-plugin');
const { DefinePlugin } = require('webpack');
const { join } = require('path');
const { version } = require('../../package.json');

/*
 * The bundle is printed again by webpack's own minimizer (terser), changing nothing but the
 * spelling: no compression, no renaming, one statement a line, and every character outside
 * ASCII written as an escape (\u2014 for —). V8 keeps a script's source for as long as its
 * functions live, as one-byte characters when all of them fit in Latin-1 and as two-byte ones
 * otherwise: a single — or 启 in a comment or a message doubled the 1 MB bundle to 2 MB of
 * heap for the process's lifetime. Comments are left out of the output too (the source map
 * still leads to them). A plugin because NxAppWebpackPlugin sets `optimization` when it is
 * applied: this one, applied after it, takes it back for the JavaScript minimizer.
 */
const asciiOnlyOutput = {
  apply(compiler) {
    compiler.options.optimization.minimizer = undefined; // webpack's default: minimizer-webpack-plugin
    compiler.options.optimization.minimize = {
      javascript: {
        compress: false,
        mangle: false,
        format: { ascii_only: true, beautify: true, comments: false },
      },
    };
  },
};

module.exports = {
  output: {
    path: join(__dirname, '../../dist/apps/api'),
    clean: true,
    ...(process.env.NODE_ENV !== 'production' && {
      devtoolModuleFilenameTemplate: '[absolute-resource-path]',
    }),
  },
  plugins: [
    new NxAppWebpackPlugin({
      target: 'node',
      compiler: 'tsc',
      main: './src/main.ts',
      tsConfig: './tsconfig.app.json',
      assets: ['./src/assets'],
      optimization: false,
      outputHashing: 'none',
      // dist/apps/api/package.json lists exactly the runtime dependencies: the Docker image installs only those.
      generatePackageJson: true,
      sourceMap: true,
    }),
    new DefinePlugin({ __APP_VERSION__: JSON.stringify(version) }),
    asciiOnlyOutput,
  ],
};
