import { sql, type Kysely } from 'kysely';
import type { Database, MetricRollupsTable } from '../database';
import type { Prunable } from '../retention';
import type { WriteQueue } from '../write-queue';
import { chunksOf, ensureSpaceKeys } from './space-keys';

/** One Space's load over one slot (epoch minute or hour), in the stored integer units. */
export type RollupRecord = Omit<MetricRollupsTable, 'space_key'> & { spaceId: string };

export type RollupTable = 'metric_minutes' | 'metric_hours';

type StatColumn = Exclude<keyof MetricRollupsTable, 'space_key' | 'slot'>;
const STAT_COLUMNS: readonly StatColumn[] = (['cpu', 'mem', 'rx', 'tx'] as const).flatMap((measure) =>
  (['min', 'avg', 'max'] as const).map((stat): StatColumn => `${measure}_${stat}`),
);

/** Per-minute and per-hour metric rollups. Writes through the write queue; hours are made from minutes in SQL. */
export class RollupsRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly writes: WriteQueue,
  ) {}

  /** Both tables, pruned by their slot (minutes and hours, not milliseconds). */
  get prunable(): Prunable[] {
    return [this.prunableOf('metric_minutes', 60_000), this.prunableOf('metric_hours', 3_600_000)];
  }

  /** A minute's rows of every Space that had samples in it, in one write. */
  recordMinutes(rows: readonly RollupRecord[]): void {
    if (rows.length === 0) return;
    this.writes.enqueue('record metric minutes', async (db) => {
      const keys = await ensureSpaceKeys(db, rows.map((row) => row.spaceId));
      for (const chunk of chunksOf(rows)) {
        await db
          .insertInto('metric_minutes')
          .values(chunk.map(({ spaceId, ...row }) => ({ ...row, space_key: keys.get(spaceId) as number })))
          .onConflict((conflict) => conflict.columns(['space_key', 'slot']).doNothing())
          .execute();
      }
    });
  }

  /**
   * The hour `hour` (epoch hours) of every Space, made from its minutes: min of minima, max of
   * maxima, mean of the minutes' means. Written again whole if it runs twice.
   */
  rollUpHour(hour: number): void {
    this.writes.enqueue('roll up an hour of metrics', (db) =>
      db
        .insertInto('metric_hours')
        .columns(['space_key', 'slot', ...STAT_COLUMNS])
        .expression(
          db
            .selectFrom('metric_minutes')
            .select((eb) => [
              'space_key',
              eb.val(hour).as('slot'),
              ...STAT_COLUMNS.map((column) =>
                column.endsWith('_min')
                  ? eb.fn.min(column).as(column)
                  : column.endsWith('_max')
                    ? eb.fn.max(column).as(column)
                    : eb.cast(eb.fn.avg(column), 'integer').as(column),
              ),
            ])
            .where('slot', '>=', hour * 60)
            .where('slot', '<', (hour + 1) * 60)
            .groupBy('space_key'),
        )
        .onConflict((conflict) =>
          conflict.columns(['space_key', 'slot']).doUpdateSet((eb) => Object.fromEntries(STAT_COLUMNS.map((column) => [column, eb.ref(`excluded.${column}` as `excluded.${StatColumn}`)]))),
        )
        .execute(),
    );
  }

  /**
   * The hours before `beforeHour` that have minutes but were never rolled up, because this
   * server was not running when they ended: after the latest hour rolled up, oldest first.
   */
  async hoursToRollUp(beforeHour: number): Promise<number[]> {
    const latest = await this.db.selectFrom('metric_hours').select((eb) => eb.fn.max('slot').as('slot')).executeTakeFirst();
    const fromMinute = latest?.slot === null || latest?.slot === undefined ? 0 : (Number(latest.slot) + 1) * 60;
    const rows = await this.db
      .selectFrom('metric_minutes')
      .select(sql<number>`slot / 60`.as('hour'))
      .distinct()
      .where('slot', '>=', fromMinute)
      .where('slot', '<', beforeHour * 60)
      .orderBy('hour')
      .execute();
    return rows.map((row) => Number(row.hour));
  }

  /** One Space's rows with `from <= slot < to`, oldest first. */
  async read(table: RollupTable, spaceId: string, from: number, to: number): Promise<Array<Omit<MetricRollupsTable, 'space_key'>>> {
    const rows = await this.db
      .selectFrom(`${table} as r`)
      .innerJoin('space_keys as k', 'k.key', 'r.space_key')
      .select(['r.slot', ...STAT_COLUMNS.map((column): `r.${StatColumn}` => `r.${column}`)])
      .where('k.space_id', '=', spaceId)
      .where('r.slot', '>=', from)
      .where('r.slot', '<', to)
      .orderBy('r.slot')
      .execute();
    return rows;
  }

  private prunableOf(table: RollupTable, slotMs: number): Prunable {
    return {
      table,
      pruneBatch: async (cutoff, limit) => {
        const slot = Math.floor(cutoff / slotMs);
        const result = await this.db
          .deleteFrom(table)
          .where((eb) =>
            eb(
              eb.refTuple('space_key', 'slot'),
              'in',
              eb.selectFrom(table).select(['space_key', 'slot']).where('slot', '<', slot).limit(limit).$asTuple('space_key', 'slot'),
            ),
          )
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      },
    };
  }
}
