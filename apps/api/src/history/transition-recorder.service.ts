import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { AvailabilityState, RuntimeStage, StageTransition, TransitionSource } from '@hfd/contracts';
import { Persistence, type TransitionRecord } from '@hfd/persistence';
import { randomUUID } from 'node:crypto';
import { Subject, Subscription } from 'rxjs';
import { InventoryService } from '../spaces/inventory.service';
import { availabilityOf } from './availability';
import { HistoryClock } from './history-clock';

/** How often this server records that it is alive: a crash leaves at most this much time counted as known. */
export const HEARTBEAT_MS = 60_000;

interface Known {
  stage: RuntimeStage | null;
  state: AvailabilityState;
  /** The last stage known before this server's own downtime, and whether it was a pause of ours. */
  pausedOnPurpose: boolean;
}

/**
 * Records every stage change of every Space once, whoever told us: the refresh, the status
 * stream, an action and its follow-up (all through InventoryService), later automation. A
 * change is recorded when it differs from the last stage recorded for the Space, so the same
 * change seen by two sources is one row. Also records this server's runs (start, a heartbeat
 * every minute, stop) and, at start, marks every Space unknown from the moment the previous
 * run was last known alive until the first read: our own downtime is never counted as up.
 */
@Injectable()
export class TransitionRecorder implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(TransitionRecorder.name);
  private readonly known = new Map<string, Known>();
  private readonly recorded = new Subject<StageTransition>();
  private readonly subscriptions = new Subscription();
  private readonly runId = randomUUID();
  private heartbeat: NodeJS.Timeout | undefined;
  private stopped = false;

  /** Each transition as it is recorded. */
  readonly recorded$ = this.recorded.asObservable();

  constructor(
    private readonly persistence: Persistence,
    private readonly inventory: InventoryService,
    private readonly clock: HistoryClock,
  ) {}

  /** Before any module starts reading the Hub: where each Space stood, and the gap since the last run. */
  async onModuleInit(): Promise<void> {
    const now = this.clock.now();
    const [previous, latest] = await Promise.all([this.persistence.serverRuns.latest(), this.persistence.history.latest()]);
    this.persistence.serverRuns.start(this.runId, now);
    const gapStart = previous === null ? now : Math.min(now, previous.stoppedAt ?? previous.lastSeenAt);
    const gap: TransitionRecord[] = [];
    for (const last of latest) {
      const pausedOnPurpose = last.to === 'PAUSED' && last.state === 'up';
      this.known.set(last.spaceId, { stage: null, state: 'unknown', pausedOnPurpose });
      if (last.to !== null) gap.push({ spaceId: last.spaceId, at: Math.max(gapStart, last.at), from: last.to, to: null, source: 'server', actor: null, state: 'unknown' });
    }
    this.persistence.history.record(gap);
  }

  onApplicationBootstrap(): void {
    this.subscriptions.add(this.inventory.statusChanges$.subscribe((event) => this.observe(event.spaceId, event.stage, event.source, event.actor ?? null)));
    // A refresh that saw no change still says where each Space stands: the first read after start, a Space new to the list.
    this.subscriptions.add(
      this.inventory.snapshots$.subscribe((snapshot) => {
        for (const space of snapshot.spaces) if (space.runtime) this.observe(space.id, space.runtime.stage, 'refresh', null);
      }),
    );
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  /**
   * A heartbeat the database refuses now (closing, or its write queue full while it is away)
   * is skipped, not thrown from the timer: the next one, or the stop, bounds this run, and
   * the run's end is only ever known to the minute anyway.
   */
  private beat(): void {
    try {
      this.persistence.serverRuns.beat(this.runId, this.clock.now());
    } catch (error) {
      this.logger.warn(`Could not record a heartbeat: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  onModuleDestroy(): void {
    if (this.stopped) return;
    this.stopped = true;
    clearInterval(this.heartbeat);
    this.subscriptions.unsubscribe();
    this.recorded.complete();
    try {
      this.persistence.serverRuns.stop(this.runId, this.clock.now());
    } catch (error) {
      // The database is closing or away too long: the last heartbeat bounds this run instead.
      this.logger.warn(`Could not record the server stop: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /**
   * A probe's verdict on a Space the Hub says is RUNNING: not answering makes it down (an
   * incident, "running but not answering"), answering again up. Recorded only when the verdict
   * changes, as an `automation` transition RUNNING → RUNNING by the probe's rule; the next stage
   * change decides afresh.
   */
  observeAnswer(spaceId: string, answering: boolean, actor: string): void {
    if (this.stopped) return;
    const known = this.known.get(spaceId);
    const state: AvailabilityState = answering ? 'up' : 'down';
    if (known?.stage !== 'RUNNING' || known.state === state) return;
    const record: TransitionRecord = { spaceId, at: this.clock.now(), from: 'RUNNING', to: 'RUNNING', source: 'automation', actor, state };
    this.known.set(spaceId, { ...known, state });
    try {
      this.persistence.history.record([record]);
    } catch (error) {
      this.logger.warn(`A probe's verdict on ${spaceId} was not recorded: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.recorded.next({ ...record, at: new Date(record.at).toISOString(), from: 'RUNNING', to: 'RUNNING', source: 'automation', state });
  }

  /** Records `stage` for the Space unless it is the stage last recorded (another source saw it first). */
  observe(spaceId: string, stage: RuntimeStage, source: TransitionSource, actor: string | null): void {
    if (this.stopped) return;
    const known = this.known.get(spaceId);
    if (known?.stage === stage) return;
    const state = availabilityOf(stage, source, known?.stage === null && stage === 'PAUSED' && known.pausedOnPurpose);
    const record: TransitionRecord = { spaceId, at: this.clock.now(), from: known?.stage ?? null, to: stage, source, actor, state };
    this.known.set(spaceId, { stage, state, pausedOnPurpose: stage === 'PAUSED' && state === 'up' });
    try {
      this.persistence.history.record([record]);
    } catch (error) {
      this.logger.warn(`A stage change of ${spaceId} was not recorded: ${error instanceof Error ? error.message : String(error)}`);
    }
    this.recorded.next({ ...record, at: new Date(record.at).toISOString(), from: record.from as RuntimeStage | null, to: stage, source, state });
  }
}
