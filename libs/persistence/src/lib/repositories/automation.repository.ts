import type { Kysely, Selectable } from 'kysely';
import type { AutomationJobsTable, AutomationRulesTable, Database } from '../database';
import type { Prunable } from '../retention';
import type { WriteQueue } from '../write-queue';

export interface AutomationRuleRecord {
  id: string;
  name: string;
  description: string | null;
  kind: string;
  /** Parsed JSON, checked by the API before it is stored. */
  targets: unknown;
  settings: unknown;
  enabled: boolean;
  owner: string;
  createdAt: number;
  updatedAt: number;
}

export interface LadderStep {
  at: number;
  step: string;
}

export interface AutomationJobRecord {
  id: string;
  ruleId: string;
  spaceId: string;
  nextRunAt: number;
  lastRunAt: number | null;
  attempts: LadderStep[];
  backoffUntil: number | null;
  failingSince: number | null;
  gaveUpAt: number | null;
  missing: boolean;
  leaseOwner: string | null;
  leaseExpiresAt: number | null;
}

/** What a run changes in its job; the lease is released with it. */
export type JobOutcome = Partial<Pick<AutomationJobRecord, 'nextRunAt' | 'lastRunAt' | 'attempts' | 'backoffUntil' | 'failingSince' | 'gaveUpAt'>>;

export interface AutomationRunRecord {
  id: string;
  ruleId: string;
  spaceId: string;
  at: number;
  step: string;
  result: string;
  detail: string | null;
  durationMs: number | null;
}

export interface ProbeResultRecord {
  id: string;
  ruleId: string;
  spaceId: string;
  at: number;
  up: boolean;
  status: number | null;
  latencyMs: number | null;
  error: string | null;
}

export function jobIdOf(ruleId: string, spaceId: string): string {
  return `${ruleId} ${spaceId.toLowerCase()}`;
}

function toRule(row: Selectable<AutomationRulesTable>): AutomationRuleRecord {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    kind: row.kind,
    targets: JSON.parse(row.targets) as unknown,
    settings: JSON.parse(row.settings) as unknown,
    enabled: row.enabled === 1,
    owner: row.owner,
    createdAt: Number(row.created_at),
    updatedAt: Number(row.updated_at),
  };
}

function nullableNumber(value: number | string | null): number | null {
  return value === null ? null : Number(value);
}

function toJob(row: Selectable<AutomationJobsTable>): AutomationJobRecord {
  return {
    id: row.id,
    ruleId: row.rule_id,
    spaceId: row.space_id,
    nextRunAt: Number(row.next_run_at),
    lastRunAt: nullableNumber(row.last_run_at),
    attempts: JSON.parse(row.attempts) as LadderStep[],
    backoffUntil: nullableNumber(row.backoff_until),
    failingSince: nullableNumber(row.failing_since),
    gaveUpAt: nullableNumber(row.gave_up_at),
    missing: row.missing === 1,
    leaseOwner: row.lease_owner,
    leaseExpiresAt: nullableNumber(row.lease_expires_at),
  };
}

/**
 * Rules, jobs, runs and probe results. Rules and jobs are written at once (the engine and the
 * API need the answer: a lease taken or not); runs and probe results go through the write queue.
 */
