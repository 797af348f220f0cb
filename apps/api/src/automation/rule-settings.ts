import {
  ERROR_CODES,
  KEEP_ALIVE_MIN_SECONDS,
  MISSED_RUN_POLICIES,
  PROBE_MIN_SECONDS,
  RECOVERY_DEFAULT_MAX_ATTEMPTS,
  SCHEDULE_ACTIONS,
  type AutomationKind,
  type AutomationSettings,
  type MissedRunPolicy,
  type ScheduleAction,
} from '@hfd/contracts';
import { ApiException } from '../common/errors/api.exception';
import { cronError, isTimeZone } from './cron';

/** Every settings field of every kind, as the request body carries them (flat). */
export interface SettingsInput {
  intervalSeconds?: number;
  cron?: string;
  timezone?: string;
  action?: string;
  missedRuns?: string;
  graceSeconds?: number;
  maxAttemptsPerDay?: number;
  stuckMinutes?: number;
  rebuildWindowSeconds?: number;
  backoffSeconds?: number;
  path?: string;
  expectStatus?: number;
  keyword?: string;
  timeoutSeconds?: number;
  start?: string;
  durationMinutes?: number;
}

const FIELDS: Readonly<Record<AutomationKind, readonly (keyof SettingsInput)[]>> = {
  'keep-alive': ['intervalSeconds'],
  schedule: ['cron', 'timezone', 'action', 'missedRuns'],
  recovery: ['graceSeconds', 'maxAttemptsPerDay', 'stuckMinutes', 'rebuildWindowSeconds', 'backoffSeconds'],
  probe: ['intervalSeconds', 'path', 'expectStatus', 'keyword', 'timeoutSeconds'],
  maintenance: ['start', 'cron', 'timezone', 'durationMinutes'],
};

function invalid(message: string): ApiException {
  return new ApiException(400, ERROR_CODES.invalidAutomation, message);
}

function required<T>(kind: AutomationKind, field: string, value: T | undefined): T {
  if (value === undefined) throw invalid(`A ${kind} rule needs ${field}`);
  return value;
}

function checkCron(cron: string, timezone: string): void {
  if (!isTimeZone(timezone)) throw new ApiException(400, ERROR_CODES.invalidTimezone, `timezone "${timezone}" is not an IANA time zone (such as Europe/Berlin or Asia/Shanghai)`);
  const error = cronError(cron, timezone);
  if (error !== null) throw new ApiException(400, ERROR_CODES.invalidCron, `cron "${cron}" is not a valid 5-field cron expression: ${error}`);
}

/** The only fields of the settings that are set, so stored JSON stays small and stable. */
function defined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as T;
}

/**
 * The settings of a rule of `kind` from the fields of a request, checked: a field of another
 * kind, a missing one, an interval under the safe minimum, an invalid cron or time zone is a
 * 400 with the reason, before anything is stored.
 */
export function settingsFor(kind: AutomationKind, input: SettingsInput): AutomationSettings {
  const foreign = (Object.keys(input) as (keyof SettingsInput)[]).filter((field) => input[field] !== undefined && !FIELDS[kind].includes(field));
  if (foreign.length > 0) throw invalid(`${foreign.join(', ')} ${foreign.length === 1 ? 'does' : 'do'} not apply to a ${kind} rule`);
  switch (kind) {
    case 'keep-alive':
      if (input.intervalSeconds !== undefined && input.intervalSeconds < KEEP_ALIVE_MIN_SECONDS) {
        throw new ApiException(400, ERROR_CODES.intervalTooShort, `intervalSeconds of a keep-alive must be at least ${KEEP_ALIVE_MIN_SECONDS}`);
      }
      return defined({ intervalSeconds: input.intervalSeconds });
    case 'schedule': {
      const cron = required(kind, 'cron', input.cron);
      const timezone = required(kind, 'timezone', input.timezone);
      const action = required(kind, 'action', input.action);
      if (!(SCHEDULE_ACTIONS as readonly string[]).includes(action)) throw invalid(`action must be one of ${SCHEDULE_ACTIONS.join(', ')}`);
      if (input.missedRuns !== undefined && !(MISSED_RUN_POLICIES as readonly string[]).includes(input.missedRuns)) {
        throw invalid(`missedRuns must be one of ${MISSED_RUN_POLICIES.join(', ')}`);
      }
      checkCron(cron, timezone);
      return defined({ cron, timezone, action: action as ScheduleAction, missedRuns: input.missedRuns as MissedRunPolicy | undefined });
    }
    case 'recovery':
      return defined({
        graceSeconds: required(kind, 'graceSeconds', input.graceSeconds),
        maxAttemptsPerDay: input.maxAttemptsPerDay ?? RECOVERY_DEFAULT_MAX_ATTEMPTS,
        stuckMinutes: input.stuckMinutes,
        rebuildWindowSeconds: input.rebuildWindowSeconds,
        backoffSeconds: input.backoffSeconds,
      });
    case 'probe': {
      const intervalSeconds = required(kind, 'intervalSeconds', input.intervalSeconds);
      if (intervalSeconds < PROBE_MIN_SECONDS) throw new ApiException(400, ERROR_CODES.intervalTooShort, `intervalSeconds of a probe must be at least ${PROBE_MIN_SECONDS}`);
      if (input.timeoutSeconds !== undefined && input.timeoutSeconds > intervalSeconds) throw invalid('timeoutSeconds may not be longer than intervalSeconds');
      return defined({ intervalSeconds, path: input.path, expectStatus: input.expectStatus, keyword: input.keyword, timeoutSeconds: input.timeoutSeconds });
    }
    case 'maintenance': {
      const durationMinutes = required(kind, 'durationMinutes', input.durationMinutes);
      if (input.start !== undefined) {
        if (input.cron !== undefined || input.timezone !== undefined) throw invalid('A maintenance window is one-off (start) or recurring (cron and timezone), not both');
        return { start: new Date(input.start).toISOString(), durationMinutes };
      }
      const cron = required(kind, 'start, or cron and timezone,', input.cron);
      const timezone = required(kind, 'timezone', input.timezone);
      checkCron(cron, timezone);
      return { cron, timezone, durationMinutes };
    }
  }
}
