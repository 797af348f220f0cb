import { STAGE_GROUP, type AvailabilityState, type RuntimeStage, type TransitionSource } from '@hfd/contracts';

/** Stages the owner wants whoever caused them: serving (also while a new version builds), or asleep (only a Space allowed to sleep falls asleep). */
const WANTED_GROUPS = new Set(['running', 'sleeping']);

/**
 * What the period that a transition to `stage` starts counts as for uptime. PAUSED is wanted
 * only when this dashboard paused it (an action or an automation); a pause seen by a refresh
 * or the stream was done elsewhere, and the Space is down when it should be up. `wasPausedOnPurpose`
 * carries that across this server's own downtime: a Space we paused is still paused on purpose.
 */
export function availabilityOf(stage: RuntimeStage | null, source: TransitionSource, wasPausedOnPurpose = false): AvailabilityState {
  if (stage === null || stage === 'UNKNOWN') return 'unknown';
  if (stage === 'PAUSED') return source === 'action' || source === 'automation' || wasPausedOnPurpose ? 'up' : 'down';
  return WANTED_GROUPS.has(STAGE_GROUP[stage]) ? 'up' : 'down';
}

/** The error stages: a period with one of these is an incident of cause `error`. */
export function isErrorStage(stage: RuntimeStage | null): boolean {
  return stage !== null && stage !== 'UNKNOWN' && STAGE_GROUP[stage] === 'error';
}

/** Building or starting with nothing serving: an incident only when it lasts longer than the stuck limit. */
export function isStartingStage(stage: RuntimeStage | null): boolean {
  return stage !== null && STAGE_GROUP[stage] === 'starting';
}
