import type { SpacesListResponse } from '@hfd/contracts';
import { eventually, httpRequest, sleep } from '@hfd/test-support';
import { expectServerHealthy } from './support/assertions';
import { REFRESH_INTERVAL_MS, isFresh, sessionHeaders, spacesOf, startRig, waitForFreshInventory, RIG_START_TIMEOUT_MS, type Rig } from './support/harness';
import { ALICE_LABEL, ALICE_TOKEN } from './support/scenario';

/** A small window, so the test sees one run out and reset; the other account keeps well inside its quota. */
const QUOTA = 10;
const WINDOW_S = 20;

describe('the Hub rate-limits a token (429 with RateLimit t=N)', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig();
  }, RIG_START_TIMEOUT_MS);

  afterAll(async () => {
    await rig?.close();
  });

  it('sends nothing with that token before the window resets, answers 429 + Retry-After or stale data, and resumes after', async () => {
    const { hub, server } = rig;
    await waitForFreshInventory(server);
    // Only a session's detail reads the Hub (a visitor's comes from the inventory). A detail read is
    // reused for a few seconds (SpacesService), so the warm-up reads another Space than the one probed below.
    const asUser = { headers: await sessionHeaders(server) };
    expect((await httpRequest(`${server.url}/api/v1/spaces/alice/vision`, asUser)).status).toBe(200);
    const detailUrl = `${server.url}/api/v1/spaces/alice/chat`;

    // Right after one of the server's refreshes, start fresh windows and spend alice's, as another client of that token would.
    const seen = hub.counters.requests({ token: ALICE_LABEL, route: 'spaces-list' });
    await eventually('a refresh of alice', () => hub.counters.requests({ token: ALICE_LABEL, route: 'spaces-list' }), (count) => count > seen, 2 * REFRESH_INTERVAL_MS, 50);
    hub.control.setRateLimit({ quota: QUOTA, windowSeconds: WINDOW_S });
    const windowEndsAt = Date.now() + WINDOW_S * 1000;
    const direct = { headers: { Authorization: `Bearer ${ALICE_TOKEN}` } };
    for (let i = 0; i < QUOTA; i += 1) expect((await httpRequest(`${hub.url}/api/spaces/alice/chat`, direct)).status).toBe(200);
    const limited = await httpRequest(`${hub.url}/api/spaces/alice/chat`, direct);
    expect(limited.status).toBe(429);
    expect(limited.headers['ratelimit']).toMatch(/^"api";r=0;t=\d+$/);
    hub.control.resetCounters();

    // A caller is answered at once: 429 with Retry-After, not kept waiting for the window.
    const refused = await httpRequest(detailUrl, asUser);
    expect(refused.status).toBe(429);
    expect(refused.json<{ code: string }>().code).toBe('HUB_RATE_LIMITED');
    const retryAfter = Number(refused.headers['retry-after']);
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(WINDOW_S + 1);
    expect(refused.elapsedMs).toBeLessThan(5000);
    expect(hub.counters.requests({ token: ALICE_LABEL })).toBe(1);

    // Until the window resets: not one more request with that token, whoever asks.
    const lists: SpacesListResponse[] = [];
    while (Date.now() < windowEndsAt - 500) {
      expect(hub.counters.requests({ token: ALICE_LABEL })).toBe(1);
      const again = await httpRequest(detailUrl, asUser);
      expect(again.status).toBe(429);
      expect(Number(again.headers['retry-after'])).toBeGreaterThanOrEqual(1);
      lists.push(await spacesOf(server));
      await sleep(500);
    }
    expect(hub.counters.requests({ token: ALICE_LABEL })).toBe(1);

    // The inventory kept alice's Spaces, said why it is stale, and kept bob fresh.
    const marked = lists.find((list) => list.stale && list.accounts.find((account) => account.name === 'alice')?.error?.kind === 'rate_limited');
    expect(marked).toBeDefined();
    expect(marked?.spaces.some((space) => space.owner === 'alice')).toBe(true);
    expect(marked?.accounts.find((account) => account.name === 'bob')?.error).toBeNull();

    // After the reset the server resumes by itself.
    await eventually('requests with the token after the reset', () => hub.counters.requests({ token: ALICE_LABEL }), (count) => count > 1, 4 * REFRESH_INTERVAL_MS);
    await eventually('fresh data of alice after the reset', () => spacesOf(server), isFresh, 4 * REFRESH_INTERVAL_MS);
    expect((await httpRequest(detailUrl, asUser)).status).toBe(200);
    await expectServerHealthy(server);
  }, 120_000);
});
