import type { Flavor } from '../hub/flavors';
import type { SpaceStage } from '../hub/stages';
import { Prng } from '../random/prng';
import { parseScenario } from './load-scenario';
import type { LoadPreset, RateLimitConfig, Scenario, ScenarioInput, Sdk, StageTimings } from './scenario.schema';

export interface GenerateScenarioOptions {
  /** Watched accounts (users and organisations). */
  accounts: number;
  spacesPerAccount: number;
  seed?: number;
  /** How many of the accounts are organisations; default one in five. */
  orgs?: number;
  /** Share of private Spaces, 0..1; default 0.3. */
  privateShare?: number;
  /** Relative weights of the initial stages of non-static Spaces. */
  stageWeights?: Partial<Record<SpaceStage, number>>;
  pageSize?: number;
  timings?: Partial<StageTimings>;
  rateLimit?: Partial<RateLimitConfig>;
}

const DEFAULT_STAGE_WEIGHTS: Partial<Record<SpaceStage, number>> = {
  RUNNING: 70,
  SLEEPING: 12,
  PAUSED: 5,
  RUNTIME_ERROR: 5,
  BUILD_ERROR: 3,
  BUILDING: 3,
  STOPPED: 2,
};

const SDK_WEIGHTS: ReadonlyArray<[Sdk, number]> = [
  ['gradio', 60],
  ['docker', 30],
  ['static', 10],
];

const FLAVOR_WEIGHTS: ReadonlyArray<[Flavor, number]> = [
  ['cpu-basic', 60],
  ['cpu-upgrade', 15],
  ['t4-small', 10],
  ['zero-a10g', 10],
  ['a10g-small', 5],
];

const ADJECTIVES = ['swift', 'quiet', 'bright', 'tiny', 'lucid', 'amber', 'brave', 'cosmic', 'gentle', 'rapid'];
const NOUNS = ['chat', 'vision', 'scribe', 'router', 'painter', 'tutor', 'search', 'agent', 'mixer', 'lens'];
const EMOJIS = ['🚀', '🤖', '🎨', '📊', '🔍', '🧠', '🎵', '📝', '🌍', '⚡'];
const COLORS = ['red', 'yellow', 'green', 'blue', 'indigo', 'purple', 'pink', 'gray'] as const;
const LOADS: readonly LoadPreset[] = ['idle', 'light', 'busy', 'spiky'];
const ERRORS: Partial<Record<SpaceStage, string>> = {
  RUNTIME_ERROR: 'Exit code: 1. Reason: RuntimeError: CUDA out of memory',
  BUILD_ERROR: 'Build failed with exit code: 1\nERROR: Could not find a version that satisfies the requirement torch==9.9',
};

const DAY_MS = 86_400_000;
const EPOCH = Date.parse('2023-01-01T00:00:00.000Z');

function weighted<T>(prng: Prng, entries: ReadonlyArray<readonly [T, number]>): T {
  const total = entries.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = prng.float() * total;
  for (const [value, weight] of entries) {
    roll -= weight;
    if (roll < 0) return value;
  }
  const last = entries[entries.length - 1];
  if (!last) throw new Error('No weighted entries');
  return last[0];
}

const pad = (n: number) => String(n).padStart(2, '0');

/**
 * A large scenario built only from its options, so benchmarks (5 × 40 Spaces, 200+
 * Spaces) repeat exactly: every user has a write and a read token, every organisation
 * is administered by a user and watched with that user's write token.
 */
export function generateScenario(options: GenerateScenarioOptions): Scenario {
  const seed = options.seed ?? 1;
  const prng = new Prng(seed, 'generate-scenario');
  const orgCount = Math.min(options.orgs ?? Math.floor(options.accounts / 5), Math.max(options.accounts - 1, 0));
  const userCount = options.accounts - orgCount;
  const stageWeights = Object.entries(options.stageWeights ?? DEFAULT_STAGE_WEIGHTS) as Array<[SpaceStage, number]>;
  const privateShare = options.privateShare ?? 0.3;

  const users = Array.from({ length: userCount }, (_, i) => `user-${pad(i + 1)}`);
  const orgs = Array.from({ length: orgCount }, (_, i) => `org-${pad(i + 1)}`);
  const writeToken = (user: string) => `bench-${user}-write`;
  const adminOf = (orgIndex: number) => users[orgIndex % users.length] ?? 'user-01';

  const accounts: ScenarioInput['accounts'] = [
    ...users.map((name) => ({
      type: 'user' as const,
      name,
      fullname: `Benchmark ${name}`,
      tokens: [
        { token: writeToken(name), role: 'write' as const, displayName: 'bench-write' },
        { token: `bench-${name}-read`, role: 'read' as const, displayName: 'bench-read' },
      ],
    })),
    ...orgs.map((name, i) => ({
      type: 'org' as const,
      name,
      fullname: `Benchmark ${name}`,
      members: [{ user: adminOf(i), roleInOrg: 'admin' as const }],
    })),
  ];

  const spaces: ScenarioInput['spaces'] = [];
  for (const owner of [...users, ...orgs]) {
    for (let i = 1; i <= options.spacesPerAccount; i++) {
      const sdk = weighted(prng, SDK_WEIGHTS);
      const name = `${prng.pick(ADJECTIVES)}-${prng.pick(NOUNS)}-${String(i).padStart(3, '0')}`;
      // Whole seconds, as the Hub stores them (`.000Z`).
      const createdMs = EPOCH + prng.int(0, 730) * DAY_MS + prng.int(0, 86_399) * 1000;
      const modifiedMs = createdMs + prng.int(0, 300) * DAY_MS;
      const isPrivate = prng.chance(privateShare);
      const card = {
        title: name.replace(/-/g, ' '),
        emoji: prng.pick(EMOJIS),
        colorFrom: prng.pick(COLORS),
        colorTo: prng.pick(COLORS),
        short_description: `Generated ${sdk} Space number ${i} of ${owner}`,
      };
      const common = {
        id: `${owner}/${name}`,
        sdk,
        private: isPrivate,
        cardData: card,
        likes: prng.int(0, 500),
        createdAt: new Date(createdMs).toISOString(),
        lastModified: new Date(modifiedMs).toISOString(),
      };
      if (sdk === 'static') {
        spaces.push({ ...common, stage: 'RUNNING' });
        continue;
      }
      let flavor = weighted(prng, FLAVOR_WEIGHTS);
      if (flavor === 'zero-a10g' && sdk !== 'gradio') flavor = 'cpu-basic';
      const stage = weighted(prng, stageWeights);
      const errorMessage = ERRORS[stage];
      spaces.push({
        ...common,
        stage,
        ...(errorMessage ? { errorMessage } : {}),
        hardware: { requested: flavor },
        load: prng.pick(LOADS),
      });
    }
  }

  const input: ScenarioInput = {
    seed,
    ...(options.pageSize ? { pageSize: options.pageSize } : {}),
    ...(options.timings ? { timings: options.timings } : {}),
    ...(options.rateLimit ? { rateLimit: options.rateLimit } : {}),
    accounts,
    spaces,
    watch: [
      ...users.map((name) => ({ name, token: writeToken(name) })),
      ...orgs.map((name, i) => ({ name, token: writeToken(adminOf(i)) })),
    ],
  };
  return parseScenario(input, 'generateScenario');
}
