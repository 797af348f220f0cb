import { openPersistence, type Persistence } from '@hfd/persistence';
import { logWriteFailure } from '../persistence/persistence-options';

/** SECRET_KEY of the in-memory databases of unit and controller tests. */
export const TEST_SECRET_KEY = 'unit-test-secret-key-0123456789abcdefghij';

/** A real SQLite database in memory, migrated, gone when closed: for tests that need storage but no file. */
export function openTestPersistence(writeQueueCapacity?: number): Promise<Persistence> {
  return openPersistence({ kind: 'sqlite', dataDir: null, secretKey: TEST_SECRET_KEY, onWriteFailure: logWriteFailure, writeQueueCapacity });
}
