import type { ScenarioInput } from '@hfd/hub-emulator';

/** Fake tokens (the emulator refuses real-looking ones); they must never show up in a log line. */
export const ALICE_TOKEN = 'prod-e2e-alice-write';
export const BOB_TOKEN = 'prod-e2e-bob-read';

/** The seed README's `user1:token1,user2:token2,user3:` form: two accounts with a token, one without. */
export const HF_USER = `alice:${ALICE_TOKEN},bob:${BOB_TOKEN},carol:`;

export const ALICE_SPACES = ['alice/chat-ui', 'alice/private-tool'];

/** Three accounts, public and private Spaces, and short stage timings so actions settle fast. */
export const productionScenario: ScenarioInput = {
  seed: 20_251_126,
  timings: { buildMs: 300, startMs: 300, factoryBuildMs: 600 },
  accounts: [
    { type: 'user', name: 'alice', tokens: [{ token: ALICE_TOKEN, role: 'write', displayName: 'dashboard' }] },
    { type: 'user', name: 'bob', tokens: [{ token: BOB_TOKEN, role: 'read', displayName: 'monitor' }] },
    { type: 'user', name: 'carol', tokens: [] },
  ],
  spaces: [
    { id: 'alice/chat-ui', sdk: 'gradio', stage: 'RUNNING', hardware: { requested: 'cpu-basic' }, tags: ['chat'], createdAt: '2025-01-02T03:04:05.000Z' },
    { id: 'alice/private-tool', sdk: 'docker', private: true, stage: 'SLEEPING', hardware: { requested: 'cpu-basic' }, createdAt: '2025-02-03T04:05:06.000Z' },
    { id: 'bob/notes', sdk: 'static', createdAt: '2025-03-04T05:06:07.000Z' },
    { id: 'carol/demo', sdk: 'gradio', stage: 'RUNNING', hardware: { requested: 'cpu-basic' }, createdAt: '2025-04-05T06:07:08.000Z' },
  ],
};
