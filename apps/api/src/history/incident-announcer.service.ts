import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { Incident, StageTransition } from '@hfd/contracts';
import { Persistence } from '@hfd/persistence';
import { Subject, Subscription, concatMap, from, merge } from 'rxjs';
import { AppConfigService } from '../config/app-config.service';
import { HistoryClock } from './history-clock';
import { HistoryService } from './history.service';
import { TransitionRecorder } from './transition-recorder.service';

/** One Space's stretch of `down` time (unknown time inside it stays inside). */
interface Stretch {
  /** When the stretch began: the start of the incident, if it is one. */
  start: number;
  /** Whether its opening was announced. */
  announced: boolean;
  /** Fires once a stretch of building and starting has lasted INCIDENT_STUCK_AFTER. */
  timer: NodeJS.Timeout | null;
}

/**
 * Announces an incident when it opens and when it closes, for the stream's `incident` event.
 * Each answer is computed from the stored transitions after the one that changed things is
 * written, so the event says what GET /incidents says: a Space that goes down opens one (an
 * error stage, or down when it should be up) at once; a stretch of building and starting opens
 * one when it has lasted longer than INCIDENT_STUCK_AFTER, or when an error stage follows; the
 * first `up` closes it.
 */
@Injectable()
export class IncidentAnnouncer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IncidentAnnouncer.name);
  private readonly stretches = new Map<string, Stretch>();
  private readonly announced = new Subject<Incident>();
  /** Stuck stretches to look at again, in the same queue as the transitions. */
  private readonly rechecks = new Subject<string>();
  private readonly stuckMs: number;
  private subscription: Subscription | null = null;

  readonly incidents$ = this.announced.asObservable();

  constructor(
    private readonly recorder: TransitionRecorder,
    private readonly history: HistoryService,
    private readonly persistence: Persistence,
    private readonly clock: HistoryClock,
    config: AppConfigService,
  ) {
    this.stuckMs = config.get('INCIDENT_STUCK_AFTER');
  }

  onApplicationBootstrap(): void {
    this.subscription = merge(this.recorder.recorded$, this.rechecks)
      .pipe(concatMap((event) => from(typeof event === 'string' ? this.recheck(event) : this.onTransition(event))))
      .subscribe();
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    for (const stretch of this.stretches.values()) if (stretch.timer) clearTimeout(stretch.timer);
    this.stretches.clear();
    this.announced.complete();
  }

  private async onTransition(transition: StageTransition): Promise<void> {
    const at = Date.parse(transition.at);
    const stretch = this.stretches.get(transition.spaceId);
    if (transition.state === 'up' && stretch) {
      this.stretches.delete(transition.spaceId);
      if (stretch.timer) clearTimeout(stretch.timer);
      // Closed at this transition, if the stretch was an incident at all.
      await this.announce(transition.spaceId, at);
      return;
    }
    if (transition.state !== 'down') return;
    if (!stretch) this.stretches.set(transition.spaceId, { start: at, announced: false, timer: null });
    await this.recheck(transition.spaceId);
  }

  /** Announces the stretch's incident if it is one now, or waits for it to count as stuck. */
  private async recheck(spaceId: string): Promise<void> {
    const stretch = this.stretches.get(spaceId);
    if (!stretch || stretch.announced) return;
    if (await this.announce(spaceId, stretch.start)) {
      stretch.announced = true;
      if (stretch.timer) clearTimeout(stretch.timer);
      stretch.timer = null;
    } else if (!stretch.timer && this.clock.now() <= stretch.start + this.stuckMs) {
      // Once past the limit there is nothing more to wait for (the stretch began before this server last started, say).
      const due = stretch.start + this.stuckMs + 1 - this.clock.now();
      stretch.timer = setTimeout(() => {
        stretch.timer = null;
        this.rechecks.next(spaceId);
      }, due);
      stretch.timer.unref();
    }
  }

  /** Announces the incident of the Space that opened or closed at `at`; answers whether there was one. */
  private async announce(spaceId: string, at: number): Promise<boolean> {
    const incident = await this.incidentAt(spaceId, at);
    if (incident) this.announced.next(incident);
    return incident !== null;
  }

  private async incidentAt(spaceId: string, at: number): Promise<Incident | null> {
    try {
      await this.persistence.writes.drained();
      return await this.history.incidentChangedAt(spaceId, at);
    } catch (error) {
      this.logger.warn(`Could not tell whether an incident of ${spaceId} opened or closed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
