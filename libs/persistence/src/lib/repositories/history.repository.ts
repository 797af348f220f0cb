import { sql, type Kysely } from 'kysely';
import { randomUUID } from 'node:crypto';
import type { Database } from '../database';
import type { Prunable } from '../retention';
import type { WriteQueue } from '../write-queue';
import { chunksOf, ensureSpaceKeys } from './space-keys';

/** One stage change as stored; stages and states are the contracts' strings, checked by the caller. */
export interface TransitionRecord {
  spaceId: string;
  /** Epoch ms. */
  at: number;
  from: string | null;
  to: string | null;
  source: string;
  actor: string | null;
  state: string;
}

/** Up and down time of one Space over a window; the rest of the window is unknown. */
export interface StateSums {
  upMs: number;
  downMs: number;
}

interface TransitionRow {
  space_id: string;
  at: number | string;
  from_stage: string | null;
  to_stage: string | null;
  source: string;
  actor: string | null;
  state: string;
}

function toRecord(row: TransitionRow): TransitionRecord {
  return { spaceId: row.space_id, at: Number(row.at), from: row.from_stage, to: row.to_stage, source: row.source, actor: row.actor, state: row.state };
}

/**
 * Stage transitions. Writes go through the write queue; reads answer from the database. All
 * time arithmetic over many rows is done in SQL that runs unchanged on SQLite and PostgreSQL
 * (CASE instead of the scalar MIN/MAX or LEAST/GREATEST that differ between them).
 */
export class HistoryRepository implements Prunable {
  readonly table = 'stage_transitions';

  constructor(
    private readonly db: Kysely<Database>,
    private readonly writes: WriteQueue,
  ) {}

  /** Records changes in one write (several Spaces may change in one refresh). */
  record(transitions: readonly TransitionRecord[]): void {
    if (transitions.length === 0) return;
    this.writes.enqueue('record stage transitions', async (db) => {
      const keys = await ensureSpaceKeys(db, transitions.map((transition) => transition.spaceId));
      for (const chunk of chunksOf(transitions)) {
        await db
          .insertInto('stage_transitions')
          .values(
            chunk.map((transition) => ({
            id: randomUUID(),
            space_key: keys.get(transition.spaceId) as number,
            at: transition.at,
            from_stage: transition.from,
            to_stage: transition.to,
            source: transition.source,
            actor: transition.actor,
            state: transition.state,
          })),
          )
          .execute();
      }
    });
  }

  /** The latest transition of every Space: where each stood when this server last knew. */
  async latest(): Promise<TransitionRecord[]> {
    // One index seek per Space for its last time, then its rows at that time.
    const { rows } = await sql<TransitionRow>`
      WITH last AS MATERIALIZED (
        SELECT k.key, k.space_id, (SELECT MAX(p.at) FROM stage_transitions p WHERE p.space_key = k.key) AS at
        FROM space_keys k
      )
      SELECT l.space_id, t.at, t.from_stage, t.to_stage, t.source, t.actor, t.state
      FROM last l CROSS JOIN stage_transitions t
      WHERE t.space_key = l.key AND t.at = l.at`.execute(this.db);
    // Two rows of one Space may share the last millisecond: which was written last is unknowable, so prefer a known stage.
    const bySpace = new Map<string, TransitionRecord>();
    for (const record of rows.map(toRecord)) if (!bySpace.has(record.spaceId) || record.to !== null) bySpace.set(record.spaceId, record);
    return [...bySpace.values()];
  }

  /**
   * Each Space of `spaceIds` (every Space when null) with the time of its transition in force
   * at `from` (or `from` when it has none): one index seek per Space, so the rows of a window are
   * then one index range per Space, however long the history before it. Callers materialise it
   * (PostgreSQL would otherwise run the seek once per row joined) and put it first with CROSS
   * JOIN (which SQLite takes as the join order, and PostgreSQL as any join).
   */
  private starts(spaceIds: readonly string[] | null, from: number) {
    const only = spaceIds === null ? sql`` : sql`WHERE k.space_id IN (${sql.join(spaceIds)})`;
    return sql`
      SELECT k.key AS space_key, k.space_id,
        COALESCE((SELECT MAX(p.at) FROM stage_transitions p WHERE p.space_key = k.key AND p.at <= ${from}), ${from}) AS since
      FROM space_keys k ${only}`;
  }

