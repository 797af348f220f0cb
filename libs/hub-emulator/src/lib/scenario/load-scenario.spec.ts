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

  describe('scripts, app answers, crash loops and stuck builds', () => {
    const space = (extra: Record<string, unknown>, id = 'ann/app') => ({ id, sdk: 'gradio', createdAt: '2024-01-01T00:00:00.000Z', ...extra });

    it('parses durations with units, and reads a bare number as milliseconds', () => {
      const scenario = loadScenario({
        ...minimal(),
        timeScale: 60,
        sleepAfterGcTimeout: true,
        spaces: [
          space({
            script: [{ at: '10s', stage: 'RUNTIME_ERROR', errorMessage: 'boom' }, { at: '1m30s', stage: 'RUNNING' }, { at: 100_000, app: { status: 503 } }],
            crashLoop: { after: '2.5s', crashes: 3 },
            stuckBuild: { duration: 'never' },
          }),
        ],
      });
      expect(scenario).toMatchObject({ timeScale: 60, sleepAfterGcTimeout: true });
      expect(scenario.spaces[0]).toMatchObject({
        script: [
          { at: 10_000, stage: 'RUNTIME_ERROR', errorMessage: 'boom' },
          { at: 90_000, stage: 'RUNNING' },
          { at: 100_000, app: { status: 503, latencyMs: 0, hang: false } },
        ],
        crashLoop: { after: 2_500, crashes: 3, healedByRebuild: false },
        stuckBuild: { duration: 'never' },
        app: { status: 200, latencyMs: 0, contentType: 'text/html; charset=utf-8', hang: false },
      });
    });

    it('defaults to real time and Spaces that never sleep, as before', () => {
      expect(loadScenario(minimal())).toMatchObject({ timeScale: 1, sleepAfterGcTimeout: false, spaces: [{ script: [] }] });
    });

    it('loads a loaded scenario again to the same thing, durations included', () => {
      const once = loadScenario({ ...minimal(), spaces: [space({ script: [{ at: '1h', stage: 'PAUSED' }], crashLoop: { after: '5s' } })] });
      expect(loadScenario(JSON.parse(JSON.stringify(once)))).toEqual(once);
    });

    it('says what is wrong with a script', () => {
      const issues = issuesOf({
        ...minimal(),
        spaces: [
          space({
            script: [
              { at: '20s', stage: 'RUNNING' },
              { at: '10s', stage: 'PAUSED' },
              { at: '30 seconds', stage: 'RUNNING' },
              { at: '40s', stage: 'RUNNING', errorMessage: 'not an error stage' },
              { at: '50s' },
              { at: '60s', stage: 'NAPPING' },
            ],
          }),
        ],
      });
      expect(issues).toEqual([
        expect.stringMatching(/^spaces\[0\]\.script\[2\]\.at: Expected a duration such as "250ms", "10s"/),
        'spaces[0].script[3].errorMessage: Only a step into an error stage (BUILD_ERROR, RUNTIME_ERROR, CONFIG_ERROR, NO_APP_FILE) takes an errorMessage',
        'spaces[0].script[4]: A step sets "stage", "app" or both',
        expect.stringMatching(/^spaces\[0\]\.script\[5\]\.stage: Invalid option/),
      ]);
      expect(issuesOf({ ...minimal(), spaces: [space({ script: [{ at: '20s', stage: 'RUNNING' }, { at: '10s', stage: 'PAUSED' }] })] })).toEqual([
        'spaces[0].script[1].at: Steps must be in time order: this one comes before step 0',
      ]);
    });

    it('says what is wrong with app answers, crash loops, stuck builds and the time scale', () => {
      const issues = issuesOf({
        ...minimal(),
        timeScale: 0,
        spaces: [
          space({ app: { status: 700, latencyMs: -1, hang: 'yes' }, crashLoop: { crashes: 2 }, stuckBuild: { duration: 'forever' } }),
        ],
      });
      expect(issues).toEqual([
        expect.stringMatching(/^timeScale: Too small/),
        expect.stringMatching(/^spaces\[0\]\.app\.status: Too big/),
        expect.stringMatching(/^spaces\[0\]\.app\.latencyMs: Too small/),
        expect.stringMatching(/^spaces\[0\]\.app\.hang: Invalid input: expected boolean/),
        expect.stringMatching(/^spaces\[0\]\.crashLoop\.after: Expected a duration/),
        expect.stringMatching(/^spaces\[0\]\.stuckBuild\.duration: Expected a duration .*, or "never"$/),
      ]);
      expect(issuesOf({ ...minimal(), spaces: [space({ sdk: 'static', crashLoop: { after: '1s' }, stuckBuild: { duration: 'never' } }, 'ann/site')] })).toEqual([
        'spaces[0].crashLoop: Static Spaces have no container to crash',
        'spaces[0].stuckBuild: Static Spaces are never built',
      ]);
    });

    it('refuses two Spaces whose apps would share a subdomain', () => {
      expect(issuesOf({ ...minimal(), spaces: [space({}, 'ann/my-app'), space({}, 'ann/my_app')] })).toEqual([
        'spaces[1].id: Same app subdomain "ann-my-app" as "ann/my-app"',
      ]);
    });
  });
});
