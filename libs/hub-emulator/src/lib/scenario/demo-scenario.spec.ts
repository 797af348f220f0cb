import { demoScenario } from './demo-scenario';

describe('demoScenario', () => {
  const scenario = demoScenario();
  const account = (name: string) => scenario.accounts.find((a) => a.name === name);
  const tokenRole = (token: string | null) =>
    scenario.accounts.flatMap((a) => (a.type === 'user' ? a.tokens : [])).find((t) => t.token === token)?.role;

  it('watches a writing user, an organisation through that user, a read-only user and a public-only account', () => {
    const watched = new Map(scenario.watch.map((w) => [w.name, w.token]));
    expect(watched.size).toBeGreaterThanOrEqual(3);

    const writer = scenario.watch.find((w) => account(w.name)?.type === 'user' && tokenRole(w.token) === 'write');
    expect(writer).toBeDefined();

    const org = scenario.watch.find((w) => account(w.name)?.type === 'org');
    const orgAccount = account(org?.name ?? '');
    expect(org?.token).toBe(writer?.token);
    expect(orgAccount?.type === 'org' && orgAccount.members.find((m) => m.user === writer?.name)?.roleInOrg).toMatch(/^(admin|write)$/);

    expect(scenario.watch.some((w) => account(w.name)?.type === 'user' && tokenRole(w.token) === 'read')).toBe(true);
    expect(scenario.watch.some((w) => w.token === null)).toBe(true);
  });

  it('has at least 12 Spaces over every SDK, the required stages, private ones and varied hardware', () => {
    const spaces = scenario.spaces;
    expect(spaces.length).toBeGreaterThanOrEqual(12);
    expect(new Set(spaces.map((s) => s.sdk))).toEqual(new Set(['gradio', 'docker', 'static']));
    const stages = spaces.map((s) => s.stage);
    expect(stages.filter((s) => s === 'RUNNING').length).toBeGreaterThanOrEqual(3);
    expect(stages).toEqual(expect.arrayContaining(['SLEEPING', 'PAUSED', 'BUILDING', 'RUNTIME_ERROR']));
    expect(spaces.find((s) => s.stage === 'RUNTIME_ERROR')?.errorMessage).toEqual(expect.any(String));
    expect(spaces.some((s) => s.private)).toBe(true);
    const flavors = new Set(spaces.map((s) => s.hardware?.requested).filter(Boolean));
    expect([...flavors]).toEqual(expect.arrayContaining(['cpu-basic', 'cpu-upgrade', 't4-small', 'zero-a10g']));
  });

  it('has a Space that crashes after a while and one whose factory rebuild fails', () => {
    const crash = scenario.spaces.find((s) => s.events.some((e) => e.stage === 'RUNTIME_ERROR' && e.errorMessage));
    expect(crash?.stage).toBe('RUNNING');
    expect(scenario.spaces.some((s) => s.rebuildFails)).toBe(true);
  });

  it('has card data a dashboard can show', () => {
    for (const space of scenario.spaces) {
      expect(space.cardData).toMatchObject({ title: expect.any(String), emoji: expect.any(String), short_description: expect.any(String) });
    }
  });

  it('never holds anything shaped like a real token', () => {
    const tokens = scenario.accounts.flatMap((a) => (a.type === 'user' ? a.tokens.map((t) => t.token) : []));
    expect(tokens.length).toBeGreaterThan(0);
    for (const token of tokens) expect(token).not.toMatch(/^hf_/);
  });

  it('returns a fresh copy each time', () => {
    expect(demoScenario()).not.toBe(scenario);
    expect(demoScenario()).toEqual(scenario);
  });
});

describe('demoScenario({ latestChangeAt })', () => {
  const fixed = demoScenario();
  const latestChangeAt = new Date('2030-06-15T12:00:00.000Z');
  const moved = demoScenario({ latestChangeAt });
  const time = (iso: string | undefined) => (iso === undefined ? undefined : Date.parse(iso));
  const offset = latestChangeAt.getTime() - Math.max(...fixed.spaces.map((s) => Date.parse(s.lastModified ?? s.createdAt)));

  it('moves the latest change of any Space to that moment', () => {
    expect(Math.max(...moved.spaces.map((s) => Date.parse(s.lastModified ?? s.createdAt)))).toBe(latestChangeAt.getTime());
  });

  it('moves every date of Spaces and tokens by the same amount, keeping their order and spacing', () => {
    moved.spaces.forEach((space, index) => {
      expect(Date.parse(space.createdAt) - Date.parse(fixed.spaces[index].createdAt)).toBe(offset);
      expect(time(space.lastModified)).toBe(mapDefined(time(fixed.spaces[index].lastModified), (t) => t + offset));
    });
    const tokens = (s: typeof fixed) => s.accounts.flatMap((a) => (a.type === 'user' ? a.tokens : []));
    const movedTokens = tokens(moved);
    tokens(fixed).forEach((token, index) => {
      expect(time(movedTokens[index].createdAt)).toBe(mapDefined(time(token.createdAt), (t) => t + offset));
    });
    expect(tokens(fixed).some((token) => token.createdAt !== undefined)).toBe(true);
  });

  it('changes nothing but dates', () => {
    const withoutDates = (s: typeof fixed) =>
      JSON.stringify(s, (key, value: unknown) => (key === 'createdAt' || key === 'lastModified' ? undefined : value));
    expect(withoutDates(moved)).toBe(withoutDates(fixed));
  });
});

function mapDefined<T, R>(value: T | undefined, map: (value: T) => R): R | undefined {
  return value === undefined ? undefined : map(value);
}
