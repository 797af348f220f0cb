import { Logger } from '@nestjs/common';
import type { PersistenceOptions } from '@hfd/persistence';
import type { Env } from '../config/env.schema';

/** A write the database refused for good (the write itself is wrong, so it is not retried). */
export function logWriteFailure(label: string, error: unknown): void {
  new Logger('Persistence').error(`${label}: the database refused the write, which is dropped: ${error instanceof Error ? error.message : String(error)}`);
}

/** What the validated configuration says to open: PostgreSQL when DATABASE_URL is set, SQLite in DATA_DIR otherwise. */
export function persistenceOptions(env: Env): PersistenceOptions {
  if (env.DATABASE_URL !== undefined) {
    // The schema's superRefine makes SECRET_KEY required with DATABASE_URL.
    if (env.SECRET_KEY === undefined) throw new Error('SECRET_KEY is required with DATABASE_URL');
    return { kind: 'postgres', url: env.DATABASE_URL, secretKey: env.SECRET_KEY, onWriteFailure: logWriteFailure };
  }
  return { kind: 'sqlite', dataDir: env.DATA_DIR, secretKey: env.SECRET_KEY, onWriteFailure: logWriteFailure };
}
