import { PostgresAdapter, sql, type CreateTableBuilder, type Kysely, type Migration } from 'kysely';

const ROLLUP_MEASURES = ['cpu', 'mem', 'rx', 'tx'] as const;

/**
 * Stage history, this server's own runs and metric rollups (issue 14). Independent of every
 * other table, so it runs the same whichever migrations came before it.
 *
 * The rollup tables are the big ones (a row per watched Space per minute): a small integer key
 * per Space instead of its `owner/name`, integer columns only, and on SQLite WITHOUT ROWID so
 * the primary key (Space, slot), the only index, is not stored twice. Stage transitions are a
 * few per Space per day and keep an application-made id, because two can share a millisecond.
 */
export const history: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    const sqlite = !(db.getExecutor().adapter instanceof PostgresAdapter);
    const compact = <T extends string, C extends string>(builder: CreateTableBuilder<T, C>): CreateTableBuilder<T, C> =>
      sqlite ? builder.modifyEnd(sql`without rowid`) : builder;
    await db.schema
      .createTable('space_keys')
      .addColumn('key', 'integer', (column) => column.primaryKey())
      .addColumn('space_id', 'text', (column) => column.notNull().unique())
      .execute();
    await db.schema
      .createTable('stage_transitions')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('space_key', 'integer', (column) => column.notNull())
      .addColumn('at', 'bigint', (column) => column.notNull())
      .addColumn('from_stage', 'text')
      .addColumn('to_stage', 'text')
      .addColumn('source', 'text', (column) => column.notNull())
      .addColumn('actor', 'text')
      .addColumn('state', 'text', (column) => column.notNull())
      .execute();
    // Every read is one Space's (or every Space's) changes over a time range.
    await db.schema.createIndex('stage_transitions_space_at').on('stage_transitions').columns(['space_key', 'at']).execute();
    await db.schema.createIndex('stage_transitions_at').on('stage_transitions').column('at').execute();
    await db.schema
      .createTable('server_runs')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('started_at', 'bigint', (column) => column.notNull())
      .addColumn('last_seen_at', 'bigint', (column) => column.notNull())
      .addColumn('stopped_at', 'bigint')
      .execute();
    for (const table of ['metric_minutes', 'metric_hours']) {
      let builder = db.schema
        .createTable(table)
        .addColumn('space_key', 'integer', (column) => column.notNull())
        .addColumn('slot', 'integer', (column) => column.notNull());
      for (const measure of ROLLUP_MEASURES) {
        for (const stat of ['min', 'avg', 'max']) builder = builder.addColumn(`${measure}_${stat}`, 'integer', (column) => column.notNull());
      }
      await compact(builder.addPrimaryKeyConstraint(`${table}_pk`, ['space_key', 'slot'])).execute();
      // Retention deletes by time across every Space.
      await db.schema.createIndex(`${table}_slot`).on(table).column('slot').execute();
    }
  },
};
