import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  MANUAL_ACTION_QUIET_SECONDS,
  type AutomationDecision,
  type AutomationKind,
  type AutomationRunResult,
  type AutomationSettings,
  type AutomationStep,
  type AutomationTargets,
  type MaintenanceSettings,
  type ProbeSettings,
  type SpaceAction,
  type SpaceActionResponse,
  type SpaceSummary,
} from '@hfd/contracts';
import { AuditRepository, AutomationRepository, jobIdOf, WriteQueueFullError, type AutomationJobRecord, type AutomationRuleRecord, type JobOutcome } from '@hfd/persistence';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { Subject } from 'rxjs';
import { ApiException } from '../common/errors/api.exception';
import type { AppVisit } from '../hf-client/hf-client.service';
import { AuditService } from '../people/audit.service';
import type { AuditContext } from '../people/audit-context';
import { windowStartAt } from './cron';
import { decide, firstRunAt, isHubAction, type Decision, type RuleView } from './decide';
import { resolveTargets, targets } from './targets';

/** What the engine needs of the inventory: the Spaces now, and whether an account's list is complete. */
export interface EngineInventory {
  readonly current: { readonly fetchedAt: number | null; readonly spaces: readonly SpaceSummary[] };
  find(id: string): SpaceSummary | undefined;
  isCurrent(account: string): boolean;
}

/** The Spaces action path and the app of a Space (SpacesService), and a visit (HfClientService). */
export interface EngineActions {
  /** `rule`: the rule's name, the actor the history records. */
  actForRule(spaceId: string, action: SpaceAction, rule: string): Promise<SpaceActionResponse>;
  /** Holds the Hub's status stream of a Space while a rule needs its every change (a crash between two refreshes); answers the release. */
  watch(spaceId: string): () => void;
  /** A probe's verdict on a running Space, for the history: not answering opens an incident, answering again closes it. */
  answered(spaceId: string, answering: boolean, rule: string): void;
  appTarget(space: SpaceSummary): { url: string; token: string | null };
  visitApp(url: string, token: string | null, timeoutMs: number): Promise<AppVisit>;
}

export const ENGINE_INVENTORY = Symbol('ENGINE_INVENTORY');
export const ENGINE_ACTIONS = Symbol('ENGINE_ACTIONS');
export const ENGINE_OPTIONS = Symbol('ENGINE_OPTIONS');

export interface EngineOptions {
  /** How often the engine looks for due jobs. */
  tickMs: number;
  /** How long a taken job stays taken, should its engine die while running it: longer than any step. */
  leaseMs: number;
  /** Due jobs taken per tick at most. */
  batch: number;
  /** The engine's name in the lease; unique per process. */
  owner: string;
  /** The clock; tests pass their own. */
  now: () => number;
}

export const DEFAULT_ENGINE_OPTIONS: Omit<EngineOptions, 'owner' | 'now'> = { tickMs: 5000, leaseMs: 120_000, batch: 50 };
const VISIT_TIMEOUT_MS = 30_000;
const DEFAULT_PROBE_TIMEOUT_S = 10;
/** A ladder counts a running Space as failed when its probes failed this many times in a row, lately. */
const PROBE_FAILURES_FOR_LADDER = 2;
const PROBE_RECENT_MS = 300_000;

/** One finished run, for the Prometheus series. */
export interface EngineRunEvent {
  kind: AutomationKind;
  spaceId: string;
  step: AutomationStep;
  result: AutomationRunResult;
  probeLatencyMs?: number | null;
  /** The Space's app was probed and did not answer as expected while the Hub said RUNNING. */
  notAnswering?: boolean;
}

export function ruleView(record: AutomationRuleRecord): RuleView & { targets: AutomationTargets; enabled: boolean } {
  return {
    id: record.id,
    name: record.name,
    kind: record.kind as AutomationKind,
    settings: record.settings as AutomationSettings,
    targets: record.targets as AutomationTargets,
    enabled: record.enabled,
  };
}

/** What the audit log records for the engine: no person, no address, no request. */
const RULE_CONTEXT: AuditContext = { principal: null, address: null, requestId: null };