export class AutomationRepository implements Prunable {
  readonly table = 'automation_runs';
  /** Probe results age out with the runs. */
  readonly probes: Prunable;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly writes: WriteQueue,
  ) {
    this.probes = {
      table: 'probe_results',
      pruneBatch: async (cutoff, limit) => {
        const result = await this.db
          .deleteFrom('probe_results')
          .where('id', 'in', (eb) => eb.selectFrom('probe_results').select('id').where('at', '<', cutoff).limit(limit))
          .executeTakeFirst();
        return Number(result.numDeletedRows);
      },
    };
  }

  async insertRule(rule: AutomationRuleRecord): Promise<void> {
    await this.db
      .insertInto('automation_rules')
      .values({
        id: rule.id,
        name: rule.name,
        description: rule.description,
        kind: rule.kind,
        targets: JSON.stringify(rule.targets),
        settings: JSON.stringify(rule.settings),
        enabled: rule.enabled ? 1 : 0,
        owner: rule.owner,
        created_at: rule.createdAt,
        updated_at: rule.updatedAt,
      })
      .execute();
  }

  /** Replaces the rule's fields; its jobs are dropped, so the engine plans them afresh. */
  async updateRule(rule: AutomationRuleRecord): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx
        .updateTable('automation_rules')
        .set({
          name: rule.name,
          description: rule.description,
          targets: JSON.stringify(rule.targets),
          settings: JSON.stringify(rule.settings),
          enabled: rule.enabled ? 1 : 0,
          updated_at: rule.updatedAt,
        })
        .where('id', '=', rule.id)
        .execute();
      await trx.deleteFrom('automation_jobs').where('rule_id', '=', rule.id).execute();
    });
  }

  /** The rule and its jobs; its runs stay in the history until they age out. */
  async deleteRule(id: string): Promise<boolean> {
    return this.db.transaction().execute(async (trx) => {
      await trx.deleteFrom('automation_jobs').where('rule_id', '=', id).execute();
      const result = await trx.deleteFrom('automation_rules').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    });
  }

  async rule(id: string): Promise<AutomationRuleRecord | undefined> {
    const row = await this.db.selectFrom('automation_rules').selectAll().where('id', '=', id).executeTakeFirst();
    return row && toRule(row);
  }

  async rules(): Promise<AutomationRuleRecord[]> {
    const rows = await this.db.selectFrom('automation_rules').selectAll().orderBy('created_at').orderBy('id').execute();
    return rows.map(toRule);
  }

  /** Creates the job of a rule and Space unless it exists (another engine may have made it first). */
  async ensureJob(ruleId: string, spaceId: string, nextRunAt: number): Promise<void> {
    await this.db
      .insertInto('automation_jobs')
      .values({ id: jobIdOf(ruleId, spaceId), rule_id: ruleId, space_id: spaceId, next_run_at: nextRunAt, attempts: '[]', missing: 0 })
      .onConflict((conflict) => conflict.column('id').doNothing())
      .execute();
  }

  async jobs(ruleId?: string): Promise<AutomationJobRecord[]> {
    let query = this.db.selectFrom('automation_jobs').selectAll();
    if (ruleId !== undefined) query = query.where('rule_id', '=', ruleId);
    return (await query.orderBy('space_id').execute()).map(toJob);
  }

  /** Marks the jobs of Spaces that left (or came back to) the inventory. */
  async setMissing(ids: readonly string[], missing: boolean): Promise<void> {
    if (ids.length === 0) return;
    await this.db.updateTable('automation_jobs').set({ missing: missing ? 1 : 0 }).where('id', 'in', ids).execute();
  }

  /** Jobs due by `now` that nobody holds (or whose holder's lease ran out). */
  async dueJobs(now: number, limit: number): Promise<AutomationJobRecord[]> {
    const rows = await this.db
      .selectFrom('automation_jobs')
      .selectAll()
      .where('next_run_at', '<=', now)
      .where('missing', '=', 0)
      .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
      .orderBy('next_run_at')
      .limit(limit)
      .execute();
    return rows.map(toJob);
  }

  /**
   * Takes the job for `owner` until `now + leaseMs`, if it is still due as `seen` and nobody else
   * holds it: one conditional UPDATE, so of two engines racing for a job exactly one wins.
   */
  async claim(job: AutomationJobRecord, owner: string, now: number, leaseMs: number): Promise<boolean> {
    const result = await this.db
      .updateTable('automation_jobs')
      .set({ lease_owner: owner, lease_expires_at: now + leaseMs })
      .where('id', '=', job.id)
      .where('next_run_at', '=', job.nextRunAt)
      .where((eb) => eb.or([eb('lease_expires_at', 'is', null), eb('lease_expires_at', '<', now)]))
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Stores what the run changed and releases the lease; false if the lease was lost meanwhile. */
  async finish(jobId: string, owner: string, outcome: JobOutcome): Promise<boolean> {
    const set: Partial<Record<keyof AutomationJobsTable, unknown>> = { lease_owner: null, lease_expires_at: null };
    if (outcome.nextRunAt !== undefined) set.next_run_at = outcome.nextRunAt;
    if (outcome.lastRunAt !== undefined) set.last_run_at = outcome.lastRunAt;
    if (outcome.attempts !== undefined) set.attempts = JSON.stringify(outcome.attempts);
    if (outcome.backoffUntil !== undefined) set.backoff_until = outcome.backoffUntil;
    if (outcome.failingSince !== undefined) set.failing_since = outcome.failingSince;
    if (outcome.gaveUpAt !== undefined) set.gave_up_at = outcome.gaveUpAt;
    const result = await this.db
      .updateTable('automation_jobs')
      .set(set as never)
      .where('id', '=', jobId)
      .where('lease_owner', '=', owner)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }

  /** Queued; throws WriteQueueFullError when the queue is full. */
  appendRun(run: AutomationRunRecord): void {
    this.writes.enqueue('record an automation run', (db) =>
      db
        .insertInto('automation_runs')
        .values({ id: run.id, rule_id: run.ruleId, space_id: run.spaceId, at: run.at, step: run.step, result: run.result, detail: run.detail, duration_ms: run.durationMs })
        .execute(),
    );
  }

  /** Newest first. */
  async runs(ruleId: string, limit: number): Promise<AutomationRunRecord[]> {
    const rows = await this.db.selectFrom('automation_runs').selectAll().where('rule_id', '=', ruleId).orderBy('at', 'desc').orderBy('id', 'desc').limit(limit).execute();
    return rows.map((row) => ({
      id: row.id,
      ruleId: row.rule_id,
      spaceId: row.space_id,
      at: Number(row.at),
      step: row.step,
      result: row.result,
      detail: row.detail,
      durationMs: nullableNumber(row.duration_ms),
    }));
  }

  /** Queued; throws WriteQueueFullError when the queue is full. */
  appendProbe(result: ProbeResultRecord): void {
    this.writes.enqueue('record a probe result', (db) =>
      db
        .insertInto('probe_results')
        .values({
          id: result.id,
          rule_id: result.ruleId,
          space_id: result.spaceId,
          at: result.at,
          up: result.up ? 1 : 0,
          status: result.status,
          latency_ms: result.latencyMs,
          error: result.error,
        })
        .execute(),
    );
  }

  /** A Space's probe results since `from`, newest first. */
  async probeResults(spaceId: string, from: number, limit: number): Promise<ProbeResultRecord[]> {
    const rows = await this.db
      .selectFrom('probe_results')
      .selectAll()
      .where('space_id', '=', spaceId)
      .where('at', '>=', from)
      .orderBy('at', 'desc')
      .limit(limit)
      .execute();
    return rows.map((row) => ({
      id: row.id,
      ruleId: row.rule_id,
      spaceId: row.space_id,
      at: Number(row.at),
      up: row.up === 1,
      status: row.status,
      latencyMs: nullableNumber(row.latency_ms),
      error: row.error,
    }));
  }

  async pruneBatch(cutoff: number, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('automation_runs')
      .where('id', 'in', (eb) => eb.selectFrom('automation_runs').select('id').where('at', '<', cutoff).limit(limit))
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
