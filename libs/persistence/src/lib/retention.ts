import { setImmediate as nextTurn } from 'node:timers/promises';

/** A repository whose rows age out after HISTORY_RETENTION. */
export interface Prunable {
  readonly table: string;
  /** Deletes up to `limit` rows older than `cutoff` (epoch ms); answers how many it deleted. */
  pruneBatch(cutoff: number, limit: number): Promise<number>;
}

export interface PruneOptions {
  /** Rows per statement: small enough that no statement holds the database (or, on SQLite, the event loop) for long. */
  batchSize: number;
}

/**
 * Deletes every row older than `cutoff` from each of `targets`, `batchSize` rows per statement,
 * yielding to the event loop between statements so that requests are served meanwhile.
 * Answers the rows deleted per table.
 */
export async function pruneOlderThan(targets: readonly Prunable[], cutoff: number, { batchSize }: PruneOptions): Promise<Record<string, number>> {
  const deleted: Record<string, number> = {};
  for (const target of targets) {
    let total = 0;
    for (;;) {
      const count = await target.pruneBatch(cutoff, batchSize);
      total += count;
      await nextTurn();
      if (count < batchSize) break;
    }
    deleted[target.table] = total;
  }
  return deleted;
}
