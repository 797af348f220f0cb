import type { Kysely, Selectable } from 'kysely';
import type { AuditLogTable, Database } from '../database';
import type { Prunable } from '../retention';
import type { WriteQueue } from '../write-queue';

export interface AuditRecord {
  id: string;
  at: number;
  kind: string;
  actorType: string;
  actor: string | null;
  target: string | null;
  spaceId: string | null;
  result: string;
  detail: string | null;
  address: string | null;
  durationMs: number | null;
  requestId: string | null;
}

export interface AuditFilter {
  actor?: string;
  spaceId?: string;
  kind?: string;
  result?: string;
  /** Epoch ms, inclusive. */
  from?: number;
  /** Epoch ms, exclusive. */
  to?: number;
  /** Entries strictly older than this position (the last of the previous page). */
  before?: { at: number; id: string };
}

function toRecord(row: Selectable<AuditLogTable>): AuditRecord {
  return {
    id: row.id,
    at: row.at,
    kind: row.kind,
    actorType: row.actor_type,
    actor: row.actor,
    target: row.target,
    spaceId: row.space_id,
    result: row.result,
    detail: row.detail,
    address: row.address,
    durationMs: row.duration_ms,
    requestId: row.request_id,
  };
}

/** The audit log: appended through the write queue, read newest first by (at, id). */
export class AuditRepository implements Prunable {
  readonly table = 'audit_log';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly writes: WriteQueue,
  ) {}

  /** Queued; throws WriteQueueFullError when the queue is full. */
  append(entry: AuditRecord): void {
    this.writes.enqueue('append an audit entry', (db) =>
      db
        .insertInto('audit_log')
        .values({
          id: entry.id,
          at: entry.at,
          kind: entry.kind,
          actor_type: entry.actorType,
          actor: entry.actor,
          target: entry.target,
          space_id: entry.spaceId,
          result: entry.result,
          detail: entry.detail,
          address: entry.address,
          duration_ms: entry.durationMs,
          request_id: entry.requestId,
        })
        .execute(),
    );
  }

  /** Up to `limit` entries that match, newest first. */
  async page(filter: AuditFilter, limit: number): Promise<AuditRecord[]> {
    let query = this.db.selectFrom('audit_log').selectAll();
    if (filter.actor !== undefined) query = query.where('actor', '=', filter.actor);
    if (filter.spaceId !== undefined) query = query.where('space_id', '=', filter.spaceId);
    if (filter.kind !== undefined) query = query.where('kind', '=', filter.kind);
    if (filter.result !== undefined) query = query.where('result', '=', filter.result);
    if (filter.from !== undefined) query = query.where('at', '>=', filter.from);
    if (filter.to !== undefined) query = query.where('at', '<', filter.to);
    const before = filter.before;
    if (before !== undefined) {
      query = query.where((eb) => eb.or([eb('at', '<', before.at), eb.and([eb('at', '=', before.at), eb('id', '<', before.id)])]));
    }
    const rows = await query.orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map(toRecord);
  }

  async pruneBatch(cutoff: number, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('audit_log')
      .where('id', 'in', (eb) => eb.selectFrom('audit_log').select('id').where('at', '<', cutoff).limit(limit))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
