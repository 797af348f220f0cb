import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ScenarioError, loadScenario } from './load-scenario';
import type { ScenarioInput } from './scenario.schema';

function minimal(): ScenarioInput {
  return {
    seed: 1,
    accounts: [{ type: 'user', name: 'ann', tokens: [{ token: 'fake-ann-write', role: 'write', displayName: 'main' }] }],
    spaces: [{ id: 'ann/app', sdk: 'gradio', createdAt: '2024-01-01T00:00:00.000Z' }],
    watch: [{ name: 'ann', token: 'fake-ann-write' }],
  };
}

function issuesOf(input: unknown): readonly string[] {
  try {
    loadScenario(input);
  } catch (error) {
    if (error instanceof ScenarioError) return error.issues;
    throw error;
  }
  throw new Error('The scenario was accepted');
}

describe('loadScenario', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hub-scenario-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fills in the defaults of a minimal scenario', () => {
    const scenario = loadScenario(minimal());
    expect(scenario.pageSize).toBe(1000);
    expect(scenario.spaces[0]).toMatchObject({ private: false, stage: 'RUNNING', likes: 0, load: 'light', events: [] });
  });

  it('reads a JSON file', () => {
    const path = join(dir, 'ok.json');
    writeFileSync(path, JSON.stringify(minimal()));
    expect(loadScenario(path).spaces.map((s) => s.id)).toEqual(['ann/app']);
  });

  it('names the file and the reason when it is missing or not JSON', () => {
    const path = join(dir, 'broken.json');
    writeFileSync(path, '{ "seed": ');
    expect(() => loadScenario(path)).toThrow(/broken\.json[\s\S]*not valid JSON/);
    expect(() => loadScenario(join(dir, 'absent.json'))).toThrow(/absent\.json[\s\S]*cannot read the file/);
  });

  it('names the path of a bad value', () => {
    const input = minimal();
    const space = { ...input.spaces[0], sdk: 'streamlit' };
    expect(issuesOf({ ...input, spaces: [space] })).toEqual([expect.stringMatching(/^spaces\[0\]\.sdk: Invalid option/)]);
  });

  it('rejects unknown keys, so typos do not pass silently', () => {
    expect(issuesOf({ ...minimal(), spacess: [] })).toEqual([expect.stringMatching(/^\(root\): Unrecognized key: "spacess"/)]);
  });

  it('checks references between accounts, tokens, Spaces and the watch list', () => {
    const input = minimal();
    const issues = issuesOf({
      ...input,
      accounts: [
        ...input.accounts,
        { type: 'org', name: 'team', members: [{ user: 'ghost', roleInOrg: 'admin' }] },
        { type: 'user', name: 'ben', tokens: [{ token: 'fake-ann-write', role: 'read', displayName: 'dup' }] },
      ],
      spaces: [
        ...input.spaces,
        { id: 'nobody/app', sdk: 'docker', createdAt: '2024-01-01T00:00:00.000Z' },
        { id: 'ann/app', sdk: 'docker', createdAt: '2024-01-01T00:00:00.000Z' },
      ],
      watch: [{ name: 'carl', token: null }, { name: 'ann', token: 'missing-token' }],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        'accounts[2].tokens[0].token: Duplicate token value',
        'accounts[1].members[0].user: No user account named "ghost"',
        'spaces[1].id: No account named "nobody" owns this Space',
        'spaces[2].id: Duplicate Space "ann/app"',
        'watch[0].name: No account named "carl"',
        'watch[1].token: No account holds this token',
      ]),
    );
  });

  it('refuses anything that looks like a real Hugging Face token', () => {
    const input = minimal();
    const token = `hf_${'a'.repeat(34)}`;
    const issues = issuesOf({
      ...input,
      accounts: [{ type: 'user', name: 'ann', tokens: [{ token, role: 'write', displayName: 'real' }] }],
      watch: [],
    });
    expect(issues).toEqual(['accounts[0].tokens[0].token: Looks like a real Hugging Face token; use a fake one']);
  });

  it('knows static Spaces have no hardware and ZeroGPU is for Gradio only', () => {
    const input = minimal();
    const issues = issuesOf({
      ...input,
      spaces: [
        { id: 'ann/site', sdk: 'static', hardware: { requested: 'cpu-basic' }, createdAt: '2024-01-01T00:00:00.000Z' },
        { id: 'ann/api', sdk: 'docker', hardware: { requested: 'zero-a10g' }, createdAt: '2024-01-01T00:00:00.000Z' },
      ],
    });
    expect(issues).toEqual([
      'spaces[0].hardware: Static Spaces have no hardware; leave it out',
      'spaces[1].hardware.requested: ZeroGPU (zero-a10g) is only available to Gradio Spaces',
    ]);
  });

  it('accepts only the flavors of the Hub', () => {
    const input = minimal();
    const issues = issuesOf({
      ...input,
      spaces: [{ id: 'ann/gpu', sdk: 'gradio', hardware: { requested: 'h100x9' }, createdAt: '2024-01-01T00:00:00.000Z' }],
    });
    expect(issues).toEqual([expect.stringMatching(/^spaces\[0\]\.hardware\.requested: Invalid option: expected one of "cpu-basic"/)]);
  });

  it('rejects a malformed date and stage with their paths', () => {
    const input = minimal();
    const issues = issuesOf({
      ...input,
      spaces: [{ id: 'ann/app', sdk: 'gradio', stage: 'ASLEEP', createdAt: 'yesterday' }],
    });
    expect(issues).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^spaces\[0\]\.stage: Invalid option/),
        'spaces[0].createdAt: Expected an ISO-8601 UTC date such as 2024-08-06T11:10:09.000Z',
      ]),
    );
  });
});