function runId(at: number): string {
  return `${at.toString(36).padStart(9, '0')}-${randomBytes(6).toString('hex')}`;
}

function errorCode(error: unknown): string {
  return error instanceof ApiException ? error.code : 'INTERNAL_ERROR';
}

/**
 * The one place that decides what is due and does it. Each (rule, Space) pair is a job row
 * with its next run, ladder attempts and back-off; a job is taken with a lease (a conditional
 * UPDATE), so however many engines share the database, a due job runs once. Every action goes
 * through SpacesService's action path and into the audit log with the rule as the actor.
 */
@Injectable()
export class AutomationEngine implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Automation');
  private readonly options: EngineOptions;
  private timer: NodeJS.Timeout | undefined;
  private ticking: Promise<void> | null = null;
  /** The status streams held for ladders and probes, by Space id, with their release. */
  private readonly watched = new Map<string, () => void>();
  private readonly events = new Subject<EngineRunEvent>();
  readonly runs$ = this.events.asObservable();

  constructor(
    private readonly repository: AutomationRepository,
    private readonly auditLog: AuditRepository,
    private readonly audit: AuditService,
    @Inject(ENGINE_INVENTORY) private readonly inventory: EngineInventory,
    @Inject(ENGINE_ACTIONS) private readonly actions: EngineActions,
    @Optional() @Inject(ENGINE_OPTIONS) options?: Partial<EngineOptions>,
  ) {
    this.options = {
      ...DEFAULT_ENGINE_OPTIONS,
      owner: `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`,
      now: Date.now,
      ...options,
    };
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => {
      if (this.ticking !== null) return;
      this.ticking = this.tick()
        .catch((error: unknown) => this.logger.warn(`An automation tick failed: ${error instanceof Error ? error.message : String(error)}`))
        .finally(() => (this.ticking = null));
    }, this.options.tickMs);
    this.timer.unref();
  }

  async onModuleDestroy(): Promise<void> {
    clearInterval(this.timer);
    await this.ticking;
    for (const release of this.watched.values()) release();
    this.watched.clear();
    this.events.complete();
  }

  /** The engine's clock (the real one but in tests): what "now" means for windows and next runs. */
  now(): number {
    return this.options.now();
  }

  /** One pass: plan jobs for the rules' Spaces, then run every due job this engine can take. */
  async tick(): Promise<void> {
    if (this.inventory.current.fetchedAt === null) return;
    const rules = (await this.repository.rules()).map(ruleView);
    await this.plan(rules);
    const byId = new Map(rules.filter((rule) => rule.enabled).map((rule) => [rule.id, rule]));
    const windows = rules.filter((rule) => rule.enabled && rule.kind === 'maintenance');
    const now = this.options.now();
    for (const job of await this.repository.dueJobs(now, this.options.batch)) {
      const rule = byId.get(job.ruleId);
      if (rule === undefined || rule.kind === 'maintenance') continue;
      if (!(await this.repository.claim(job, this.options.owner, now, this.options.leaseMs))) continue;
      await this.runTaken(rule, job, windows);
    }
  }

  /** The decision for each targeted Space, acting on nothing. */
  async dryRun(record: AutomationRuleRecord): Promise<AutomationDecision[]> {
    const rule = ruleView(record);
    const rules = (await this.repository.rules()).map(ruleView);
    const windows = rules.filter((other) => other.enabled && other.kind === 'maintenance');
    const jobs = new Map((await this.repository.jobs(rule.id)).map((job) => [job.id, job]));
    const now = this.options.now();
    const { matched, absent } = resolveTargets(rule.targets, this.inventory.current.spaces);
    const decisions: AutomationDecision[] = absent.map((spaceId) => ({ spaceId, step: 'none', reason: 'the Space is gone' }));
    for (const space of matched) {
      const job = jobs.get(jobIdOf(rule.id, space.id)) ?? this.freshJob(rule, space.id, now);
      const decision = await this.decideFor(rule, job, windows, now);
      decisions.push({ spaceId: space.id, step: decision.step, reason: decision.reason });
    }
    return decisions;
  }

  /** Runs the rule on each of its Spaces now, whether due or not, each job taken with its lease. */
  async runNow(record: AutomationRuleRecord): Promise<AutomationDecision[]> {
    const rule = ruleView(record);
    await this.plan([rule]);
    const windows = (await this.repository.rules()).map(ruleView).filter((other) => other.enabled && other.kind === 'maintenance');
    const decisions: AutomationDecision[] = [];
    const now = this.options.now();
    for (const job of await this.repository.jobs(rule.id)) {
      if (job.missing) {
        decisions.push({ spaceId: job.spaceId, step: 'none', reason: 'the Space is gone' });
        continue;
      }
      if (!(await this.repository.claim(job, this.options.owner, now, this.options.leaseMs))) {
        decisions.push({ spaceId: job.spaceId, step: 'none', reason: 'running elsewhere now' });
        continue;
      }
      decisions.push(await this.runTaken(rule, job, windows));
    }
    return decisions;
  }

  /** Whether a maintenance window holds `spaceId` now. */
  heldByWindow(windows: readonly (RuleView & { targets: AutomationTargets })[], space: SpaceSummary, now: number): string | null {
    for (const window of windows) {
      if (targets(window.targets, space) && windowStartAt(window.settings as MaintenanceSettings, now) !== null) return `maintenance window "${window.name}"`;
    }
    return null;
  }

  private freshJob(rule: RuleView, spaceId: string, now: number): AutomationJobRecord {
    return {
      id: jobIdOf(rule.id, spaceId),
      ruleId: rule.id,
      spaceId,
      nextRunAt: firstRunAt(rule, now),
      lastRunAt: null,
      attempts: [],
      backoffUntil: null,
      failingSince: null,
      gaveUpAt: null,
      missing: false,
      leaseOwner: null,
      leaseExpiresAt: null,
    };
  }

  /** A job for every targeted Space (made once, whichever engine is first); Spaces gone are marked, their jobs kept. */
  private async plan(rules: readonly (RuleView & { targets: AutomationTargets; enabled: boolean })[]): Promise<void> {
    const now = this.options.now();
    const jobs = await this.repository.jobs();
    const known = new Set(jobs.map((job) => job.id));
    for (const rule of rules) {
      if (!rule.enabled || rule.kind === 'maintenance') continue;
      const { matched, absent } = resolveTargets(rule.targets, this.inventory.current.spaces);
      for (const space of matched) {
        if (!known.has(jobIdOf(rule.id, space.id))) await this.repository.ensureJob(rule.id, space.id, firstRunAt(rule, now));
      }
      for (const spaceId of absent) {
        if (!known.has(jobIdOf(rule.id, spaceId)) && this.inventory.isCurrent(spaceId.split('/')[0])) {
          await this.repository.ensureJob(rule.id, spaceId, firstRunAt(rule, now));
          await this.repository.setMissing([jobIdOf(rule.id, spaceId)], true);
        }
      }
    }
    this.watchFor(rules);
    const gone: string[] = [];
    const back: string[] = [];
    for (const job of jobs) {
      const present = this.inventory.find(job.spaceId) !== undefined;
      if (present && job.missing) back.push(job.id);
      // Only a complete, current list of the account says the Space is gone (not a failed read).
      if (!present && !job.missing && this.inventory.isCurrent(job.spaceId.split('/')[0])) gone.push(job.id);
    }
    await this.repository.setMissing(gone, true);
    await this.repository.setMissing(back, false);
  }

  /** Ladders and probes act on changes between two refreshes: their Spaces' status streams are held, and released when no rule needs them. */
  private watchFor(rules: readonly (RuleView & { targets: AutomationTargets; enabled: boolean })[]): void {
    const needed = new Set<string>();
    for (const rule of rules) {
      if (!rule.enabled || (rule.kind !== 'recovery' && rule.kind !== 'probe')) continue;
      for (const space of resolveTargets(rule.targets, this.inventory.current.spaces).matched) needed.add(space.id);
    }
    for (const [spaceId, release] of this.watched) {
      if (needed.has(spaceId)) continue;
      release();
      this.watched.delete(spaceId);
    }
    for (const spaceId of needed) if (!this.watched.has(spaceId)) this.watched.set(spaceId, this.actions.watch(spaceId));
  }

  private async decideFor(rule: RuleView, job: AutomationJobRecord, windows: readonly (RuleView & { targets: AutomationTargets })[], now: number): Promise<Decision> {
    const space = this.inventory.find(job.spaceId);
    const hold = space === undefined ? null : this.heldByWindow(windows, space, now);
    const probeDown = rule.kind === 'recovery' && space?.runtime?.stage === 'RUNNING' ? await this.probesFailing(space.id, now) : false;
    const decision = decide(rule, job, { now, space, hold, probeDown });
    if (space === undefined || !(isHubAction(decision.step) || decision.step === 'visit' || decision.step === 'give-up')) return decision;
    const byHand = await this.actedOnByHand(space.id, now);
    return byHand === null ? decision : decide(rule, job, { now, space, hold: byHand, probeDown });
  }

  private async probesFailing(spaceId: string, now: number): Promise<boolean> {
    const results = await this.repository.probeResults(spaceId, now - PROBE_RECENT_MS, PROBE_FAILURES_FOR_LADDER);
    return results.length === PROBE_FAILURES_FOR_LADDER && results.every((result) => !result.up);
  }

  /** A person (a session or a key) acted on the Space in the last few minutes: the rules leave it to them. */
  private async actedOnByHand(spaceId: string, now: number): Promise<string | null> {
    const entries = await this.auditLog.page({ spaceId, kind: 'space.action', from: now - MANUAL_ACTION_QUIET_SECONDS * 1000 }, 20);
    const person = entries.find((entry) => entry.actorType === 'user' || entry.actorType === 'apiKey');
    return person === undefined ? null : `acted on by hand (${person.actor ?? 'someone'}) lately`;
  }

  /** Decides and does what the taken job needs, records it, and releases the job. */
  private async runTaken(rule: RuleView, job: AutomationJobRecord, windows: readonly (RuleView & { targets: AutomationTargets })[]): Promise<AutomationDecision> {
    const now = this.options.now();
    const started = performance.now();
    let decision: Decision;
    let result: AutomationRunResult | null = null;
    let detail = '';
    const outcome: JobOutcome = {};
    try {
      decision = await this.decideFor(rule, job, windows, now);
      Object.assign(outcome, decision.outcome);
      ({ result, detail } = await this.perform(rule, job.spaceId, decision));
      if (decision.step !== 'none' && decision.step !== 'wait') outcome.lastRunAt = now;
    } catch (error) {
      // Whatever went wrong, the job is released and tried again later rather than left taken.
      decision = { step: 'none', reason: errorCode(error), outcome: { nextRunAt: now + this.options.tickMs * 12 } };
      Object.assign(outcome, decision.outcome);
      this.logger.warn(`Rule "${rule.name}" on ${job.spaceId} failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    if (!(await this.repository.finish(job.id, this.options.owner, outcome))) {
      this.logger.warn(`Rule "${rule.name}" on ${job.spaceId} ran past its lease: another engine may take the job`);
    }
    if (result !== null) {
      const durationMs = Math.round(performance.now() - started);
      this.appendRun({ id: runId(now), ruleId: rule.id, spaceId: job.spaceId, at: now, step: decision.step, result, detail: detail || null, durationMs });
    }
    return { spaceId: job.spaceId, step: decision.step, reason: decision.reason, ...(result === null ? {} : { result }) };
  }

  /** Does the step; answers what the run history records (result null: nothing worth a line, such as a ladder waiting). */
  private async perform(rule: RuleView, spaceId: string, decision: Decision): Promise<{ result: AutomationRunResult | null; detail: string }> {
    const actor = { type: 'rule' as const, name: rule.name };
    const space = this.inventory.find(spaceId);
    if (isHubAction(decision.step)) {
      const step = decision.step;
      try {
        await this.audit.track(RULE_CONTEXT, { kind: 'space.action', actor, target: spaceId, spaceId, detail: `${step} (${decision.reason})` }, () => this.actions.actForRule(spaceId, step, rule.name));
        this.emit(rule, spaceId, step, 'success');
        return { result: 'success', detail: decision.reason };
      } catch (error) {
        this.emit(rule, spaceId, step, 'failure');
        return { result: 'failure', detail: `${decision.reason}: ${errorCode(error)}` };
      }
    }
    if (decision.step === 'visit' && space !== undefined) {
      const { url, token } = this.actions.appTarget(space);
      const visit = await this.actions.visitApp(url, token, VISIT_TIMEOUT_MS);
      const answered = visit.status !== null;
      const what = answered ? `visit: ${visit.status}` : `visit: ${visit.error ?? 'no answer'}`;
      this.audit.record(RULE_CONTEXT, { kind: 'space.action', actor, target: spaceId, spaceId, result: answered ? 'success' : 'failure', detail: `${what} (${decision.reason})`, durationMs: visit.latencyMs });
      this.emit(rule, spaceId, 'visit', answered ? 'success' : 'failure');
      return { result: answered ? 'success' : 'failure', detail: `${decision.reason}; ${what}` };
    }
    if (decision.step === 'probe' && space !== undefined) return this.probe(rule, space);
    if (decision.step === 'give-up') {
      this.audit.record(RULE_CONTEXT, { kind: 'automation.gave-up', actor, target: spaceId, spaceId, result: 'failure', detail: decision.reason });
      this.logger.warn(`Rule "${rule.name}" gave up on ${spaceId}: ${decision.reason}`);
      this.emit(rule, spaceId, 'give-up', 'gave-up');
      return { result: 'gave-up', detail: decision.reason };
    }
    // A schedule's run that was held or skipped is worth a line in its history; a ladder's quiet check is not.
    if (rule.kind === 'schedule' && decision.step === 'none') {
      this.emit(rule, spaceId, 'none', 'skipped');
      return { result: 'skipped', detail: decision.reason };
    }
    return { result: null, detail: '' };
  }

  private async probe(rule: RuleView, space: SpaceSummary): Promise<{ result: AutomationRunResult; detail: string }> {
    const settings = rule.settings as ProbeSettings;
    const { url, token } = this.actions.appTarget(space);
    const path = settings.path ?? '/';
    const visit = await this.actions.visitApp(`${url}${path === '/' ? '/' : path}`, token, (settings.timeoutSeconds ?? Math.min(DEFAULT_PROBE_TIMEOUT_S, settings.intervalSeconds)) * 1000);
    const expected = settings.expectStatus ?? 200;
    let error: string | null = visit.error;
    if (error === null && visit.status !== expected) error = `status ${visit.status} (expected ${expected})`;
    if (error === null && settings.keyword !== undefined && !visit.body.includes(settings.keyword)) error = `no "${settings.keyword}" in the answer`;
    const now = this.options.now();
    try {
      this.repository.appendProbe({ id: runId(now), ruleId: rule.id, spaceId: space.id, at: now, up: error === null, status: visit.status, latencyMs: visit.latencyMs, error });
    } catch (failure) {
      if (!(failure instanceof WriteQueueFullError)) throw failure;
    }
    const notAnswering = error !== null && space.runtime?.stage === 'RUNNING';
    if (space.runtime?.stage === 'RUNNING') this.actions.answered(space.id, error === null, rule.name);
    this.events.next({ kind: rule.kind, spaceId: space.id, step: 'probe', result: error === null ? 'success' : 'failure', probeLatencyMs: visit.latencyMs, notAnswering });
    if (error === null) return { result: 'success', detail: `up in ${visit.latencyMs ?? '?'} ms` };
    return { result: 'failure', detail: notAnswering ? `running but not answering: ${error}` : error };
  }

  private emit(rule: RuleView, spaceId: string, step: AutomationStep, result: AutomationRunResult): void {
    this.events.next({ kind: rule.kind, spaceId, step, result });
  }

  private appendRun(run: Parameters<AutomationRepository['appendRun']>[0]): void {
    try {
      this.repository.appendRun(run);
    } catch (error) {
      if (!(error instanceof WriteQueueFullError)) throw error;
      this.logger.warn(`A run of an automation is not recorded: ${error.message}`);
    }
  }
}
