import type { Kysely } from 'kysely';
import { openSqlite } from './connections';
import type { Database } from './database';
import { DatabaseStatus } from './database-status';
import { migrate } from './migrate';
import { WriteQueue, WriteQueueFullError } from './write-queue';

/** An error as a refused TCP connection raises it: the database is away, the write is fine. */
function refused(): Error {
  return Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' });
}

describe('WriteQueue (on an in-memory SQLite database)', () => {
  let db: Kysely<Database>;
  let status: DatabaseStatus;
  let failures: Array<{ label: string; error: unknown }>;
  let queue: WriteQueue;

  const put = (key: string) => (trx: Kysely<Database>) => trx.insertInto('settings').values({ key, value: '"v"', updated_at: 1 }).execute();
  const keys = async () => (await db.selectFrom('settings').select('key').orderBy('updated_at').orderBy('key').execute()).map((row) => row.key);

  beforeEach(async () => {
    const connection = openSqlite(':memory:');
    await migrate(connection);
    db = connection.db;
    status = new DatabaseStatus('sqlite');
    failures = [];
    queue = new WriteQueue(db, status, { capacity: 3, retryDelayMs: [5, 20], onFailure: (label, error) => failures.push({ label, error }) });
  });
  afterEach(async () => {
    await queue.close(0);
    await db.destroy();
  });

  it('writes in order, and enqueue returns before the write is done', async () => {
    queue.enqueue('a', put('a'));
    queue.enqueue('b', put('b'));
    expect(queue.size).toBe(2);
    await queue.drained();
    expect(queue.size).toBe(0);
    expect(await keys()).toEqual(['a', 'b']);
  });

  it('runs each write in one transaction: a write refused for good leaves nothing behind, is reported and not retried', async () => {
    queue.enqueue('two rows, the second a duplicate', async (trx) => {
      await put('x')(trx);
      await put('x')(trx);
    });
    queue.enqueue('after it', put('y'));
    await queue.drained();
    expect(await keys()).toEqual(['y']);
    expect(failures.map((failure) => failure.label)).toEqual(['two rows, the second a duplicate']);
    expect(String(failures[0].error)).toMatch(/UNIQUE constraint failed/);
    expect(status.reachable).toBe(true);
  });

  it('keeps a write while the database is away, says so, and writes it (and those behind it, in order) when it is back', async () => {
    let attempts = 0;
    const changes: boolean[] = [];
    status.onChange((health) => changes.push(health.reachable));
    queue.enqueue('flaky', async (trx) => {
      attempts += 1;
      if (attempts <= 3) throw refused();
      await put('first')(trx);
    });
    queue.enqueue('next', put('second'));
    await queue.drained();
    expect(attempts).toBe(4);
    expect(await keys()).toEqual(['first', 'second']);
    expect(changes).toEqual([false, true]);
    expect(status.snapshot(queue.size)).toMatchObject({ reachable: true, error: null, queuedWrites: 0 });
  });

  it('refuses a write when full, with a clear error, and still writes every one it took', async () => {
    let away = true;
    const wentDown = new Promise((resolve) => status.onChange(resolve));
    queue.enqueue('blocked', async (trx) => {
      if (away) throw refused();
      await put('w1')(trx);
    });
    await wentDown;
    queue.enqueue('w2', put('w2'));
    queue.enqueue('w3', put('w3'));
    expect(() => queue.enqueue('w4', put('w4'))).toThrow(WriteQueueFullError);
    expect(() => queue.enqueue('w4', put('w4'))).toThrow(/^w4: refused, 3 writes already wait for the database \(unreachable since \d{4}-/);
    // The reason in words and code, never the message: /health is public, and the message names the host.
    expect(status.snapshot(queue.size)).toMatchObject({ reachable: false, error: 'connection refused (ECONNREFUSED)', queuedWrites: 3 });
    away = false;
    queue.retryNow();
    await queue.drained();
    expect(await keys()).toEqual(['w1', 'w2', 'w3']);
  });

  it('on close, answers how many writes the database never got', async () => {
    queue.enqueue('never', () => Promise.reject(refused()));
    queue.enqueue('behind it', put('z'));
    expect(await queue.close(30)).toBe(2);
    expect(() => queue.enqueue('late', put('late'))).toThrow(/being closed/);
    expect(await keys()).toEqual([]);
  });
});
