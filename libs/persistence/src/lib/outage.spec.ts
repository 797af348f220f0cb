import { ScratchDatabases, TcpProxy, terminateConnections, TEST_POSTGRES_URL } from '@hfd/test-support';
import { optionsFor } from '../testing/scratch-options';
import type { DatabaseHealth } from './database-status';
import { openPersistence, type Persistence } from './persistence';

type StatusChange = Omit<DatabaseHealth, 'queuedWrites'>;

/** Resolves with the next change of reachability. */
function nextChange(persistence: Persistence): Promise<StatusChange> {
  return new Promise((resolve) => {
    const stop = persistence.status.onChange((health) => {
      stop();
      resolve(health);
    });
  });
}

const session = (id: string) => ({ id, username: 'admin', createdAt: 1, expiresAt: Date.now() + 3_600_000, address: null, userAgent: null });

describe('PostgreSQL going away while the server runs', () => {
  const scratch = new ScratchDatabases('postgres');
  let proxy: TcpProxy;
  let persistence: Persistence;
  let failures: unknown[];

  beforeEach(async () => {
    proxy = await TcpProxy.start(Number(new URL(TEST_POSTGRES_URL).port || 5432));
    const target = await scratch.create();
    if (target.kind !== 'postgres') throw new Error('not postgres');
    const url = new URL(target.url);
    url.port = String(proxy.port);
    failures = [];
    // A quick heartbeat, so that an outage without writes is seen within the test.
    persistence = await openPersistence(optionsFor({ ...target, url: url.toString() }, failures, { heartbeatMs: [200, 100] }));
  });
  afterEach(async () => {
    proxy.restore();
    await persistence.close();
    await proxy.close();
  });
  afterAll(() => scratch.dropAll());

  it('keeps writes in the queue while it is away, says why, and writes them in order once it is back', async () => {
    persistence.sessions.record(session('before'));
    await persistence.writes.drained();

    const away = nextChange(persistence);
    proxy.cut();
    persistence.sessions.record(session('during'));
    persistence.sessions.revoke({ id: 'before', username: 'admin', expiresAt: Date.now() + 3_600_000 }, 42);
    const down = await away;
    expect(down.reachable).toBe(false);
    expect(down.error).toMatch(/\S/);
    expect(persistence.health()).toMatchObject({ reachable: false, queuedWrites: 2 });

    const back = nextChange(persistence);
    proxy.restore();
    expect(await back).toMatchObject({ reachable: true, error: null });
    await persistence.writes.drained();
    expect(persistence.health()).toMatchObject({ reachable: true, queuedWrites: 0 });
    expect(await persistence.sessions.find('during')).toMatchObject({ id: 'during', revokedAt: null });
    expect(await persistence.sessions.find('before')).toMatchObject({ id: 'before', revokedAt: 42 });
    expect(failures).toEqual([]);
  });

  it('notices an outage without any write, by its heartbeat, and the end of it', async () => {
    const away = nextChange(persistence);
    proxy.cut();
    expect(await away).toMatchObject({ reachable: false });
    const back = nextChange(persistence);
    proxy.restore();
    expect(await back).toMatchObject({ reachable: true });
  });

  it('carries on when an administrator terminates its connections: the next write reconnects', async () => {
    persistence.sessions.record(session('one'));
    await persistence.writes.drained();
    const schema = (await persistence.db.selectNoFrom((eb) => eb.fn<string>('current_schema').as('schema')).executeTakeFirstOrThrow()).schema;
    expect(await terminateConnections(schema)).toBeGreaterThan(0);
    persistence.sessions.record(session('two'));
    await persistence.writes.drained();
    expect(await persistence.sessions.find('two')).not.toBeNull();
    expect(failures).toEqual([]);
  });
});
