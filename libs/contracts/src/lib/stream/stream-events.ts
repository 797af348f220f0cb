import type { Incident, StageTransition } from '../history/history';
import type { MetricSample } from '../metrics/metric-sample';
import type { SpaceRuntime, SpaceSummary } from '../spaces/space';
import type { RuntimeStage } from '../spaces/space-stage';
import type { SpacesListResponse } from '../spaces/spaces-list';

/** SSE `event:` names of `GET /api/v1/stream`. */
export const STREAM_EVENT = {
  metric: 'metric',
  status: 'status',
  inventory: 'inventory',
  inventoryChange: 'inventory-change',
  /** A stage transition as recorded in the history. */
  history: 'history',
  /** An incident opened or closed (see Incident). */
  incident: 'incident',
  sessionEnded: 'session-ended',
} as const;
export type StreamEventName = (typeof STREAM_EVENT)[keyof typeof STREAM_EVENT];

/** Why a status event was sent. */
export type StatusSource = 'action' | 'refresh' | 'stream' | 'automation';

export interface SpaceStatusEvent {
  spaceId: string;
  stage: RuntimeStage;
  previousStage: RuntimeStage | null;
  runtime: SpaceRuntime;
  source: StatusSource;
  /** Who caused it, for an action from this server: a user name or `api-key`. */
  actor?: string | null;
  /** ISO time the change was observed. */
  at: string;
}

/** The whole visible inventory; sent first on every connection. */
export type InventoryEvent = SpacesListResponse;

/**
 * What changed in the visible inventory since the previous `inventory` or
 * `inventory-change` event: a few Spaces rather than the whole list to every viewer.
 */
export interface InventoryChangeEvent extends Omit<SpacesListResponse, 'spaces'> {
  /** Spaces that appeared or changed, whole. */
  changed: SpaceSummary[];
  /** Ids of Spaces no longer listed (or no longer visible). */
  removed: string[];
}

/**
 * The session or key that opened the stream ended (logout, revocation, expiry, a disabled user,
 * a new password or role): the last event of the stream, which the server then closes. The
 * client reconnects as what it now is (a visitor, or after a new login).
 */
export interface SessionEndedEvent {
  reason: 'logout' | 'revoked' | 'expired' | 'disabled' | 'password-changed' | 'role-changed' | 'deleted';
}

/** Payload of each named event: `data` is this, JSON-encoded. */
export interface StreamEventMap {
  /** The samples received together (a burst from the Hub: usually one per running Space). */
  metric: MetricSample[];
  status: SpaceStatusEvent;
  inventory: InventoryEvent;
  'inventory-change': InventoryChangeEvent;
  history: StageTransition;
  incident: Incident;
  'session-ended': SessionEndedEvent;
}

/** Seconds between heartbeat comments on the stream. */
export const STREAM_HEARTBEAT_SECONDS = 15;
