import {
  KEEP_ALIVE_MIN_SECONDS,
  RECOVERY_DEFAULT_MAX_ATTEMPTS,
  STAGE_GROUP,
  type AutomationKind,
  type AutomationSettings,
  type AutomationStep,
  type KeepAliveSettings,
  type ProbeSettings,
  type RecoverySettings,
  type ScheduleSettings,
  type SpaceSummary,
} from '@hfd/contracts';
import type { AutomationJobRecord, JobOutcome, LadderStep } from '@hfd/persistence';
import { nextRuns } from './cron';

const DAY_MS = 86_400_000;
/** A ladder looks at its Spaces this often. */
export const RECOVERY_CHECK_MS = 15_000;
/** A keep-alive of a Space that never sleeps looks again this much later (its hardware may change). */
const NEVER_SLEEPS_RECHECK_MS = 3_600_000;
/** A schedule's run this late was missed (the server was down), not just delayed by a busy tick. */
export const MISSED_AFTER_MS = 120_000;
const DEFAULT_REBUILD_WINDOW_S = 1800;
const DEFAULT_BACKOFF_S = 60;

export interface RuleView {
  id: string;
  name: string;
  kind: AutomationKind;
  settings: AutomationSettings;
}

/** What the engine knows besides the rule and the job. */
export interface DecisionContext {
  now: number;
  /** The Space as the inventory has it now; undefined when it is gone. */
  space: SpaceSummary | undefined;
  /** Why rules leave the Space alone now (a maintenance window, a person's recent action), or null. */
  hold: string | null;
  /** The app did not answer its last probes while the Hub said RUNNING. */
  probeDown: boolean;
}

export interface Decision {
  step: AutomationStep;
  reason: string;
  /** What the job stores after the step (the engine adjusts it when the step fails). */
  outcome: JobOutcome & { nextRunAt: number };
}

const ACTIONS: ReadonlySet<AutomationStep> = new Set(['restart', 'rebuild', 'pause', 'resume']);

export function isHubAction(step: AutomationStep): step is 'restart' | 'rebuild' | 'pause' | 'resume' {
  return ACTIONS.has(step);
}

/** How often a keep-alive visits: its interval, never more than half the sleep time, never under a minute; null when the Space never sleeps. */
export function keepAliveIntervalMs(settings: KeepAliveSettings, sleepTimeSeconds: number | null): number | null {
  const half = sleepTimeSeconds === null ? null : sleepTimeSeconds / 2;
  if (half === null && settings.intervalSeconds === undefined) return null;
  const seconds = Math.min(settings.intervalSeconds ?? Infinity, half ?? Infinity);
  return Math.max(KEEP_ALIVE_MIN_SECONDS, seconds) * 1000;
}

/** The first run of a new job. */
export function firstRunAt(rule: RuleView, now: number): number {
  if (rule.kind === 'schedule') {
    const settings = rule.settings as ScheduleSettings;
    return nextRuns(settings.cron, settings.timezone, now, 1)[0] ?? now + DAY_MS;
  }
  return now;
}

function failureOf(space: SpaceSummary, settings: RecoverySettings, context: DecisionContext): string | null {
  const stage = space.runtime?.stage;
  if (stage === 'RUNTIME_ERROR' || stage === 'BUILD_ERROR') return stage;
  if (stage !== undefined && STAGE_GROUP[stage] === 'running' && context.probeDown) return 'running but not answering';
  if (settings.stuckMinutes !== undefined && stage !== undefined && STAGE_GROUP[stage] === 'starting' && space.stageSince !== null) {
    if (context.now - Date.parse(space.stageSince) > settings.stuckMinutes * 60_000) return `stuck in ${stage}`;
  }
  return null;
}

/**
 * The recovery ladder: after the grace period, restart; a failure again within the window
 * after a step is met with a factory rebuild; each step waits out a back-off that doubles;
 * after `maxAttemptsPerDay` steps in 24 hours it gives up until the Space recovers.
 */
function decideRecovery(settings: RecoverySettings, job: AutomationJobRecord, space: SpaceSummary, context: DecisionContext): Decision {
  const { now } = context;
  const next = now + RECOVERY_CHECK_MS;
  const recent: LadderStep[] = job.attempts.filter((attempt) => attempt.at > now - DAY_MS);
  const failure = failureOf(space, settings, context);
  if (failure === null) {
    const recovered = job.gaveUpAt !== null || job.failingSince !== null;
    return { step: 'none', reason: recovered ? 'recovered' : 'healthy', outcome: { nextRunAt: next, failingSince: null, gaveUpAt: null, attempts: recent } };
  }
  if (job.gaveUpAt !== null) return { step: 'none', reason: 'gave up until the Space recovers', outcome: { nextRunAt: next } };
  const failingSince = job.failingSince ?? now;
  if (now - failingSince < settings.graceSeconds * 1000) return { step: 'wait', reason: `${failure}: grace period`, outcome: { nextRunAt: next, failingSince } };
  const cap = settings.maxAttemptsPerDay ?? RECOVERY_DEFAULT_MAX_ATTEMPTS;
  if (recent.length >= cap) return { step: 'give-up', reason: `${failure}: ${recent.length} attempts in 24 hours`, outcome: { nextRunAt: next, failingSince, gaveUpAt: now } };
  if (job.backoffUntil !== null && now < job.backoffUntil) return { step: 'wait', reason: `${failure}: back-off`, outcome: { nextRunAt: next, failingSince } };
  const last = recent[recent.length - 1];
  const step = last !== undefined && now - last.at <= (settings.rebuildWindowSeconds ?? DEFAULT_REBUILD_WINDOW_S) * 1000 ? 'rebuild' : 'restart';
  return {
    step,
    reason: failure,
    outcome: {
      nextRunAt: next,
      failingSince: null,
      attempts: [...recent, { at: now, step }],
      backoffUntil: now + (settings.backoffSeconds ?? DEFAULT_BACKOFF_S) * 1000 * 2 ** recent.length,
    },
  };
}

