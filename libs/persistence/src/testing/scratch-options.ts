import type { ScratchDatabase } from '@hfd/test-support';
import { openPersistence, type Persistence, type PersistenceOptions } from '../lib/persistence';

/** SECRET_KEY for PostgreSQL scratch databases (SQLite ones make their own key file, as in production). */
export const TEST_SECRET_KEY = 'test-secret-key-0123456789abcdefghijklmnop';

/** What the server would open for `target`; writes refused for good land in `failures`. */
export function optionsFor(target: ScratchDatabase, failures: unknown[] = [], extra: { writeQueueCapacity?: number; heartbeatMs?: readonly [number, number] } = {}): PersistenceOptions {
  const common = { onWriteFailure: (_label: string, error: unknown) => failures.push(error), ...extra };
  return target.kind === 'sqlite'
    ? { kind: 'sqlite', dataDir: target.dataDir, ...common }
    : { kind: 'postgres', url: target.url, secretKey: TEST_SECRET_KEY, ...common };
}

/** `openPersistence` for the tests of a describe block: whatever a test opened is closed after it. */
export function openedForEachTest(): (options: PersistenceOptions) => Promise<Persistence> {
  const opened: Persistence[] = [];
  afterEach(async () => {
    for (const persistence of opened.splice(0)) await persistence.close();
  });
  return async (options) => {
    const persistence = await openPersistence(options);
    opened.push(persistence);
    return persistence;
  };
}
