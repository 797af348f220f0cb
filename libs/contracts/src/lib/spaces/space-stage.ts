/**
 * The 13 runtime stages the Hub reports (docs/hub-api.md §9). Clients must tolerate new
 * ones, so the API reports a stage it does not know as `UNKNOWN` rather than failing.
 */
export const SPACE_STAGES = [
  'NO_APP_FILE',
  'CONFIG_ERROR',
  'BUILDING',
  'BUILD_ERROR',
  'APP_STARTING',
  'RUNNING',
  'RUNNING_BUILDING',
  'RUNNING_APP_STARTING',
  'RUNTIME_ERROR',
  'DELETING',
  'STOPPED',
  'SLEEPING',
  'PAUSED',
] as const;

export type SpaceStage = (typeof SPACE_STAGES)[number];

/** What the API reports when the Hub sends a stage this version does not know. */
export const UNKNOWN_STAGE = 'UNKNOWN' as const;
export type RuntimeStage = SpaceStage | typeof UNKNOWN_STAGE;

export const STAGE_GROUPS = ['running', 'sleeping', 'paused', 'starting', 'error'] as const;
export type StageGroup = (typeof STAGE_GROUPS)[number];

/**
 * Grouping used for filters and counters: running / sleeping / paused-stopped /
 * building-starting / error. `RUNNING_*` still serve traffic, so they count as running.
 */
export const STAGE_GROUP: Readonly<Record<RuntimeStage, StageGroup>> = {
  RUNNING: 'running',
  RUNNING_BUILDING: 'running',
  RUNNING_APP_STARTING: 'running',
  SLEEPING: 'sleeping',
  STOPPED: 'sleeping',
  PAUSED: 'paused',
  DELETING: 'paused',
  BUILDING: 'starting',
  APP_STARTING: 'starting',
  NO_APP_FILE: 'error',
  CONFIG_ERROR: 'error',
  BUILD_ERROR: 'error',
  RUNTIME_ERROR: 'error',
  UNKNOWN: 'error',
};

/** Stages after which nothing changes without outside action: following an action stops here. */
export const SETTLED_STAGES: readonly RuntimeStage[] = [
  'RUNNING',
  'BUILD_ERROR',
  'RUNTIME_ERROR',
  'CONFIG_ERROR',
  'NO_APP_FILE',
  'PAUSED',
  'SLEEPING',
  'STOPPED',
];

/** Stages in which the Space has a container that emits live metrics. */
export const METRIC_STAGES: readonly RuntimeStage[] = ['RUNNING', 'RUNNING_BUILDING', 'RUNNING_APP_STARTING'];

/**
 * Whether a Space has live metrics now: the one rule for the API (which Spaces to watch
 * upstream) and the dashboard (which cards show a load). A static Space is files the Hub
 * serves: it runs no container, whatever its stage says.
 */
export function hasLiveMetrics(space: { sdk: string | null; runtime: { stage: RuntimeStage } | null }): boolean {
  return space.sdk !== 'static' && space.runtime !== null && METRIC_STAGES.includes(space.runtime.stage);
}
