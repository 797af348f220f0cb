import type { RuntimeStage } from '../spaces/space-stage';

/**
 * Who told us about a stage change. `server` marks this server's own downtime: the stage of
 * every Space is unknown from the last moment the server was known to run until it reads
 * the Spaces again.
 */
export const TRANSITION_SOURCES = ['refresh', 'stream', 'action', 'automation', 'server'] as const;
export type TransitionSource = (typeof TRANSITION_SOURCES)[number];

/**
 * What a period counts as for uptime: `up` is the state the owner wants (running, asleep when
 * the Space may sleep, or paused on purpose from this dashboard), `unknown` is time this server
 * did not watch (it was down, or had not read the Space yet), `down` is the rest.
 */
export const AVAILABILITY_STATES = ['up', 'down', 'unknown'] as const;
export type AvailabilityState = (typeof AVAILABILITY_STATES)[number];

/** One stage change of a Space, recorded once whichever source saw it first. */
export interface StageTransition {
  spaceId: string;
  /** ISO time of the change as this server observed it (the Hub's stream and list carry no time). */
  at: string;
  /** Null when the stage before was not known (the first read, or after this server's own downtime). */
  from: RuntimeStage | null;
  /** Null for a `server` row: from here on this server did not watch. */
  to: RuntimeStage | null;
  source: TransitionSource;
  /** Who caused it, when we did: a user name, `api-key`, or an automation's name. */
  actor: string | null;
  /** What the period that starts here counts as. */
  state: AvailabilityState;
}

export interface HistoryResponse {
  spaceId: string;
  /** ISO bounds of the query. */
  from: string;
  to: string;
  /** Newest first. */
  transitions: StageTransition[];
}

export const UPTIME_WINDOWS = ['24h', '7d', '30d', '90d'] as const;
export type UptimeWindow = (typeof UPTIME_WINDOWS)[number];
export const UPTIME_WINDOW_MS: Readonly<Record<UptimeWindow, number>> = {
  '24h': 86_400_000,
  '7d': 7 * 86_400_000,
  '30d': 30 * 86_400_000,
  '90d': 90 * 86_400_000,
};

/** Uptime over one window: `ratio` is up ÷ (up + down), unknown time left out; null when nothing is known. */
export interface UptimeFigure {
  window: UptimeWindow;
  upMs: number;
  downMs: number;
  unknownMs: number;
  ratio: number | null;
}

/** One slot of the 24-hour status bar: the worst state in it colours it. */
export interface StatusSlot {
  /** Epoch ms. */
  start: number;
  end: number;
  state: AvailabilityState;
  upMs: number;
  downMs: number;
  unknownMs: number;
  /** Every stage the Space was in during the slot, in order of appearance. */
  stages: RuntimeStage[];
}

/** Slots in the 24-hour status bar (15 minutes each). */
export const STATUS_BAR_SLOTS = 96;

/**
 * The 24-hour bar as a card's strip shows it: each slot's state, oldest first, and the time up
 * and down in all of them. For every Space at once (`GET /uptime?bar=strip`): a twentieth of
 * the whole bar's size.
 */
export interface StatusStrip {
  states: AvailabilityState[];
  upMs: number;
  downMs: number;
}

/** `bar=` of `GET /uptime`: `true` adds each Space's whole bar, `strip` only its strip. */
export const UPTIME_BAR_OPTIONS = ['true', 'false', 'strip'] as const;
export type UptimeBarOption = (typeof UPTIME_BAR_OPTIONS)[number];

export interface SpaceUptime {
  spaceId: string;
  windows: UptimeFigure[];
  /** The last 24 hours in STATUS_BAR_SLOTS slots, oldest first, when asked for. */
  bar?: StatusSlot[];
  /** The same as a strip, when asked for instead. */
  strip?: StatusStrip;
}

export interface AccountUptime {
  account: string;
  windows: UptimeFigure[];
}

/** `GET /uptime`: every visible Space, and sums per account and for the fleet. */
export interface UptimeResponse {
  /** ISO time the windows end. */
  at: string;
  spaces: SpaceUptime[];
  accounts: AccountUptime[];
  fleet: UptimeFigure[];
}

/** `GET /spaces/:owner/:name/uptime`. */
export interface SpaceUptimeResponse extends SpaceUptime {
  at: string;
}

/** Why a period is an incident: an error stage, stuck building or starting, or down when it should be up. */
export const INCIDENT_CAUSES = ['error', 'stuck', 'down'] as const;
export type IncidentCause = (typeof INCIDENT_CAUSES)[number];

/** What was done during an incident: an action or an automation, and by whom. */
export interface IncidentStep {
  at: string;
  source: TransitionSource;
  actor: string | null;
  to: RuntimeStage | null;
}

export interface Incident {
  spaceId: string;
  /** ISO. */
  start: string;
  /** Null while it is open. */
  end: string | null;
  /** Up to its end, or to now while open. */
  durationMs: number;
  cause: IncidentCause;
  /** Each stage it went through, in order, without repeats in a row. */
  stages: RuntimeStage[];
  /** The actions and automations during it. */
  steps: IncidentStep[];
}

/** `GET /incidents` (and per Space): open ones first, then the newest. */
export interface IncidentsResponse {
  from: string;
  to: string;
  incidents: Incident[];
}

/** Ranges of the metric chart: `5m` are the raw samples, the others rollups. */
export const METRIC_RANGES = ['5m', '1h', '24h', '7d'] as const;
export type MetricRange = (typeof METRIC_RANGES)[number];

/** Min, average and max of one measure over a minute or an hour. */
export interface RollupStat {
  min: number;
  avg: number;
  max: number;
}

export interface RollupPoint {
  /** Epoch ms of the minute's or hour's start. */
  at: number;
  cpuPct: RollupStat;
  memoryUsedBytes: RollupStat;
  /** Download, bytes per second. */
  rxBps: RollupStat;
  /** Upload, bytes per second. */
  txBps: RollupStat;
}

export interface MetricRollupResponse {
  spaceId: string;
  range: Exclude<MetricRange, '5m'>;
  resolution: 'minute' | 'hour';
  /** Oldest first; minutes or hours without samples are absent. */
  points: RollupPoint[];
}

/** How long a Space may build or start before it counts as stuck, unless STUCK_AFTER says otherwise. */
export const DEFAULT_STUCK_MINUTES = 20;
