import type { AvailabilityState, Incident, IncidentCause, IncidentStep, RuntimeStage, StatusSlot, StatusStrip, TransitionSource, UptimeFigure, UptimeWindow } from '@hfd/contracts';
import type { StateSums, TransitionRecord } from '@hfd/persistence';
import { isErrorStage, isStartingStage } from './availability';

/** The time from one transition to the next (or to the end of the range asked about). */
export interface Period {
  start: number;
  end: number;
  stage: RuntimeStage | null;
  state: AvailabilityState;
  source: TransitionSource;
  actor: string | null;
}

/** Each Space's periods from its transitions (ordered by Space, then time), the last one ending at `to`. */
export function periodsBySpace(records: readonly TransitionRecord[], to: number): Map<string, Period[]> {
  const bySpace = new Map<string, Period[]>();
  records.forEach((record, index) => {
    const next = records[index + 1];
    const end = next !== undefined && next.spaceId === record.spaceId ? next.at : to;
    let periods = bySpace.get(record.spaceId);
    if (!periods) bySpace.set(record.spaceId, (periods = []));
    periods.push({
      start: record.at,
      end: Math.max(record.at, end),
      stage: record.to as RuntimeStage | null,
      state: record.state as AvailabilityState,
      source: record.source as TransitionSource,
      actor: record.actor,
    });
  });
  return bySpace;
}

/** Uptime over a window of `windowMs` from the up and down time in it; the rest is unknown. */
export function uptimeFigure(window: UptimeWindow, windowMs: number, sums: StateSums | undefined): UptimeFigure {
  const upMs = sums?.upMs ?? 0;
  const downMs = sums?.downMs ?? 0;
  const known = upMs + downMs;
  return { window, upMs, downMs, unknownMs: Math.max(0, windowMs - known), ratio: known === 0 ? null : upMs / known };
}

/** The sum of several figures of one window (an account, the fleet). */
export function sumFigures(window: UptimeWindow, figures: readonly UptimeFigure[]): UptimeFigure {
  const upMs = figures.reduce((sum, figure) => sum + figure.upMs, 0);
  const downMs = figures.reduce((sum, figure) => sum + figure.downMs, 0);
  const unknownMs = figures.reduce((sum, figure) => sum + figure.unknownMs, 0);
  return { window, upMs, downMs, unknownMs, ratio: upMs + downMs === 0 ? null : upMs / (upMs + downMs) };
}

/**
 * `[from, to)` cut into `slots` equal slots, each with the time spent in each state, every
 * stage seen, and the worst state present as its colour (down, then unknown, then up).
 */
export function statusBar(periods: readonly Period[], from: number, to: number, slots: number): StatusSlot[] {
  const width = (to - from) / slots;
  const bar: StatusSlot[] = [];
  let first = 0;
  for (let index = 0; index < slots; index++) {
    const start = Math.round(from + index * width);
    const end = index === slots - 1 ? to : Math.round(from + (index + 1) * width);
    const slot: StatusSlot = { start, end, state: 'up', upMs: 0, downMs: 0, unknownMs: 0, stages: [] };
    while (first < periods.length && periods[first].end <= start) first++;
    let covered = 0;
    for (let i = first; i < periods.length && periods[i].start < end; i++) {
      const period = periods[i];
      const overlap = Math.min(end, period.end) - Math.max(start, period.start);
      if (overlap <= 0) continue;
      covered += overlap;
      slot[`${period.state}Ms`] += overlap;
      if (period.stage !== null && !slot.stages.includes(period.stage)) slot.stages.push(period.stage);
    }
    // Time before the first transition this server knows of is unknown.
    slot.unknownMs += end - start - covered;
    slot.state = (['down', 'unknown', 'up'] as const).find((state) => slot[`${state}Ms`] > 0) ?? 'unknown';
    bar.push(slot);
  }
  return bar;
}

/** A bar as a card's strip shows it (see StatusStrip). */
export function stripOf(bar: readonly StatusSlot[]): StatusStrip {
  let upMs = 0;
  let downMs = 0;
  for (const slot of bar) {
    upMs += slot.upMs;
    downMs += slot.downMs;
  }
  return { states: bar.map((slot) => slot.state), upMs, downMs };
}

function causeOf(stages: readonly (RuntimeStage | null)[]): IncidentCause {
  if (stages.some(isErrorStage)) return 'error';
  return stages.every((stage) => stage === null || isStartingStage(stage)) ? 'stuck' : 'down';
}

/**
 * The incidents in one Space's periods: each maximal stretch from a `down` period to the next
 * `up` one (time unknown in between stays inside it). A stretch of building and starting only
 * is an incident when it lasted longer than `stuckMs` (so is not a restart's normal course).
 * Open when no `up` period ended it.
 */
export function incidentsOf(spaceId: string, periods: readonly Period[], now: number, stuckMs: number): Incident[] {
  const incidents: Incident[] = [];
  let open: { start: number; stages: RuntimeStage[]; steps: IncidentStep[] } | null = null;
  const close = (end: number | null) => {
    if (!open) return;
    const durationMs = (end ?? now) - open.start;
    const cause = causeOf(open.stages);
    if (cause !== 'stuck' || durationMs > stuckMs) {
      incidents.push({ spaceId, start: new Date(open.start).toISOString(), end: end === null ? null : new Date(end).toISOString(), durationMs, cause, stages: open.stages, steps: open.steps });
    }
    open = null;
  };
  for (const period of periods) {
    const done = period.source === 'action' || period.source === 'automation';
    if (period.state === 'up') {
      if (open && done) open.steps.push(stepOf(period));
      close(period.start);
      continue;
    }
    if (period.state === 'down' && !open) open = { start: period.start, stages: [], steps: [] };
    if (!open) continue;
    if (period.stage !== null && open.stages[open.stages.length - 1] !== period.stage) open.stages.push(period.stage);
    if (done) open.steps.push(stepOf(period));
  }
  close(null);
  return incidents;
}

function stepOf(period: Period): IncidentStep {
  return { at: new Date(period.start).toISOString(), source: period.source, actor: period.actor, to: period.stage };
}
