import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatExpansionModule } from '@angular/material/expansion';
import type { Incident } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { catchError, of, startWith, switchMap, timer } from 'rxjs';
import { SessionStore } from '../../../core/auth/session.store';
import { LanguageService } from '../../../core/i18n/language.service';
import { HistoryApiService } from '../data-access/history-api.service';
import { IncidentListComponent } from './incident-list.component';

/** Incidents shown before "show all": the open ones always show. */
const SHOWN = 5;
const REFRESH_MS = 60_000;

/** The overview's incidents of the last 30 days, open first; folded away when there are none. */
@Component({
  selector: 'hf-incidents-panel',
  imports: [MatExpansionModule, TranslocoPipe, IncidentListComponent],
  template: `
    @if (incidents(); as incidents) {
      <mat-expansion-panel
        class="panel"
        data-testid="incidents-panel"
        [expanded]="openCount() > 0"
      >
        <mat-expansion-panel-header>
          <mat-panel-title>{{
            'history.incidentsTitle' | transloco
          }}</mat-panel-title>
          <mat-panel-description>{{
            'history.incidentsSummary'
              | transloco: { open: openCount(), total: incidents.length }
          }}</mat-panel-description>
        </mat-expansion-panel-header>
        <hf-incident-list
          [incidents]="shown()"
          [lang]="lang()"
          [showSpace]="true"
        />
        @if (incidents.length > shown().length) {
          <button type="button" class="more" (click)="all.set(true)">
            {{ 'history.showAll' | transloco: { count: incidents.length } }}
          </button>
        }
      </mat-expansion-panel>
    }
  `,
  styles: `
    .panel {
      margin-block-end: 12px;
    }
    .more {
      margin-block-start: 8px;
      background: none;
      border: 0;
      color: var(--mat-sys-primary);
      font: var(--mat-sys-label-large);
      cursor: pointer;
      padding: 4px 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IncidentsPanelComponent {
  private readonly api = inject(HistoryApiService);
  protected readonly lang = inject(LanguageService).lang;
  protected readonly incidents = signal<Incident[] | null>(null);
  protected readonly all = signal(false);
  protected readonly openCount = computed(
    () =>
      (this.incidents() ?? []).filter((incident) => incident.end === null)
        .length,
  );
  protected readonly shown = computed(() => {
    const incidents = this.incidents() ?? [];
    return this.all()
      ? incidents
      : incidents.slice(0, Math.max(SHOWN, this.openCount()));
  });

  constructor() {
    toObservable(inject(SessionStore).token)
      .pipe(
        switchMap(() =>
          timer(REFRESH_MS, REFRESH_MS).pipe(
            startWith(0),
            switchMap(() =>
              this.api.fleetIncidents().pipe(catchError(() => of(null))),
            ),
          ),
        ),
        takeUntilDestroyed(inject(DestroyRef)),
      )
      .subscribe((response) => {
        if (response) this.incidents.set(response.incidents);
      });
  }
}
