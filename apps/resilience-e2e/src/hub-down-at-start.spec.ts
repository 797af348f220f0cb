import type { AppConfigResponse, HealthResponse, SpacesListResponse } from '@hfd/contracts';
import { eventually, getJson, httpRequest } from '@hfd/test-support';
import { expectServerHealthy } from './support/assertions';
import { REFRESH_INTERVAL_MS, healthOf, isFresh, spacesOf, startRig, RIG_START_TIMEOUT_MS, type Rig } from './support/harness';
import { ACCOUNTS } from './support/scenario';

describe('the Hub is down when the server starts', () => {
  let rig: Rig;

  beforeAll(async () => {
    // Connections to the Hub are reset from the first request on.
    rig = await startRig({ beforeServer: (hub) => hub.control.hubDown('reset') });
  }, RIG_START_TIMEOUT_MS);

  afterAll(async () => {
    await rig?.close();
  });

  it('starts anyway, says so, serves the dashboard and an empty inventory with reasons, and recovers when the Hub comes up', async () => {
    const { hub, server } = rig;
    // ServerProcess.start resolved: the server listens although no Hub request can succeed.
    const health = await healthOf(server);
    expect(health).toMatchObject({ status: 'degraded', hub: { reachable: false, lastSuccessAt: null } });
    expect(health.hub.error).toEqual(expect.any(String));

    const index = await httpRequest(`${server.url}/`);
    expect(index.status).toBe(200);
    expect(index.headers['content-type']).toMatch(/^text\/html/);
    expect(index.text).toMatch(/<html/i);

    const config = await getJson<AppConfigResponse>(`${server.url}/api/v1/config`);
    expect(config.accounts.map((account) => account.name)).toEqual([...ACCOUNTS]);

    const empty = await eventually(
      'an empty inventory with the reason beside each account',
      () => spacesOf(server),
      (list) => list.accounts.every((account) => account.error !== null),
      // The first refresh gives up after its retries (about 15 s).
      45_000,
    );
    expect(empty.spaces).toEqual([]);
    for (const account of empty.accounts) expect(account).toMatchObject({ error: { kind: 'hub_unreachable' }, fetchedAt: null, spaceCount: 0 });
    expect(empty.stale).toBe(true);

    hub.control.hubUp();
    // Within a refresh interval or two (plus the retry wait in progress, at most 8 s), never a restart.
    const recovered = await eventually('the inventory once the Hub is up', () => spacesOf(server), isFresh, 4 * REFRESH_INTERVAL_MS + 8000);
    expect(recovered.spaces.map((space) => space.id).sort()).toEqual(hub.scenario.spaces.filter((space) => !space.private).map((space) => space.id).sort());
    await eventually('health ok once the Hub is up', () => healthOf(server), (next: HealthResponse) => next.status === 'ok' && next.hub.reachable, 10_000);
    // The tokens' rights, unknown while the Hub was down, are learned too.
    await eventually(
      'the write rights of every token',
      () => getJson<AppConfigResponse>(`${server.url}/api/v1/config`),
      (next) => next.accounts.every((account) => account.canWrite),
      2 * REFRESH_INTERVAL_MS + 8000,
    );
    const list: SpacesListResponse = await spacesOf(server);
    expect(list.accounts.every((account) => account.error === null)).toBe(true);
    await expectServerHealthy(server);
  }, 150_000);
});
