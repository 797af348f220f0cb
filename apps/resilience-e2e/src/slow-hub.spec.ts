import type { SpaceDetail } from '@hfd/contracts';
import { eventually, httpRequest, type HttpReply } from '@hfd/test-support';
import { expectServerHealthy } from './support/assertions';
import { REFRESH_INTERVAL_MS, isFresh, sessionHeaders, spacesOf, startRig, waitForFreshInventory, RIG_START_TIMEOUT_MS, type Rig } from './support/harness';

/** The Hub takes this long to answer anything... */
const HUB_LATENCY_MS = 5000;
/** ...and the server gives up on one attempt after this long (HUB_TIMEOUT). */
const HUB_TIMEOUT_MS = 2000;
/** HfClient's read policy: 5 attempts, waits of 1, 2, 4 and 8 s between them (jitter only shortens them). */
const MAX_ATTEMPTS = 5;
const MAX_RETRY_WAITS_MS = 1000 + 2000 + 4000 + 8000;
/** The most a detail call may take: every attempt timing out, every wait at its longest, and a loaded machine. */
const DETAIL_BOUND_MS = MAX_ATTEMPTS * HUB_TIMEOUT_MS + MAX_RETRY_WAITS_MS + 10_000;

const DETAIL_SPACES = ['alice/chat', 'alice/vision', 'bob/agent'];
const CALLERS_PER_SPACE = 10;
const LIST_CALLERS = 30;

describe('a slow Hub (5 s per request) with HUB_TIMEOUT=2s', () => {
  let rig: Rig;

  beforeAll(async () => {
    rig = await startRig({ env: { HUB_TIMEOUT: `${HUB_TIMEOUT_MS / 1000}s` } });
  }, RIG_START_TIMEOUT_MS);

  afterAll(async () => {
    await rig?.close();
  });

  it('times requests out within the configured bounds, answers from cache or with 504, and does not pile requests up', async () => {
    const { hub, server } = rig;
    await waitForFreshInventory(server);
    // A session, whose detail reads the Hub (a visitor's comes from the inventory).
    const headers = await sessionHeaders(server);
    hub.control.setLatency({ ms: HUB_LATENCY_MS });
    hub.control.resetCounters();

    const details = DETAIL_SPACES.flatMap((id) =>
      Array.from({ length: CALLERS_PER_SPACE }, () => httpRequest(`${server.url}/api/v1/spaces/${id}`, { headers, timeoutMs: 2 * DETAIL_BOUND_MS })),
    );
    const lists = Array.from({ length: LIST_CALLERS }, () => httpRequest(`${server.url}/api/v1/spaces`, { timeoutMs: 30_000 }));

    // The inventory is answered from cache at once: a slow Hub never holds a reader.
    for (const reply of await Promise.all(lists)) {
      expect(reply.status).toBe(200);
      expect(reply.elapsedMs).toBeLessThan(HUB_TIMEOUT_MS + 3000);
      expect(reply.json<{ spaces: unknown[] }>().spaces.length).toBeGreaterThan(0);
    }

    // Every detail call ends with a timeout code within the budget: none hangs, none crashes.
    const answered: HttpReply[] = await Promise.all(details);
    for (const reply of answered) {
      expect(reply.status).toBe(504);
      expect(reply.json<{ code: string }>().code).toBe('HUB_TIMEOUT');
      expect(reply.elapsedMs).toBeLessThan(DETAIL_BOUND_MS);
    }

    // Concurrent identical reads share one Hub request: per Space, at most one attempt sequence, whatever the number of callers.
    expect(hub.counters.requests({ route: 'space-info' })).toBeLessThanOrEqual(DETAIL_SPACES.length * MAX_ATTEMPTS);
    // The refresh is single-flight: per account, at most one attempt sequence per refresh that started meanwhile.
    const refreshesMeanwhile = Math.ceil(DETAIL_BOUND_MS / REFRESH_INTERVAL_MS);
    expect(hub.counters.requests({ route: 'spaces-list' })).toBeLessThanOrEqual(2 * MAX_ATTEMPTS * refreshesMeanwhile);

    // The Hub speeds up again: answers are fresh, with no restart.
    hub.control.setLatency(null);
    await eventually('a detail answer once the Hub is fast again', () => httpRequest(`${server.url}/api/v1/spaces/alice/chat`, { headers }), (reply) => reply.status === 200, 30_000);
    const detail = (await httpRequest(`${server.url}/api/v1/spaces/alice/chat`, { headers })).json<SpaceDetail>();
    expect(detail.id).toBe('alice/chat');
    await eventually('fresh data once the Hub is fast again', () => spacesOf(server), isFresh, 60_000);
    await expectServerHealthy(server);
  }, 180_000);
});
