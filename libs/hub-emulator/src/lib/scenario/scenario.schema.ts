import { z } from 'zod';
import { FLAVORS } from '../hub/flavors';
import { subdomainOf } from '../hub/ids';
import { AppAnswerSchema, CrashLoopSchema, ScriptSchema, StageSchema, StuckBuildSchema } from './space-behaviour.schema';

export { StageSchema };

const NAME = /^[A-Za-z0-9](?:[A-Za-z0-9._-]*[A-Za-z0-9])?$/;
/** Real user tokens are `hf_` + 34 characters; a scenario must never hold one. */
const REAL_LOOKING_TOKEN = /^hf_[A-Za-z0-9]{30,}$/;

const isoDate = z.iso.datetime({ message: 'Expected an ISO-8601 UTC date such as 2024-08-06T11:10:09.000Z' });
const hex = (length: number) => z.string().regex(new RegExp(`^[0-9a-f]{${length}}$`), `Expected ${length} hex digits`);
const accountName = z.string().max(96).regex(NAME, 'Expected a Hub name: letters, digits, ".", "_" or "-"');

export const FlavorSchema = z.enum(FLAVORS);
export const SdkSchema = z.enum(['gradio', 'docker', 'static']);

export const StageTimingsSchema = z.strictObject({
  /** BUILDING of a restart or hardware change. */
  buildMs: z.number().int().min(0),
  /** APP_STARTING after a build. */
  startMs: z.number().int().min(0),
  /** BUILDING of a factory rebuild (`?factory=true`), longer since the cache is dropped. */
  factoryBuildMs: z.number().int().min(0),
});

export const RateLimitSchema = z.strictObject({
  /** Requests per window on `/api/*`, per token. */
  quota: z.number().int().min(1),
  /** Requests per window on `/api/*` for anonymous callers, per IP. */
  anonymousQuota: z.number().int().min(1).optional(),
  windowSeconds: z.number().int().min(1),
  /** The stricter limit of `/api/whoami-v2`, per token (docs/hub-api.md §10). */
  whoamiQuota: z.number().int().min(1),
  whoamiWindowSeconds: z.number().int().min(1),
});

const TokenSchema = z.strictObject({
  token: z
    .string()
    .min(6)
    .regex(/^[\x21-\x7e]+$/, 'Expected printable ASCII without spaces')
    .refine((value) => !REAL_LOOKING_TOKEN.test(value), 'Looks like a real Hugging Face token; use a fake one'),
  role: z.enum(['read', 'write', 'fineGrained']),
  displayName: z.string().min(1),
  createdAt: isoDate.optional(),
  /** Only for role `fineGrained`: which namespaces or Spaces it may read or write. */
  fineGrained: z
    .strictObject({
      scoped: z.array(
        z.strictObject({
          entity: z.strictObject({ type: z.enum(['user', 'org', 'space']), name: z.string().min(1) }),
          permissions: z.array(z.string().min(1)),
        }),
      ),
      global: z.array(z.string()).default([]),
    })
    .optional(),
});

const UserSchema = z.strictObject({
  type: z.literal('user'),
  name: accountName,
  id: hex(24).optional(),
  fullname: z.string().optional(),
  email: z.email().optional(),
  isPro: z.boolean().default(false),
  canPay: z.boolean().default(false),
  avatarUrl: z.string().optional(),
  tokens: z.array(TokenSchema).default([]),
});

const OrgSchema = z.strictObject({
  type: z.literal('org'),
  name: accountName,
  id: hex(24).optional(),
  fullname: z.string().optional(),
  avatarUrl: z.string().optional(),
  isEnterprise: z.boolean().default(false),
  members: z
    .array(z.strictObject({ user: accountName, roleInOrg: z.enum(['admin', 'write', 'contributor', 'read']) }))
    .default([]),
});

export const AccountSchema = z.discriminatedUnion('type', [UserSchema, OrgSchema]);

const LOAD_PRESETS = ['idle', 'light', 'busy', 'spiky'] as const;

export const LoadProfileSchema = z.union([
  z.enum(LOAD_PRESETS),
  z.strictObject({
    /** Mean CPU utilisation, percent. */
    cpuPct: z.number().min(0).max(100).optional(),
    /** Mean memory use, percent of the flavor's memory. */
    memoryPct: z.number().min(0).max(100).optional(),
    /** Mean network traffic, bytes per second. */
    netBps: z.number().min(0).optional(),
    /** Mean GPU utilisation, percent (GPU flavors only). */
    gpuPct: z.number().min(0).max(100).optional(),
    /** 0 = flat lines, 1 = very noisy. */
    volatility: z.number().min(0).max(1).optional(),
  }),
]);

