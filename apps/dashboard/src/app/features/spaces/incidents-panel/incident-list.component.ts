import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Incident } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  formatDateTime,
  formatPreciseDuration,
} from '../../../shared/format/formatters';

/** Incidents as a list, open ones first (the server's order): when, how long, why, the stages and what was done. */
@Component({
  selector: 'hf-incident-list',
  imports: [RouterLink, TranslocoPipe],
  template: `
    @if (incidents().length === 0) {
      <p class="none" data-testid="no-incidents">
        {{ 'history.noIncidents' | transloco }}
      </p>
    } @else {
      <ul class="incidents">
        @for (
          incident of incidents();
          track incident.spaceId + incident.start
        ) {
          <li
            class="incident"
            data-testid="incident"
            [attr.data-open]="incident.end === null"
            [attr.data-cause]="incident.cause"
          >
            <div class="head">
              <span class="badge" [attr.data-open]="incident.end === null">
                {{
                  (incident.end === null ? 'history.open' : 'history.resolved')
                    | transloco
                }}
              </span>
              <strong>{{
                'history.cause.' + incident.cause | transloco
              }}</strong>
              @if (showSpace()) {
                <a
                  [routerLink]="[
                    '/spaces',
                    incident.spaceId.split('/')[0],
                    incident.spaceId.split('/')[1],
                  ]"
                  >{{ incident.spaceId }}</a
                >
              }
            </div>
            <div class="when" data-testid="incident-when">
              {{ time(incident.start) }} –
              {{
                incident.end === null
                  ? ('history.now' | transloco)
                  : time(incident.end)
              }}
              ·
              <span data-testid="incident-duration">{{
                duration(incident.durationMs)
              }}</span>
            </div>
            <div class="stages">
              @for (stage of incident.stages; track $index) {
                @if (!$first) {
                  <span aria-hidden="true"> → </span>
                }
                <span>{{ 'stage.' + stage | transloco }}</span>
              }
            </div>
            @for (step of incident.steps; track step.at) {
              <div class="step">
                {{ time(step.at) }} ·
                {{ 'history.source.' + step.source | transloco }}
                @if (step.actor) {
                  · {{ 'history.by' | transloco: { actor: step.actor } }}
                }
              </div>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .incidents {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 8px;
    }
    .incident {
      padding: 8px 12px;
      border-radius: var(--mat-sys-corner-small);
      border: 1px solid var(--mat-sys-outline-variant);
      border-inline-start: 4px solid var(--hf-stage-running);
    }
    .incident[data-open='true'] {
      border-inline-start-color: var(--hf-stage-error);
    }
    .head {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
      align-items: baseline;
    }
    .badge {
      font: var(--mat-sys-label-small);
      padding: 1px 6px;
      border-radius: 8px;
      background: var(--mat-sys-surface-container-highest);
      color: var(--mat-sys-on-surface-variant);
    }
    .badge[data-open='true'] {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .when,
    .stages,
    .step {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      overflow-wrap: anywhere;
    }
    .none {
      color: var(--mat-sys-on-surface-variant);
      margin: 0;
    }
    a {
      color: var(--mat-sys-primary);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class IncidentListComponent {
  readonly incidents = input.required<readonly Incident[]>();
  readonly lang = input.required<string>();
  /** On the overview each incident names its Space; on a Space's page it is implied. */
  readonly showSpace = input(false);

  protected time(value: string): string {
    return formatDateTime(value, this.lang());
  }

  protected duration(ms: number): string {
    return formatPreciseDuration(ms, this.lang());
  }
}
