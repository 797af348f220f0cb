import type { StageGroup } from '../spaces/space-stage';

/** What a rule does (docs/automation.md). */
export const AUTOMATION_KINDS = ['keep-alive', 'schedule', 'recovery', 'probe', 'maintenance'] as const;
export type AutomationKind = (typeof AUTOMATION_KINDS)[number];

/** What a schedule does at each run; `visit` is a keep-alive visit of the app. */
export const SCHEDULE_ACTIONS = ['restart', 'rebuild', 'pause', 'resume', 'visit'] as const;
export type ScheduleAction = (typeof SCHEDULE_ACTIONS)[number];

/** Runs a schedule missed while the server was down: dropped, or one of them run at start. */
export const MISSED_RUN_POLICIES = ['skip', 'run-once'] as const;
export type MissedRunPolicy = (typeof MISSED_RUN_POLICIES)[number];

/** The safe minimums: a keep-alive visit at most once a minute, a probe at most every 10 s. */
export const KEEP_ALIVE_MIN_SECONDS = 60;
export const PROBE_MIN_SECONDS = 10;
export const RECOVERY_DEFAULT_MAX_ATTEMPTS = 3;
/** How recently a person must have acted on a Space for rules to leave it alone. */
export const MANUAL_ACTION_QUIET_SECONDS = 300;

/**
 * Which Spaces a rule applies to: the union of the listed Spaces, the Spaces of the listed
 * accounts, and the Spaces matching the filter (all of its fields at once).
 */
export interface AutomationTargets {
  /** `owner/name`; one entry for a rule of one Space. */
  spaces?: string[];
  /** Account (user or organisation) names of HF_USER. */
  accounts?: string[];
  filter?: AutomationFilter;
}

export interface AutomationFilter {
  stageGroup?: StageGroup;
  tag?: string;
  /** `*` matches any characters; matched against `owner/name`, case-insensitively. */
  namePattern?: string;
}

export interface KeepAliveSettings {
  /** Default: half the Space's sleep time; never more than that, never under 60. */
  intervalSeconds?: number;
}

export interface ScheduleSettings {
  cron: string;
  /** IANA zone, such as `Europe/Berlin`. */
  timezone: string;
  action: ScheduleAction;
  /** Default `skip`. */
  missedRuns?: MissedRunPolicy;
}

export interface RecoverySettings {
  /** How long a Space stays failed before the first step. */
  graceSeconds: number;
  /** Default 3. */
  maxAttemptsPerDay?: number;
  /** A Space building or starting longer than this counts as failed. */
  stuckMinutes?: number;
  /** A failure this soon after the last step escalates to a factory rebuild (default 1800). */
  rebuildWindowSeconds?: number;
  /** The first back-off between steps, doubled after each (default 60). */
  backoffSeconds?: number;
}

export interface ProbeSettings {
  intervalSeconds: number;
  /** Under the app URL, starting with `/` (default `/`). */
  path?: string;
  /** Default 200. */
  expectStatus?: number;
  keyword?: string;
  /** Default 10, at most the interval. */
  timeoutSeconds?: number;
}

export type MaintenanceSettings =
  | { start: string; durationMinutes: number }
  | { cron: string; timezone: string; durationMinutes: number };

export type AutomationSettings = KeepAliveSettings | ScheduleSettings | RecoverySettings | ProbeSettings | MaintenanceSettings;

/** `POST /automations`: the settings of the kind sit beside the common fields. */
export type CreateAutomationRequest = {
  name: string;
  description?: string;
  targets: AutomationTargets;
  enabled?: boolean;
} & (
  | ({ kind: 'keep-alive' } & KeepAliveSettings)
  | ({ kind: 'schedule' } & ScheduleSettings)
  | ({ kind: 'recovery' } & RecoverySettings)
  | ({ kind: 'probe' } & ProbeSettings)
  | ({ kind: 'maintenance' } & MaintenanceSettings)
);

/**
 * `PATCH /automations/:id`: any common field, and the kind's settings as in the creation (the
 * kind itself stays). Settings given are merged over the stored ones and checked again whole.
 */
export type UpdateAutomationRequest = Partial<Omit<CreateAutomationRequest, 'kind'>> &
  Partial<KeepAliveSettings & Omit<ScheduleSettings, 'cron' | 'timezone'> & RecoverySettings & Omit<ProbeSettings, 'intervalSeconds'>> & {
    intervalSeconds?: number;
    cron?: string;
    timezone?: string;
    start?: string;
    durationMinutes?: number;
  };

/** How each targeted Space stands with a rule. */
export interface AutomationSpaceState {
  spaceId: string;
  /** ISO; null when nothing is due (a maintenance window, a Space gone). */
  nextRunAt: string | null;
  lastRunAt: string | null;
  /** Steps of a recovery ladder in the last 24 hours. */
  attempts: number;
  /** ISO time a ladder gave up on this Space; cleared when it runs again. */
  gaveUpAt: string | null;
  /** The Space is no longer on the Hub (or in any configured account): the rule is kept and does nothing. */
  missing: boolean;
}

export interface Automation {
  id: string;
  name: string;
  description: string | null;
  kind: AutomationKind;
  targets: AutomationTargets;
  settings: AutomationSettings;
  enabled: boolean;
  /** Who created it (user or key name). */
  owner: string;
  createdAt: string;
  updatedAt: string;
  /** The targeted Spaces as the engine tracks them. */
  spaces: AutomationSpaceState[];
  /** Schedules and recurring windows: the next five times, ISO; empty for the others. */
  nextRuns: string[];
  /** A maintenance window in force now. */
  active?: boolean;
}

export interface AutomationList {
  automations: Automation[];
}

export const AUTOMATION_RUN_RESULTS = ['success', 'failure', 'skipped', 'gave-up', 'dry-run'] as const;
export type AutomationRunResult = (typeof AUTOMATION_RUN_RESULTS)[number];

/** What one run did, or would do. */
export type AutomationStep = 'restart' | 'rebuild' | 'pause' | 'resume' | 'visit' | 'probe' | 'wait' | 'none' | 'give-up';

export interface AutomationRun {
  id: string;
  automationId: string;
  spaceId: string;
  at: string;
  step: AutomationStep;
  result: AutomationRunResult;
  /** Why: `grace`, `paused on purpose`, `acted on by hand`, `maintenance`, an error code, a probe's answer. */
  detail: string | null;
  durationMs: number | null;
}

export interface AutomationRunList {
  runs: AutomationRun[];
}

/** `POST /automations/:id/run?dryRun=true`: the decision for each targeted Space, nothing acted on. */
export interface AutomationRunResponse {
  dryRun: boolean;
  decisions: AutomationDecision[];
}

export interface AutomationDecision {
  spaceId: string;
  step: AutomationStep;
  /** Why this step, or why none. */
  reason: string;
  /** What happened when it was not a dry run. */
  result?: AutomationRunResult;
}

export interface ProbeResult {
  spaceId: string;
  at: string;
  up: boolean;
  status: number | null;
  latencyMs: number | null;
  error: string | null;
}
