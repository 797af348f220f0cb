import type { SpaceDetail, SpacesListResponse } from '@hfd/contracts';
import { eventually, login, startE2e, type E2eContext } from './e2e-harness';

/**
 * Anonymous visitors must not be able to spend the configured tokens' Hub rate limit, and no
 * one may turn forced refreshes into a stream of list requests (docs/security.md). Every test
 * counts what the hub emulator served.
 */
describe("the owner's Hub quota (e2e)", () => {
  let context: E2eContext;
  let session: string;

  const detail = (id: string, authorization?: string) => fetch(`${context.url}/api/v1/spaces/${id}`, { headers: authorization ? { Authorization: authorization } : {} });
  const list = async () => (await (await fetch(`${context.url}/api/v1/spaces`)).json()) as SpacesListResponse;
  const hubRequests = () => context.emulator.counters.requests();
  const infoRequests = () => context.emulator.counters.requests({ route: 'space-info' });

  beforeAll(async () => {
    context = await startE2e({ env: { REFRESH_INTERVAL: '1h' } });
    // The first inventory read completes before the checks below count anything.
    await eventually(async () => (await list()).accounts.every((account) => account.fetchedAt !== null));
    session = `Bearer ${await login(context)}`;
  });
  afterEach(() => context.emulator.control.clearFaults());
  afterAll(() => context.close());

  describe('visitors are answered from the inventory alone', () => {
    it('serves a public Space in full, the same as a session reads it from the Hub, without a Hub request', async () => {
      const before = hubRequests();
      const answers = await Promise.all(Array.from({ length: 20 }, () => detail('user1/space1')));
      expect(answers.map((answer) => answer.status)).toEqual(Array.from({ length: 20 }, () => 200));
      const visitor = (await answers[0].json()) as SpaceDetail;
      expect(hubRequests()).toBe(before);

      const fresh = (await (await detail('user1/space1', session)).json()) as SpaceDetail;
      expect(visitor).toEqual(fresh);
      expect(visitor).toMatchObject({ id: 'user1/space1', title: 'Space One', runtime: { stage: 'RUNNING' } });
    });

    it('answers 404 to a flood of random names, private names and unconfigured owners, without a Hub request', async () => {
      const before = hubRequests();
      const names = [
        ...Array.from({ length: 100 }, (_, index) => `user1/no-such-space-${index}-${Math.random().toString(36).slice(2)}`),
        'user1/space2',
        'USER1/Space2',
        'org1/org-private',
        'user3/u3-private',
        'stranger/space1',
      ];
      for (const name of names) expect((await detail(name)).status).toBe(404);
      expect(hubRequests()).toBe(before);
    });

    it('answers a private Space and a missing one with the same body and headers', async () => {
      const strip = (headers: Headers) => {
        const kept: string[] = [];
        headers.forEach((value, name) => {
          if (name !== 'date' && name !== 'x-request-id') kept.push(`${name}: ${value}`);
        });
        return kept;
      };
      const hidden = await detail('user1/space2');
      const missing = await detail('user1/no-such-space');
      expect(strip(hidden.headers)).toEqual(strip(missing.headers));
      expect(await hidden.text()).toBe(await missing.text());
    });

    it('sends nothing to the Hub for a visitor when the last list read failed, whatever the name', async () => {
      // The list fails (a refused token is not retried, so this is quick): the accounts are no
      // longer known complete, which once sent every unknown name to the Hub.
      context.emulator.control.failRoute({ route: 'spaces-list', status: 401 });
      const token = await login(context);
      expect((await fetch(`${context.url}/api/v1/spaces/refresh`, { method: 'POST', headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
      expect((await list()).accounts.find((account) => account.name === 'user1')?.error?.kind).toBe('token_invalid');

      const before = hubRequests();
      for (let index = 0; index < 50; index++) expect((await detail(`user1/gone-${index}`)).status).toBe(404);
      expect((await detail('user1/space2')).status).toBe(404);
      expect((await detail('user1/space1')).status).toBe(200);
      expect(hubRequests()).toBe(before);
    });
  });

  describe('sessions read fresh from the Hub', () => {
    it('coalesced and limited per Space: one Hub request for a burst and for the calls of the next seconds', async () => {
      context.emulator.control.setLatency({ ms: 200, routes: ['space-info'] });
      const before = infoRequests();
      const burst = await Promise.all(Array.from({ length: 10 }, () => detail('user1/space3', session)));
      expect(burst.map((answer) => answer.status)).toEqual(Array.from({ length: 10 }, () => 200));
      for (let index = 0; index < 10; index++) expect((await detail('USER1/space3', session)).status).toBe(200);
      expect(infoRequests() - before).toBe(1);
    });

    it('asks the Hub once per Space when it fails, not once per call', async () => {
      context.emulator.control.failRoute({ route: 'space-info', status: 404 });
      const before = infoRequests();
      for (let index = 0; index < 10; index++) expect((await detail('user1/space5', session)).status).toBe(404);
      expect(infoRequests() - before).toBe(1);
    });
  });

});

describe('forced refreshes, POST /spaces/refresh (e2e)', () => {
  let context: E2eContext;
  let session: string;
  /** List requests of one whole refresh: what the start-up read made. */
  let perRefresh: number;

  const refresh = () => fetch(`${context.url}/api/v1/spaces/refresh`, { method: 'POST', headers: { Authorization: session } });
  const listRequests = () => context.emulator.counters.requests({ route: 'spaces-list' });

  beforeAll(async () => {
    context = await startE2e({ env: { REFRESH_INTERVAL: '1h' } });
    await eventually(async () => ((await (await fetch(`${context.url}/api/v1/spaces`)).json()) as SpacesListResponse).refreshing === false);
    perRefresh = listRequests();
    session = `Bearer ${await login(context)}`;
  });
  afterAll(() => context.close());

  it('runs one for everyone who asks together, then answers 429 REFRESH_TOO_SOON with Retry-After for 5 s, reading nothing', async () => {
    // A Hub slow enough that the refresh is still in flight when the last of the callers arrives.
    context.emulator.control.setLatency({ ms: 1000, routes: ['spaces-list'] });
    const together = await Promise.all(Array.from({ length: 10 }, () => refresh()));
    expect(together.map((call) => call.status)).toEqual(Array.from({ length: 10 }, () => 200));
    expect(listRequests()).toBe(2 * perRefresh);
    context.emulator.control.clearFaults();

    for (let index = 0; index < 20; index++) {
      const call = await refresh();
      expect(call.status).toBe(429);
      expect(((await call.json()) as { code: string }).code).toBe('REFRESH_TOO_SOON');
      const retryAfter = Number(call.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(5);
    }
    expect(listRequests()).toBe(2 * perRefresh);
  });

  it('refuses a caller without a session before anything else', async () => {
    const before = listRequests();
    expect((await fetch(`${context.url}/api/v1/spaces/refresh`, { method: 'POST' })).status).toBe(401);
    expect(listRequests()).toBe(before);
  });
});