const ScriptedEventSchema = z.strictObject({
  afterMs: z.number().int().min(0),
  stage: StageSchema,
  errorMessage: z.string().min(1).optional(),
});

const CardDataSchema = z.looseObject({
  title: z.string().optional(),
  emoji: z.string().optional(),
  colorFrom: z.enum(['red', 'yellow', 'green', 'blue', 'indigo', 'purple', 'pink', 'gray']).optional(),
  colorTo: z.enum(['red', 'yellow', 'green', 'blue', 'indigo', 'purple', 'pink', 'gray']).optional(),
  short_description: z.string().optional(),
  license: z.string().optional(),
  sdk_version: z.string().optional(),
  app_file: z.string().optional(),
  app_port: z.number().int().optional(),
  pinned: z.boolean().optional(),
});

export const SpaceSchema = z.strictObject({
  id: z
    .string()
    .regex(/^[^/]+\/[^/]+$/, 'Expected "owner/name"')
    .refine((id) => id.split('/').every((part) => NAME.test(part) && part.length <= 96), 'Expected "owner/name" with Hub names'),
  _id: hex(24).optional(),
  sdk: SdkSchema,
  private: z.boolean().default(false),
  stage: StageSchema.default('RUNNING'),
  /** Shown in `runtime.errorMessage` while the Space is in an error stage. */
  errorMessage: z.string().min(1).optional(),
  /** Absent or null for static Spaces; `current` defaults to what the stage implies. */
  hardware: z.strictObject({ requested: FlavorSchema, current: FlavorSchema.nullable().optional() }).nullable().optional(),
  /** Sleep time in seconds; null = never sleeps. Defaults to 48 h on cpu-basic, null otherwise. */
  gcTimeout: z.number().int().min(1).nullable().optional(),
  replicas: z.number().int().min(1).max(10).default(1),
  devMode: z.boolean().default(false),
  cardData: CardDataSchema.default({}),
  tags: z.array(z.string().min(1)).default([]),
  likes: z.number().int().min(0).default(0),
  trendingScore: z.number().min(0).default(0),
  createdAt: isoDate,
  lastModified: isoDate.optional(),
  sha: hex(40).optional(),
  models: z.array(z.string()).default([]),
  datasets: z.array(z.string()).default([]),
  load: LoadProfileSchema.default('light'),
  /** Stage changes the Hub makes on its own, `afterMs` after the emulator starts; intermediate stages then finish. */
  events: z.array(ScriptedEventSchema).default([]),
  /** Exact stage history from the emulator's start: `[{ "at": "10s", "stage": "RUNTIME_ERROR" }, …]`. */
  script: ScriptSchema.default([]),
  /** What the app host answers for this Space while it serves. */
  app: AppAnswerSchema.prefault({}),
  crashLoop: CrashLoopSchema.optional(),
  stuckBuild: StuckBuildSchema.optional(),
  /** A factory rebuild of this Space ends in BUILD_ERROR. */
  rebuildFails: z.boolean().default(false),
  rebuildErrorMessage: z.string().min(1).optional(),
});

export const WatchSchema = z.strictObject({ name: accountName, token: z.string().nullable() });

const ScenarioShape = z.strictObject({
  seed: z.number().int(),
  /** Page size of `/api/spaces` when no `limit` is sent, and the largest `limit` honoured. */
  pageSize: z.number().int().min(1).max(10_000).default(1000),
  timings: StageTimingsSchema.partial().default({}),
  /** The Hub's time runs this many times faster than real time: stage timings, scripts, crash loops, sleep. */
  timeScale: z.number().positive().max(1_000_000).default(1),
  /** Spaces with a `gcTimeout` fall asleep after that long without a visit to their app (off by default). */
  sleepAfterGcTimeout: z.boolean().default(false),
  rateLimit: RateLimitSchema.partial().default({}),
  accounts: z.array(AccountSchema).min(1),
  spaces: z.array(SpaceSchema),
  /** The accounts a dashboard watches in demo mode: `HF_USER` as data. */
  watch: z.array(WatchSchema).default([]),
});

type ScenarioShapeOutput = z.output<typeof ScenarioShape>;

