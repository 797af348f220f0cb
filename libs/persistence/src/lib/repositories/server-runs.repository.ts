import type { Kysely } from 'kysely';
import type { Database } from '../database';
import type { Prunable } from '../retention';
import type { WriteQueue } from '../write-queue';

export interface ServerRun {
  id: string;
  startedAt: number;
  lastSeenAt: number;
  stoppedAt: number | null;
}

/**
 * This server's runs: a row at start, its `last_seen_at` moved by a heartbeat, and its stop.
 * A run without a stop crashed; it was alive at least until its last heartbeat.
 */
export class ServerRunsRepository implements Prunable {
  readonly table = 'server_runs';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly writes: WriteQueue,
  ) {}

  /** The run before this one (the latest recorded), read before `start` records this one. */
  async latest(): Promise<ServerRun | null> {
    const row = await this.db.selectFrom('server_runs').selectAll().orderBy('last_seen_at', 'desc').limit(1).executeTakeFirst();
    return row ? { id: row.id, startedAt: Number(row.started_at), lastSeenAt: Number(row.last_seen_at), stoppedAt: row.stopped_at === null ? null : Number(row.stopped_at) } : null;
  }

  start(id: string, at: number): void {
    this.writes.enqueue('record the server start', (db) => db.insertInto('server_runs').values({ id, started_at: at, last_seen_at: at, stopped_at: null }).execute());
  }

  beat(id: string, at: number): void {
    this.writes.enqueue('record a server heartbeat', (db) => db.updateTable('server_runs').set({ last_seen_at: at }).where('id', '=', id).execute());
  }

  stop(id: string, at: number): void {
    this.writes.enqueue('record the server stop', (db) => db.updateTable('server_runs').set({ last_seen_at: at, stopped_at: at }).where('id', '=', id).execute());
  }

  async pruneBatch(cutoff: number, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('server_runs')
      .where('id', 'in', (eb) => eb.selectFrom('server_runs').select('id').where('last_seen_at', '<', cutoff).limit(limit))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
