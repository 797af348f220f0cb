/** Every runtime stage the Hub reports (docs/hub-api.md §9). */
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

/** Stages in which a container serves traffic, so live metrics flow (docs/hub-api.md §8.1, §9). */
export const RUNNING_STAGES: ReadonlySet<SpaceStage> = new Set<SpaceStage>([
  'RUNNING',
  'RUNNING_BUILDING',
  'RUNNING_APP_STARTING',
]);

/** Stages whose runtime carries `errorMessage` (docs/hub-api.md §3, inferred presence rule). */
export const ERROR_STAGES: ReadonlySet<SpaceStage> = new Set<SpaceStage>([
  'BUILD_ERROR',
  'RUNTIME_ERROR',
  'CONFIG_ERROR',
  'NO_APP_FILE',
]);

/** Stages in which an image build is in progress, so build logs are live. */
export const BUILD_STAGES: ReadonlySet<SpaceStage> = new Set<SpaceStage>(['BUILDING', 'RUNNING_BUILDING']);

export function isRunningStage(stage: SpaceStage): boolean {
  return RUNNING_STAGES.has(stage);
}
