import type { ScenarioInput } from '@hfd/hub-emulator';

/** Fake tokens (the emulator refuses real-looking ones). */
export const ALICE_TOKEN = 'resilience-alice-write';
export const BOB_TOKEN = 'resilience-bob-write';
/** How the emulator's counters name requests made with alice's token: `<user>/<token display name>`. */
export const ALICE_LABEL = 'alice/dashboard';

export const HF_USER = `alice:${ALICE_TOKEN},bob:${BOB_TOKEN}`;
export const ACCOUNTS = ['alice', 'bob'] as const;

/** Public Spaces that run a container, so an anonymous viewer gets their live metrics (static Spaces have none). */
export const RUNNING_SPACES = ['alice/chat', 'alice/vision', 'bob/agent'] as const;

const CREATED = '2025-01-02T03:04:05.000Z';

/** Two accounts with write tokens; running, sleeping, static and private Spaces. */
export const resilienceScenario: ScenarioInput = {
  seed: 20_261_126,
  timings: { buildMs: 300, startMs: 300, factoryBuildMs: 600 },
  accounts: [
    { type: 'user', name: 'alice', tokens: [{ token: ALICE_TOKEN, role: 'write', displayName: 'dashboard' }] },
    { type: 'user', name: 'bob', tokens: [{ token: BOB_TOKEN, role: 'write', displayName: 'dashboard' }] },
  ],
  spaces: [
    { id: 'alice/chat', sdk: 'gradio', stage: 'RUNNING', hardware: { requested: 'cpu-basic' }, load: 'busy', createdAt: CREATED },
    { id: 'alice/vision', sdk: 'docker', stage: 'RUNNING', hardware: { requested: 't4-small' }, load: 'spiky', createdAt: CREATED },
    { id: 'alice/sleeper', sdk: 'gradio', stage: 'SLEEPING', hardware: { requested: 'cpu-basic' }, createdAt: CREATED },
    { id: 'alice/notes', sdk: 'static', createdAt: CREATED },
    { id: 'bob/agent', sdk: 'docker', stage: 'RUNNING', hardware: { requested: 'cpu-upgrade' }, load: 'light', createdAt: CREATED },
    { id: 'bob/private-tool', sdk: 'docker', private: true, stage: 'RUNNING', hardware: { requested: 'cpu-basic' }, createdAt: CREATED },
  ],
};
