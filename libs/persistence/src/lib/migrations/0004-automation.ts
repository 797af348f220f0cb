import type { Kysely, Migration } from 'kysely';

/** Automation rules, the engine's jobs (one per rule and Space), the runs they made and probe answers. */
export const automation: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('automation_rules')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('name', 'text', (column) => column.notNull())
      .addColumn('description', 'text')
      .addColumn('kind', 'text', (column) => column.notNull())
      .addColumn('targets', 'text', (column) => column.notNull())
      .addColumn('settings', 'text', (column) => column.notNull())
      .addColumn('enabled', 'integer', (column) => column.notNull())
      .addColumn('owner', 'text', (column) => column.notNull())
      .addColumn('created_at', 'bigint', (column) => column.notNull())
      .addColumn('updated_at', 'bigint', (column) => column.notNull())
      .execute();
    await db.schema
      .createTable('automation_jobs')
      // `{rule id} {space id}`: one job per rule and Space, so inserting it twice is a no-op.
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('rule_id', 'text', (column) => column.notNull())
      .addColumn('space_id', 'text', (column) => column.notNull())
      .addColumn('next_run_at', 'bigint', (column) => column.notNull())
      .addColumn('last_run_at', 'bigint')
      .addColumn('attempts', 'text', (column) => column.notNull())
      .addColumn('backoff_until', 'bigint')
      .addColumn('failing_since', 'bigint')
      .addColumn('gave_up_at', 'bigint')
      .addColumn('missing', 'integer', (column) => column.notNull().defaultTo(0))
      .addColumn('lease_owner', 'text')
      .addColumn('lease_expires_at', 'bigint')
      .execute();
    await db.schema.createIndex('automation_jobs_due').on('automation_jobs').columns(['next_run_at']).execute();
    await db.schema.createIndex('automation_jobs_rule').on('automation_jobs').columns(['rule_id']).execute();
    await db.schema
      .createTable('automation_runs')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('rule_id', 'text', (column) => column.notNull())
      .addColumn('space_id', 'text', (column) => column.notNull())
      .addColumn('at', 'bigint', (column) => column.notNull())
      .addColumn('step', 'text', (column) => column.notNull())
      .addColumn('result', 'text', (column) => column.notNull())
      .addColumn('detail', 'text')
      .addColumn('duration_ms', 'bigint')
      .execute();
    await db.schema.createIndex('automation_runs_rule_at').on('automation_runs').columns(['rule_id', 'at']).execute();
    await db.schema.createIndex('automation_runs_at').on('automation_runs').columns(['at']).execute();
    await db.schema
      .createTable('probe_results')
      .addColumn('id', 'text', (column) => column.primaryKey())
      .addColumn('rule_id', 'text', (column) => column.notNull())
      .addColumn('space_id', 'text', (column) => column.notNull())
      .addColumn('at', 'bigint', (column) => column.notNull())
      .addColumn('up', 'integer', (column) => column.notNull())
      .addColumn('status', 'integer')
      .addColumn('latency_ms', 'bigint')
      .addColumn('error', 'text')
      .execute();
    await db.schema.createIndex('probe_results_space_at').on('probe_results').columns(['space_id', 'at']).execute();
    await db.schema.createIndex('probe_results_at').on('probe_results').columns(['at']).execute();
  },
};
