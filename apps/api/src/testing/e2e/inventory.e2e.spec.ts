import type { AccountStatus, SpacesListResponse } from '@hfd/contracts';
import { E2E_TOKENS, E2E_VISIBLE_WHEN_LOGGED_IN } from './e2e-scenario';
import { eventually, login, startE2e, type E2eContext } from './e2e-harness';

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

  it('revalidates with the ETag: 304 until the data changes, then the new body with a new tag', async () => {
    const url = `${context.url}/api/v1/spaces`;
    await eventually(async () => ((await (await fetch(url)).json()) as SpacesListResponse).refreshing === false);
    const first = await fetch(url);
    const etag = first.headers.get('etag') ?? '';
    const body = (await first.json()) as SpacesListResponse;
    expect(etag).toMatch(/^W\/".+"$/);
    expect(Date.parse(body.generatedAt)).toBeGreaterThanOrEqual(Date.parse(body.fetchedAt ?? ''));

    const again = await fetch(url, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(Number(again.headers.get('age'))).toBeGreaterThanOrEqual(0);
    // Another view of the same inventory is another body: a session's tag differs from a visitor's.
    const token = await login(context);
    const asUser = await fetch(url, { headers: { 'If-None-Match': etag, Authorization: `Bearer ${token}` } });
    expect(asUser.status).toBe(200);
    expect(asUser.headers.get('etag')).not.toBe(etag);

    // A restart changes the Space's runtime at once.
    expect((await fetch(`${context.url}/api/v1/spaces/user1/space3/restart`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    const changed = await fetch(url, { headers: { 'If-None-Match': etag } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    const space3 = ((await changed.json()) as SpacesListResponse).spaces.find((space) => space.id === 'user1/space3');
    expect(space3?.runtime?.stage).not.toBe(body.spaces.find((space) => space.id === 'user1/space3')?.runtime?.stage);
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

describe('inventory with one account waiting out a rate limit (e2e)', () => {
  /** user1 and org1 share a token and take 5 list requests; user2 has a token of its own. */
  const QUOTA = 10;
  const WINDOW_SECONDS = 6;
  let context: E2eContext;

  beforeAll(async () => {
    context = await startE2e({ env: { REFRESH_INTERVAL: '1h' } });
  });
  afterAll(() => context.close());

  async function list(): Promise<SpacesListResponse> {
    return (await (await fetch(`${context.url}/api/v1/spaces`)).json()) as SpacesListResponse;
  }

  function account(body: SpacesListResponse, name: string): AccountStatus | undefined {
    return body.accounts.find((candidate) => candidate.name === name);
  }

  it("publishes each account as soon as it is read, without waiting for another's rate limit", async () => {
    await eventually(async () => (await list()).fetchedAt !== null);
    const before = await list();
    context.emulator.control.setRateLimit({ quota: QUOTA, windowSeconds: WINDOW_SECONDS });
    // Another client of user2's token spends its window, so the server's next read gets a 429.
    let spent = 0;
    while ((await fetch(`${context.emulator.url}/api/spaces?author=user2`, { headers: { Authorization: `Bearer ${E2E_TOKENS.user2Read}` } })).status !== 429) {
      spent++;
    }
    expect(spent).toBe(QUOTA);

    const startedAt = Date.now();
    const token = await login(context);
    const refreshed = fetch(`${context.url}/api/v1/spaces/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } });
    await eventually(async () => account(await list(), 'user1')?.fetchedAt !== account(before, 'user1')?.fetchedAt, 5000, 20);
    const midway = await list();
    const user1FreshAfterMs = Date.now() - startedAt;
    // user1 is fresh while user2 still waits for its window: the refresh has not ended.
    expect(midway.refreshing).toBe(true);
    expect(midway.fetchedAt).toBe(before.fetchedAt);
    expect(account(midway, 'user2')?.fetchedAt).toBe(account(before, 'user2')?.fetchedAt);
    expect(account(midway, 'user2')?.error).toBeNull();
    expect(midway.spaces.map((space) => space.id)).toEqual(before.spaces.map((space) => space.id));

    expect((await refreshed).status).toBe(200);
    const after = await list();
    const user2FreshAfterMs = Date.now() - startedAt;
    expect(after.refreshing).toBe(false);
    expect(account(after, 'user2')?.fetchedAt).not.toBe(account(before, 'user2')?.fetchedAt);
    expect(account(after, 'user2')?.error).toBeNull();
    // The 429 was waited out (not failed), and user1 did not wait for it.
    expect(user2FreshAfterMs).toBeGreaterThanOrEqual(1000);
    expect(user1FreshAfterMs).toBeLessThan(user2FreshAfterMs - 500);
    expect(after.spaces.map((space) => space.id)).toEqual(before.spaces.map((space) => space.id));
  });
});
