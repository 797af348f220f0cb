/** Set by the build from package.json (webpack DefinePlugin); tests and dev runs see a placeholder. */
declare const __APP_VERSION__: string | undefined;

export const APP_VERSION: string = typeof __APP_VERSION__ === 'string' ? __APP_VERSION__ : '0.0.0-dev';
