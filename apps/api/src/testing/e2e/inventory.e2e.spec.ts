import type { SpacesListResponse } from '@hfd/contracts';
import { E2E_VISIBLE_WHEN_LOGGED_IN } from './e2e-scenario';
import { login, startE2e, type E2eContext } from './e2e-harness';

describe('inventory (e2e, real app and hub emulator over HTTP)', () => {
  let context: E2eContext;

  beforeAll(async () => {
    context = await startE2e();
  });
  afterAll(() => context.close());

  it('lists the Spaces of every account with one list request per account per page and no per-Space request', async () => {
    const token = await login(context);
    const response = await fetch(`${context.url}/api/v1/spaces`, { headers: { Authorization: `Bearer ${token}` } });
    const body = (await response.json()) as SpacesListResponse;
    expect(response.status).toBe(200);
    expect(body.spaces.map((space) => space.id).sort()).toEqual(E2E_VISIBLE_WHEN_LOGGED_IN);
    expect(body.accounts.map((account) => [account.name, account.error, account.canWrite])).toEqual([
      ['user1', null, true],
      ['org1', null, true],
      ['user2', null, false],
      ['user3', null, false],
    ]);
    expect(body.fetchedAt).not.toBeNull();
    expect(body.stale).toBe(false);

    // Page size 2: user1 (5 Spaces) takes 3 pages, org1 2, user2 1 and user3 1.
    const counters = context.emulator.counters;
    expect(counters.requests({ route: 'spaces-list' })).toBe(7);
    expect(counters.requests({ route: 'space-info' })).toBe(0);
  });

  it('maps the Hub fields the dashboard shows', async () => {
    const body = (await (await fetch(`${context.url}/api/v1/spaces`)).json()) as SpacesListResponse;
    const space = body.spaces.find((candidate) => candidate.id === 'user1/space1');
    expect(space).toMatchObject({
      owner: 'user1',
      name: 'space1',
      title: 'Space One',
      emoji: '🚀',
      sdk: 'gradio',
      private: false,
      appUrl: 'https://user1-space1.hf.space',
      hubUrl: `${context.emulator.url}/spaces/user1/space1`,
      runtime: { stage: 'RUNNING', hardware: { current: 'cpu-basic', requested: 'cpu-basic' } },
    });
    const broken = body.spaces.find((candidate) => candidate.id === 'org1/org-broken');
    expect(broken?.runtime).toMatchObject({ stage: 'RUNTIME_ERROR', errorMessage: 'ModuleNotFoundError: No module named torch' });
    const staticSpace = body.spaces.find((candidate) => candidate.id === 'user1/space5');
    expect(staticSpace?.runtime).toMatchObject({ stage: 'RUNNING', hardware: { current: null, requested: null }, sleepTimeSeconds: null });
  });

  it('serves cached data at once and shares one refresh among concurrent readers', async () => {
    const before = context.emulator.counters.requests({ route: 'spaces-list' });
    const token = await login(context);
    const refreshes = await Promise.all(
      Array.from({ length: 5 }, () => fetch(`${context.url}/api/v1/spaces/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })),
    );
    expect(refreshes.map((response) => response.status)).toEqual([200, 200, 200, 200, 200]);
    expect(context.emulator.counters.requests({ route: 'spaces-list' }) - before).toBe(7);
  });
});

describe('inventory with a bad token on one account (e2e)', () => {
  let context: E2eContext;

  beforeAll(async () => {
    context = await startE2e({ env: { HF_USER: 'user1:e2e-user1-write-token,user2:not-a-valid-token' } });
  });
  afterAll(() => context.close());

  it('reports the error beside that account and still lists the others', async () => {
    const body = (await (await fetch(`${context.url}/api/v1/spaces`)).json()) as SpacesListResponse;
    const user2 = body.accounts.find((account) => account.name === 'user2');
    expect(user2?.error).toMatchObject({ kind: 'token_invalid' });
    expect(body.accounts.find((account) => account.name === 'user1')?.error).toBeNull();
    expect(body.spaces.some((space) => space.owner === 'user1')).toBe(true);
    expect(body.stale).toBe(true);
  });
});