function decideSchedule(settings: ScheduleSettings, job: AutomationJobRecord, space: SpaceSummary, now: number): Decision {
  const nextRunAt = nextRuns(settings.cron, settings.timezone, now, 1)[0] ?? now + DAY_MS;
  if (now - job.nextRunAt > MISSED_AFTER_MS && (settings.missedRuns ?? 'skip') === 'skip') {
    return { step: 'none', reason: `missed run of ${new Date(job.nextRunAt).toISOString()} skipped`, outcome: { nextRunAt } };
  }
  const stage = space.runtime?.stage;
  if (settings.action === 'resume' && stage !== 'PAUSED' && stage !== 'STOPPED' && stage !== 'SLEEPING') {
    return { step: 'none', reason: 'not paused', outcome: { nextRunAt, lastRunAt: now } };
  }
  if (settings.action === 'pause' && stage === 'PAUSED') return { step: 'none', reason: 'already paused', outcome: { nextRunAt, lastRunAt: now } };
  return { step: settings.action, reason: 'scheduled', outcome: { nextRunAt, lastRunAt: now } };
}

/**
 * What a rule does to one Space now. Pure: the engine runs it when the job is due, a dry run
 * runs it to say what would happen. The safety rules come first: a Space that is gone, held
 * (a maintenance window, a person acting on it lately) or paused on purpose is left alone.
 */
export function decide(rule: RuleView, job: AutomationJobRecord, context: DecisionContext): Decision {
  const { now, space } = context;
  const later = (ms: number, step: AutomationStep, reason: string): Decision => ({ step, reason, outcome: { nextRunAt: now + ms } });
  const interval = rule.kind === 'probe' ? (rule.settings as ProbeSettings).intervalSeconds * 1000 : RECOVERY_CHECK_MS;
  if (space === undefined) return later(interval, 'none', 'the Space is gone');
  if (context.hold !== null) {
    // A schedule keeps its rhythm through a hold: the run falls, the next one stays on time.
    if (rule.kind === 'schedule') {
      const settings = rule.settings as ScheduleSettings;
      return { step: 'none', reason: context.hold, outcome: { nextRunAt: nextRuns(settings.cron, settings.timezone, now, 1)[0] ?? now + DAY_MS } };
    }
    return later(interval, 'none', context.hold);
  }
  const paused = space.runtime?.stage === 'PAUSED';
  if (paused && !(rule.kind === 'schedule' && (rule.settings as ScheduleSettings).action === 'resume')) {
    return rule.kind === 'schedule' ? { ...decideSchedule(rule.settings as ScheduleSettings, job, space, now), step: 'none', reason: 'paused on purpose' } : later(interval, 'none', 'paused on purpose');
  }
  switch (rule.kind) {
    case 'keep-alive': {
      const every = keepAliveIntervalMs(rule.settings as KeepAliveSettings, space.runtime?.sleepTimeSeconds ?? null);
      if (every === null) return later(NEVER_SLEEPS_RECHECK_MS, 'none', 'the Space never sleeps');
      const stage = space.runtime?.stage;
      if (stage !== undefined && STAGE_GROUP[stage] === 'error') return later(every, 'none', `${stage}: a visit does not help`);
      return { step: 'visit', reason: stage === 'SLEEPING' ? 'asleep: a visit wakes it' : 'before its sleep time', outcome: { nextRunAt: now + every, lastRunAt: now } };
    }
    case 'probe': {
      const stage = space.runtime?.stage;
      // A request to a sleeping app would wake it: probes look at running Spaces only.
      if (stage === undefined || STAGE_GROUP[stage] !== 'running') return later(interval, 'none', `not running (${stage ?? 'unknown'})`);
      return { step: 'probe', reason: 'running', outcome: { nextRunAt: now + interval, lastRunAt: now } };
    }
    case 'schedule':
      return decideSchedule(rule.settings as ScheduleSettings, job, space, now);
    case 'recovery':
      return decideRecovery(rule.settings as RecoverySettings, job, space, context);
    case 'maintenance':
      return later(DAY_MS, 'none', 'a maintenance window acts on nothing');
  }
}
