import { eventually, httpRequest } from '@hfd/test-support';
import { expectServerHealthy } from './support/assertions';
import { REFRESH_INTERVAL_MS, sessionHeaders, spacesOf, startRig, waitForFreshInventory, RIG_START_TIMEOUT_MS, type Rig } from './support/harness';

/** HfClient's read policy: 5 attempts in all. */
const MAX_ATTEMPTS = 5;

describe("a failing Hub (503 on every read), and visitors asking for Space details", () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig();
  }, RIG_START_TIMEOUT_MS);

  afterAll(async () => {
    await rig?.close();
  });

  it("serves visitors from the inventory without one Hub request, private and missing names alike, and a session's reads once per Space", async () => {
    const { hub, server } = rig;
    await waitForFreshInventory(server);
    hub.control.failRoute({ route: 'spaces-list', status: 503 });
    hub.control.failRoute({ route: 'space-info', status: 503 });
    // The next refresh fails: the accounts are no longer known complete.
    await eventually('the failed list read reported', () => spacesOf(server), (list) => list.accounts.every((account) => account.error?.kind === 'hub_unreachable'), 10 * REFRESH_INTERVAL_MS);

    const before = hub.counters.requests({ route: 'space-info' });
    const names = [...Array.from({ length: 300 }, (_, index) => `alice/random-${index}`), 'bob/private-tool', 'BOB/Private-Tool', 'stranger/thing'];
    const answers = await Promise.all(names.map((name) => httpRequest(`${server.url}/api/v1/spaces/${name}`)));
    expect(answers.map((answer) => answer.status)).toEqual(names.map(() => 404));
    // One path for every 404: the same body, whether the Space is private, missing or of another owner.
    expect(new Set(answers.map((answer) => answer.text)).size).toBe(1);
    // A known public Space is still answered, from the last good read.
    expect((await httpRequest(`${server.url}/api/v1/spaces/alice/chat`)).status).toBe(200);
    expect(hub.counters.requests({ route: 'space-info' })).toBe(before);

    // A session reads afresh: 30 calls for one Space make one read (its retries included), not 30.
    const headers = await sessionHeaders(server);
    const fresh = await Promise.all(Array.from({ length: 30 }, () => httpRequest(`${server.url}/api/v1/spaces/alice/vision`, { headers, timeoutMs: 90_000 })));
    expect(fresh.map((answer) => answer.status)).toEqual(fresh.map(() => 503));
    expect(hub.counters.requests({ route: 'space-info' }) - before).toBeLessThanOrEqual(MAX_ATTEMPTS);

    hub.control.clearFaults();
    await waitForFreshInventory(server, 6 * REFRESH_INTERVAL_MS);
    await expectServerHealthy(server);
  }, 180_000);
});
