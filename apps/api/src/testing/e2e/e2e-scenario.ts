import type { ScenarioInput } from '@hfd/hub-emulator';

/**
 * The end-to-end scenario: four accounts of every kind, public and private Spaces in
 * many stages, and a page size small enough that listing one account takes three pages.
 */
export const E2E_TOKENS = {
  user1Write: 'e2e-user1-write-token',
  user2Read: 'e2e-user2-read-token',
} as const;

export const E2E_HF_USER = `user1:${E2E_TOKENS.user1Write},org1:${E2E_TOKENS.user1Write},user2:${E2E_TOKENS.user2Read},user3:`;

const created = '2024-05-01T10:00:00.000Z';

export function e2eScenario(): ScenarioInput {
  return {
    seed: 7,
    pageSize: 2,
    timings: { buildMs: 2500, startMs: 2500, factoryBuildMs: 4000 },
    accounts: [
      { type: 'user', name: 'user1', tokens: [{ token: E2E_TOKENS.user1Write, role: 'write', displayName: 'e2e-write' }] },
      { type: 'org', name: 'org1', members: [{ user: 'user1', roleInOrg: 'admin' }] },
      { type: 'user', name: 'user2', tokens: [{ token: E2E_TOKENS.user2Read, role: 'read', displayName: 'e2e-read' }] },
      { type: 'user', name: 'user3' },
    ],
    spaces: [
      { id: 'user1/space1', sdk: 'gradio', stage: 'RUNNING', hardware: { requested: 'cpu-basic' }, createdAt: created, cardData: { title: 'Space One', emoji: '🚀' } },
      { id: 'user1/space2', sdk: 'docker', stage: 'RUNNING', private: true, hardware: { requested: 'cpu-upgrade' }, createdAt: created },
      { id: 'user1/space3', sdk: 'gradio', stage: 'SLEEPING', hardware: { requested: 'cpu-basic' }, createdAt: created },
      { id: 'user1/space4', sdk: 'gradio', stage: 'PAUSED', private: true, hardware: { requested: 'cpu-basic' }, createdAt: created },
      { id: 'user1/space5', sdk: 'static', stage: 'RUNNING', createdAt: created },
      { id: 'org1/org-app', sdk: 'gradio', stage: 'RUNNING', hardware: { requested: 't4-small' }, createdAt: created },
      { id: 'org1/org-private', sdk: 'docker', stage: 'RUNNING', private: true, hardware: { requested: 'cpu-basic' }, createdAt: created },
      {
        id: 'org1/org-broken',
        sdk: 'gradio',
        stage: 'RUNTIME_ERROR',
        errorMessage: 'ModuleNotFoundError: No module named torch',
        hardware: { requested: 'cpu-basic' },
        createdAt: created,
      },
      { id: 'user2/u2-public', sdk: 'gradio', stage: 'RUNNING', hardware: { requested: 'cpu-basic' }, createdAt: created },
      { id: 'user2/u2-private', sdk: 'gradio', stage: 'RUNNING', private: true, hardware: { requested: 'cpu-basic' }, createdAt: created },
      { id: 'user3/u3-public', sdk: 'docker', stage: 'RUNNING', hardware: { requested: 'cpu-basic' }, createdAt: created },
      { id: 'user3/u3-private', sdk: 'docker', stage: 'RUNNING', private: true, hardware: { requested: 'cpu-basic' }, createdAt: created },
    ],
  };
}

/** Ids a logged-in user sees: everything but user3's private Space, which no configured token can read. */
export const E2E_VISIBLE_WHEN_LOGGED_IN = [
  'org1/org-app',
  'org1/org-broken',
  'org1/org-private',
  'user1/space1',
  'user1/space2',
  'user1/space3',
  'user1/space4',
  'user1/space5',
  'user2/u2-private',
  'user2/u2-public',
  'user3/u3-public',
];

export const E2E_PUBLIC = ['org1/org-app', 'org1/org-broken', 'user1/space1', 'user1/space3', 'user1/space5', 'user2/u2-public', 'user3/u3-public'];
