import { Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy } from '@nestjs/common';
import type { AvailabilityState, Incident } from '@hfd/contracts';
import { Persistence } from '@hfd/persistence';
import { Subject, Subscription, concatMap, from } from 'rxjs';
import { HistoryService } from './history.service';
import { TransitionRecorder } from './transition-recorder.service';

/**
 * Announces an incident when it opens (a Space goes down) and when it closes (it is up again),
 * for the stream's `incident` event. Computed from the stored transitions after the one that
 * moved the state is written, so the event says what GET /incidents says. A stretch of building
 * or starting is announced when it closes having lasted longer than INCIDENT_STUCK_AFTER.
 */
@Injectable()
export class IncidentAnnouncer implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(IncidentAnnouncer.name);
  private readonly states = new Map<string, AvailabilityState>();
  private readonly announced = new Subject<Incident>();
  private subscription: Subscription | null = null;

  readonly incidents$ = this.announced.asObservable();

  constructor(
    private readonly recorder: TransitionRecorder,
    private readonly history: HistoryService,
    private readonly persistence: Persistence,
  ) {}

  onApplicationBootstrap(): void {
    this.subscription = this.recorder.recorded$
      .pipe(
        concatMap((transition) => {
          const before = this.states.get(transition.spaceId);
          this.states.set(transition.spaceId, transition.state);
          // Only a move into or out of `down` opens or closes an incident.
          if (before === transition.state || (before !== 'down' && transition.state !== 'down')) return [];
          return from(this.changedIncident(transition.spaceId, Date.parse(transition.at)));
        }),
      )
      .subscribe((incident) => {
        if (incident) this.announced.next(incident);
      });
  }

  onModuleDestroy(): void {
    this.subscription?.unsubscribe();
    this.announced.complete();
  }

  private async changedIncident(spaceId: string, at: number): Promise<Incident | null> {
    try {
      await this.persistence.writes.drained();
      return await this.history.incidentChangedAt(spaceId, at);
    } catch (error) {
      this.logger.warn(`Could not tell whether an incident of ${spaceId} opened or closed: ${error instanceof Error ? error.message : String(error)}`);
      return null;
    }
  }
}