/** References between accounts, tokens, Spaces and the watch list must resolve. */
function checkReferences(scenario: ScenarioShapeOutput, ctx: z.RefinementCtx): void {
  const issue = (path: (string | number)[], message: string) => ctx.addIssue({ code: 'custom', path, message });
  const accounts = new Map<string, ScenarioShapeOutput['accounts'][number]>();
  const tokens = new Set<string>();

  scenario.accounts.forEach((account, index) => {
    const key = account.name.toLowerCase();
    if (accounts.has(key)) issue(['accounts', index, 'name'], `Duplicate account name "${account.name}"`);
    accounts.set(key, account);
    if (account.type !== 'user') return;
    account.tokens.forEach((token, tokenIndex) => {
      const path = ['accounts', index, 'tokens', tokenIndex];
      if (tokens.has(token.token)) issue([...path, 'token'], 'Duplicate token value');
      tokens.add(token.token);
      if (token.fineGrained && token.role !== 'fineGrained') {
        issue([...path, 'fineGrained'], 'Only a token with role "fineGrained" may have fineGrained scopes');
      }
    });
  });

  scenario.accounts.forEach((account, index) => {
    if (account.type !== 'org') return;
    account.members.forEach((member, memberIndex) => {
      const user = accounts.get(member.user.toLowerCase());
      if (!user || user.type !== 'user') {
        issue(['accounts', index, 'members', memberIndex, 'user'], `No user account named "${member.user}"`);
      }
    });
  });

  const ids = new Set<string>();
  const subdomains = new Map<string, string>();
  scenario.spaces.forEach((space, index) => {
    const path = ['spaces', index];
    if (ids.has(space.id.toLowerCase())) issue([...path, 'id'], `Duplicate Space "${space.id}"`);
    ids.add(space.id.toLowerCase());
    const subdomain = subdomainOf(space.id);
    const sibling = subdomains.get(subdomain);
    if (sibling !== undefined && sibling.toLowerCase() !== space.id.toLowerCase()) {
      issue([...path, 'id'], `Same app subdomain "${subdomain}" as "${sibling}"`);
    }
    subdomains.set(subdomain, space.id);
    const owner = space.id.split('/')[0] ?? '';
    if (!accounts.has(owner.toLowerCase())) issue([...path, 'id'], `No account named "${owner}" owns this Space`);
    if (space.sdk === 'static') {
      if (space.hardware) issue([...path, 'hardware'], 'Static Spaces have no hardware; leave it out');
      if (space.gcTimeout !== undefined) issue([...path, 'gcTimeout'], 'Static Spaces have no sleep time; leave it out');
      if (space.rebuildFails) issue([...path, 'rebuildFails'], 'Static Spaces cannot be rebuilt');
      if (space.crashLoop) issue([...path, 'crashLoop'], 'Static Spaces have no container to crash');
      if (space.stuckBuild) issue([...path, 'stuckBuild'], 'Static Spaces are never built');
    } else if (space.hardware?.requested === 'zero-a10g' && space.sdk !== 'gradio') {
      issue([...path, 'hardware', 'requested'], 'ZeroGPU (zero-a10g) is only available to Gradio Spaces');
    }
  });

  scenario.watch.forEach((entry, index) => {
    if (!accounts.has(entry.name.toLowerCase())) issue(['watch', index, 'name'], `No account named "${entry.name}"`);
    if (entry.token !== null && !tokens.has(entry.token)) {
      issue(['watch', index, 'token'], 'No account holds this token');
    }
  });
}

export const ScenarioSchema = ScenarioShape.superRefine(checkReferences);

/** A scenario as written in a JSON file (defaults may be left out). */
export type ScenarioInput = z.input<typeof ScenarioSchema>;
/** A validated scenario, every default filled in. */
export type Scenario = z.output<typeof ScenarioSchema>;
export type ScenarioAccount = Scenario['accounts'][number];
export type ScenarioUser = Extract<ScenarioAccount, { type: 'user' }>;
export type ScenarioOrg = Extract<ScenarioAccount, { type: 'org' }>;
export type ScenarioToken = ScenarioUser['tokens'][number];
export type ScenarioSpace = Scenario['spaces'][number];
export type ScenarioWatch = Scenario['watch'][number];
export type StageTimings = z.output<typeof StageTimingsSchema>;
export type RateLimitConfig = z.output<typeof RateLimitSchema>;
export type LoadProfile = z.output<typeof LoadProfileSchema>;
export type LoadPreset = (typeof LOAD_PRESETS)[number];
export type {
  AppAnswer,
  AppAnswerInput,
  CrashLoop,
  CrashLoopInput,
  ScriptStep,
  ScriptStepInput,
  StuckBuild,
  StuckBuildInput,
} from './space-behaviour.schema';
export type Sdk = z.output<typeof SdkSchema>;

export const DEFAULT_TIMINGS: StageTimings = { buildMs: 4000, startMs: 3000, factoryBuildMs: 10_000 };

export const DEFAULT_RATE_LIMIT: RateLimitConfig = {
  quota: 1000,
  windowSeconds: 300,
  whoamiQuota: 30,
  whoamiWindowSeconds: 300,
};
