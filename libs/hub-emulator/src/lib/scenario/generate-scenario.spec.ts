import { generateScenario } from './generate-scenario';

describe('generateScenario', () => {
  it('builds 5 accounts × 40 Spaces, every account watched with a token that may write', () => {
    const scenario = generateScenario({ accounts: 5, spacesPerAccount: 40, seed: 7 });
    expect(scenario.spaces).toHaveLength(200);
    expect(scenario.watch).toHaveLength(5);
    const org = scenario.accounts.find((a) => a.type === 'org');
    expect(org?.type === 'org' && org.members[0]?.roleInOrg).toBe('admin');
    for (const { token } of scenario.watch) expect(token).toMatch(/-write$/);
  });

  it('is deterministic: the same options give the same scenario', () => {
    const options = { accounts: 6, spacesPerAccount: 45, seed: 99 };
    expect(generateScenario(options)).toEqual(generateScenario(options));
    expect(generateScenario({ ...options, seed: 100 })).not.toEqual(generateScenario(options));
  });

  it('mixes SDKs, stages and privacy', () => {
    const { spaces } = generateScenario({ accounts: 5, spacesPerAccount: 50, seed: 3 });
    expect(new Set(spaces.map((s) => s.sdk))).toEqual(new Set(['gradio', 'docker', 'static']));
    expect(new Set(spaces.map((s) => s.stage)).size).toBeGreaterThan(3);
    expect(spaces.some((s) => s.private)).toBe(true);
    expect(spaces.some((s) => !s.private)).toBe(true);
    expect(new Set(spaces.map((s) => s.id)).size).toBe(spaces.length);
  });

  it('honours stage weights and the private share', () => {
    const { spaces } = generateScenario({
      accounts: 2,
      spacesPerAccount: 30,
      privateShare: 0,
      stageWeights: { PAUSED: 1 },
    });
    expect(spaces.every((s) => !s.private)).toBe(true);
    expect(spaces.every((s) => s.stage === (s.sdk === 'static' ? 'RUNNING' : 'PAUSED'))).toBe(true);
  });
});
