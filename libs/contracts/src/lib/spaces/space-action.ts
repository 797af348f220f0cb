import type { SpaceRuntime } from './space';

/** Actions an operator may start. `resume` is a restart of a paused Space. */
export const SPACE_ACTIONS = ['restart', 'rebuild', 'pause', 'resume'] as const;
export type SpaceAction = (typeof SPACE_ACTIONS)[number];

export interface SpaceActionResponse {
  id: string;
  action: SpaceAction;
  /** The runtime the Hub answered with; the stages that follow arrive on the stream. */
  runtime: SpaceRuntime;
}
