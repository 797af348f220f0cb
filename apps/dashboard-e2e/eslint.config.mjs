import baseConfig from '../../eslint.config.mjs';

/**
 * The workspace forbids `scope:dashboard` projects to depend on the hub emulator, so that the
 * browser app never bundles server code. This project is the dashboard's browser tests: it runs
 * in Node (`platform:node`) and starts the emulator in-process to stand in for the Hub, as
 * production-e2e does. So, here only, that one constraint drops `type:emulator`; every other
 * constraint of the workspace applies unchanged (read from the base config, not copied).
 */
const BOUNDARIES = '@nx/enforce-module-boundaries';

function withEmulatorAllowed(config) {
  const rule = config.rules?.[BOUNDARIES];
  if (!Array.isArray(rule)) return config;
  const [level, options] = rule;
  const depConstraints = options.depConstraints.map((constraint) =>
    constraint.sourceTag === 'scope:dashboard'
      ? { ...constraint, notDependOnLibsWithTags: constraint.notDependOnLibsWithTags.filter((tag) => tag !== 'type:emulator') }
      : constraint,
  );
  return { ...config, rules: { ...config.rules, [BOUNDARIES]: [level, { ...options, depConstraints }] } };
}

export default baseConfig.map(withEmulatorAllowed);
