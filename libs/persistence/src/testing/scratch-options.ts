import type { ScratchDatabase } from '@hfd/test-support';
import type { PersistenceOptions } from '../lib/persistence';

/** SECRET_KEY for PostgreSQL scratch databases (SQLite ones make their own key file, as in production). */
export const TEST_SECRET_KEY = 'test-secret-key-0123456789abcdefghijklmnop';

/** What the server would open for `target`; writes refused for good land in `failures`. */
export function optionsFor(target: ScratchDatabase, failures: unknown[] = [], extra: { writeQueueCapacity?: number; heartbeatMs?: readonly [number, number] } = {}): PersistenceOptions {
  const common = { onWriteFailure: (_label: string, error: unknown) => failures.push(error), ...extra };
  return target.kind === 'sqlite'
    ? { kind: 'sqlite', dataDir: target.dataDir, ...common }
    : { kind: 'postgres', url: target.url, secretKey: TEST_SECRET_KEY, ...common };
}