  /**
   * The rows of `starts` (materialised as above) in [since, to): each Space's transition in
   * force at `from`, found by its time, and then every transition after `from`. As two ranges
   * rather than one from each Space's `since`: PostgreSQL cannot know the `since`s when it plans,
   * so it read the whole table for one range (a hash join over every transition: 47 ms for a
   * day of 200 Spaces with 30 days stored, 2 ms this way); SQLite plans both alike.
   */
  private inRange(from: number, to: number) {
    const columns = sql`s.space_id, t.space_key, t.at, t.from_stage, t.to_stage, t.source, t.actor, t.state`;
    return sql`
      SELECT ${columns} FROM starts s CROSS JOIN stage_transitions t WHERE t.space_key = s.space_key AND t.at = s.since
      UNION ALL
      SELECT ${columns} FROM starts s CROSS JOIN stage_transitions t WHERE t.space_key = s.space_key AND t.at > ${from} AND t.at < ${to}`;
  }

  /**
   * The transitions of `spaceIds` (every Space when null) in [from, to), plus the one in force
   * at `from` for each, ordered by Space and time: enough to rebuild every period of the range.
   */
  async spans(spaceIds: readonly string[] | null, from: number, to: number): Promise<TransitionRecord[]> {
    if (spaceIds !== null && spaceIds.length === 0) return [];
    const { rows } = await sql<TransitionRow>`
      WITH starts AS MATERIALIZED (${this.starts(spaceIds, from)}),
      ranged AS (${this.inRange(from, to)})
      SELECT space_id, at, from_stage, to_stage, source, actor, state
      FROM ranged
      ORDER BY space_id, at`.execute(this.db);
    return rows.map(toRecord);
  }

  /** One Space's transitions in [from, to] (a change at this very moment is in), newest first, at most `limit`. */
  async list(spaceId: string, from: number, to: number, limit: number): Promise<TransitionRecord[]> {
    const rows = await this.db
      .selectFrom('stage_transitions as t')
      .innerJoin('space_keys as k', 'k.key', 't.space_key')
      .select(['k.space_id', 't.at', 't.from_stage', 't.to_stage', 't.source', 't.actor', 't.state'])
      .where('k.space_id', '=', spaceId)
      .where('t.at', '>=', from)
      .where('t.at', '<=', to)
      .orderBy('t.at', 'desc')
      .limit(limit)
      .execute();
    return rows.map(toRecord);
  }

  /**
   * Up and down time in [from, to) of `spaceIds` (every Space when null), in one statement:
   * the transition in force at `from` is found by one index seek per Space, LEAD gives each
   * transition its end, and each period is clipped to the window.
   */
  async sums(spaceIds: readonly string[] | null, from: number, to: number): Promise<Map<string, StateSums>> {
    const sums = new Map<string, StateSums>();
    if (spaceIds !== null && spaceIds.length === 0) return sums;
    const clipped = sql`(CASE WHEN COALESCE(next_at, ${to}) < ${to} THEN COALESCE(next_at, ${to}) ELSE ${to} END) - (CASE WHEN at > ${from} THEN at ELSE ${from} END)`;
    const { rows } = await sql<{ space_id: string; up_ms: number | string | null; down_ms: number | string | null }>`
      WITH starts AS MATERIALIZED (${this.starts(spaceIds, from)}),
      ranged AS (${this.inRange(from, to)}),
      spans AS (
        SELECT space_id, at, state, LEAD(at) OVER (PARTITION BY space_key ORDER BY at) AS next_at
        FROM ranged
      )
      SELECT space_id,
        CAST(SUM(CASE WHEN state = 'up' THEN ${clipped} ELSE 0 END) AS BIGINT) AS up_ms,
        CAST(SUM(CASE WHEN state = 'down' THEN ${clipped} ELSE 0 END) AS BIGINT) AS down_ms
      FROM spans
      GROUP BY space_id`.execute(this.db);
    for (const row of rows) sums.set(row.space_id, { upMs: Number(row.up_ms ?? 0), downMs: Number(row.down_ms ?? 0) });
    return sums;
  }

  /**
   * Deletes up to `limit` transitions older than `cutoff`; answers how many. The one in force
   * at `cutoff` stays for each Space, so a Space up for longer than the retention is still up.
   */
  async pruneBatch(cutoff: number, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('stage_transitions')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('stage_transitions as t')
          .select('t.id')
          .where('t.at', '<', cutoff)
          .where(({ exists, selectFrom }) =>
            exists(
              selectFrom('stage_transitions as p')
                .select('p.id')
                .whereRef('p.space_key', '=', 't.space_key')
                .whereRef('p.at', '>', 't.at')
                .where('p.at', '<=', cutoff),
            ),
          )
          .limit(limit),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
