import type { HubEmulator } from '@hfd/hub-emulator';
import { firstValueFrom, take, toArray } from 'rxjs';
import {
  HubBadRequestError,
  HubForbiddenError,
  HubNotFoundError,
  HubUnauthorizedError,
} from './hf-client.errors';
import { LIST_EXPAND, type HfClientService } from './hf-client.service';
import { TOKENS, captureLogs, recordRequests, startTestHub, testClient } from './testing/hub-test-kit';

/** The operations of HfClientService against the hub emulator over loopback HTTP. */
describe('HfClientService operations (hub emulator)', () => {
  const logs = captureLogs();
  let hub: HubEmulator;
  let client: HfClientService;

  beforeAll(async () => {
    hub = await startTestHub();
  });

  beforeEach(() => {
    hub.control.clearFaults();
    hub.control.resetCounters();
    client = testClient(hub);
  });

  afterAll(async () => {
    await hub.close();
    for (const token of Object.values(TOKENS)) expect(logs.lines.join('\n')).not.toContain(token);
    logs.restore();
  });

  describe('whoami', () => {
    it('returns the token owner with its role', async () => {
      const whoami = await client.whoami(TOKENS.aliceWrite);
      expect(whoami).toMatchObject({ type: 'user', name: 'alice', fullname: 'Alice Test', email: 'alice@example.com' });
      expect(whoami.auth?.accessToken).toMatchObject({ role: 'write', displayName: 'dashboard' });
    });

    it('asks the Hub once per token: concurrent calls share a request, later calls use the cache', async () => {
      const answers = await Promise.all([client.whoami(TOKENS.aliceRead), client.whoami(TOKENS.aliceRead)]);
      await client.whoami(TOKENS.aliceRead);
      expect(answers[0]).toBe(answers[1]);
      expect(hub.counters.requests({ route: 'whoami' })).toBe(1);
      await client.whoami(TOKENS.bobWrite);
      expect(hub.counters.requests({ route: 'whoami' })).toBe(2);
    });

    it('asks again once the cached answer is older than whoamiCacheTtlMs', async () => {
      const shortLived = testClient(hub, { whoamiCacheTtlMs: 50 });
      await shortLived.whoami(TOKENS.aliceWrite);
      await new Promise((resolve) => setTimeout(resolve, 80));
      await shortLived.whoami(TOKENS.aliceWrite);
      expect(hub.counters.requests({ route: 'whoami' })).toBe(2);
    });

    it('rejects an unknown token with HubUnauthorizedError, and caches no failure', async () => {
      await expect(client.whoami(TOKENS.unknown)).rejects.toBeInstanceOf(HubUnauthorizedError);
      await expect(client.whoami(TOKENS.unknown)).rejects.toMatchObject({ status: 401, hubMessage: 'Invalid credentials in Authorization header' });
      expect(hub.counters.requests({ route: 'whoami' })).toBe(2);
    });

    it('fails without a request when there is no token', async () => {
      await expect(client.whoami(null)).rejects.toBeInstanceOf(HubUnauthorizedError);
      expect(hub.counters.requests()).toBe(0);
    });
  });

  describe('listSpaces', () => {
    it('follows Link over every page, one request per page, in order', async () => {
      const pager = testClient(hub, { listPageSize: 2 });
      const spaces = await pager.listSpaces('pager', null);
      expect(spaces.map((space) => space.id)).toEqual(Array.from({ length: 7 }, (_, index) => `pager/space-${index}`));
      expect(hub.counters.requests({ route: 'spaces-list' })).toBe(4);
    });

    it('asks for every field the dashboard needs, with repeated expand parameters', async () => {
      const events = recordRequests(client);
      const [space] = (await client.listSpaces('alice', TOKENS.aliceWrite)).filter((item) => item.id === 'alice/public-app');
      expect(space).toMatchObject({
        id: 'alice/public-app',
        author: 'alice',
        createdAt: '2024-08-06T11:10:09.000Z',
        likes: 3,
        private: false,
        sdk: 'gradio',
        subdomain: 'alice-public-app',
        cardData: { title: 'Public App', emoji: '🚀' },
        runtime: { stage: 'RUNNING', hardware: { current: 'cpu-basic', requested: 'cpu-basic' } },
      });
      expect(space.tags).toEqual(expect.arrayContaining(['gradio', 'demo']));
      expect(typeof space.lastModified).toBe('string');
      expect(LIST_EXPAND).toHaveLength(13);
      expect(events).toEqual([expect.objectContaining({ route: 'GET /api/spaces', status: 200 })]);
    });

    it('lists private Spaces only to a token that may see them', async () => {
      const withToken = (await client.listSpaces('alice', TOKENS.aliceWrite)).map((space) => space.id);
      const anonymous = (await client.listSpaces('alice', null)).map((space) => space.id);
      expect(withToken).toEqual(expect.arrayContaining(['alice/public-app', 'alice/private-app', 'alice/static-site']));
      expect(anonymous).toEqual(expect.arrayContaining(['alice/public-app', 'alice/static-site']));
      expect(anonymous).not.toContain('alice/private-app');
    });

    it('stops at maxListPages', async () => {
      const capped = testClient(hub, { listPageSize: 2, maxListPages: 2 });
      await expect(capped.listSpaces('pager', null)).resolves.toHaveLength(4);
      expect(hub.counters.requests({ route: 'spaces-list' })).toBe(2);
    });

    it('gives an empty list for an author without Spaces', async () => {
      await expect(client.listSpaces('nobody-here', null)).resolves.toEqual([]);
    });
  });

  describe('spaceInfo and runtime', () => {
    it('reads a Space with its runtime', async () => {
      const space = await client.spaceInfo('alice/public-app', null);
      expect(space).toMatchObject({ id: 'alice/public-app', author: 'alice', sdk: 'gradio', runtime: { stage: 'RUNNING' } });
      expect(space.runtime?.domains).toEqual([{ domain: 'alice-public-app.hf.space', stage: 'READY' }]);
    });

    it('reads a static Space: null hardware, no gcTimeout, devMode or domains', async () => {
      const runtime = await client.runtime('alice/static-site', null);
      expect(runtime).toEqual({ stage: 'RUNNING', hardware: { current: null, requested: null }, storage: null, replicas: { requested: 1, current: 1 } });
      const info = await client.spaceInfo('alice/static-site', null);
      expect(info.runtime).not.toHaveProperty('gcTimeout');
      expect(info.sdk).toBe('static');
    });

    it('reads a private Space with a token that may see it', async () => {
      await expect(client.runtime('alice/private-app', TOKENS.aliceRead)).resolves.toMatchObject({
        hardware: { requested: 'cpu-upgrade' },
        gcTimeout: null,
      });
    });
  });

  describe('mutations', () => {
    it('restarts and answers with the new runtime, then pauses, then sets the sleep time', async () => {
      await expect(client.restart('alice/private-app', TOKENS.aliceWrite)).resolves.toMatchObject({ stage: 'BUILDING', replicas: { requested: 1 } });
      await expect(client.pause('alice/private-app', TOKENS.aliceWrite)).resolves.toMatchObject({ stage: 'PAUSED' });
      await expect(client.setSleepTime('alice/private-app', TOKENS.aliceWrite, 3600)).resolves.toMatchObject({ gcTimeout: 3600 });
      await expect(client.setSleepTime('alice/private-app', TOKENS.aliceWrite, -1)).resolves.toMatchObject({ gcTimeout: null });
      // A restart is the only way out of PAUSED.
      await expect(client.restart('alice/private-app', TOKENS.aliceWrite)).resolves.toMatchObject({ stage: 'BUILDING' });
      expect(hub.counters.requests({ route: 'space-restart', method: 'POST', token: 'alice/dashboard' })).toBe(2);
    });

    it('sends a factory rebuild as ?factory=true', async () => {
      const events = recordRequests(client);
      await expect(client.restart('bob/app', TOKENS.bobWrite, { factory: true })).resolves.toMatchObject({ stage: 'BUILDING' });
      expect(events.map((event) => event.route)).toEqual(['POST /api/spaces/{owner}/{name}/restart']);
      // The emulator's build log says whether the build cache was dropped.
      const lines = await firstValueFrom(client.logs('bob/app', TOKENS.bobWrite, 'build').pipe(take(3), toArray()));
      expect(lines[2].data).toBe('Factory rebuild: build cache disabled\n');
    });
  });

  describe('errors, one class per case', () => {
    it('HubUnauthorizedError: an invalid token, even for public data', async () => {
      const error = await client.runtime('alice/public-app', TOKENS.unknown).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HubUnauthorizedError);
      expect(error).toMatchObject({ status: 401, hubMessage: 'Invalid credentials in Authorization header' });
      expect((error as Error).message).not.toContain(TOKENS.unknown);
      expect((error as HubUnauthorizedError).requestId).toMatch(/^Root=1-/);
    });

    it('HubNotFoundError: a missing Space with a token (404)', async () => {
      await expect(client.spaceInfo('alice/no-such-space', TOKENS.aliceWrite)).rejects.toMatchObject({
        name: 'HubNotFoundError',
        status: 404,
        errorCode: 'RepoNotFound',
      });
    });

    it('HubNotFoundError: a private Space asked anonymously (the Hub answers 401)', async () => {
      const error = await client.runtime('alice/private-app', null).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(HubNotFoundError);
      expect(error).toMatchObject({ status: 401 });
    });

    it("HubForbiddenError: restarting someone else's Space, or with a read-only token", async () => {
      await expect(client.restart('alice/public-app', TOKENS.bobWrite)).rejects.toBeInstanceOf(HubForbiddenError);
      await expect(client.pause('alice/public-app', TOKENS.aliceRead)).rejects.toMatchObject({ name: 'HubForbiddenError', status: 403 });
    });

    it('HubUnauthorizedError: a mutation without a token', async () => {
      await expect(client.restart('alice/public-app', null)).rejects.toMatchObject({ name: 'HubUnauthorizedError', status: 401 });
    });

    it('HubBadRequestError: restarting a static Space, or a sleep time the Hub refuses', async () => {
      await expect(client.restart('alice/static-site', TOKENS.aliceWrite)).rejects.toMatchObject({
        name: 'HubBadRequestError',
        status: 400,
        hubMessage: expect.stringContaining('Static Spaces'),
      });
      await expect(client.setSleepTime('alice/private-app', TOKENS.aliceWrite, 0)).rejects.toBeInstanceOf(HubBadRequestError);
    });

    it('HubBadRequestError: a Space id that cannot be sent, without a request', async () => {
      await expect(client.runtime('alice/../bob', null)).rejects.toMatchObject({ name: 'HubBadRequestError', status: null });
      expect(hub.counters.requests()).toBe(0);
    });

    it('HubUnavailableError: the hub down, by connection reset and by CloudFront 503', async () => {
      const quick = testClient(hub, { retry: { maxAttempts: 2 } });
      hub.control.hubDown('reset');
      await expect(quick.runtime('alice/public-app', null)).rejects.toMatchObject({ name: 'HubUnavailableError', reason: 'network', status: null });
      hub.control.hubDown('503');
      await expect(quick.runtime('alice/public-app', null)).rejects.toMatchObject({
        name: 'HubUnavailableError',
        reason: 'server',
        status: 503,
        hubMessage: undefined,
      });
      hub.control.hubUp();
    });
  });
});
