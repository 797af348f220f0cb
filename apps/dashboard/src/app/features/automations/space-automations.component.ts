import { ChangeDetectionStrategy, Component, effect, inject, input, signal } from '@angular/core';
import { RouterLink } from '@angular/router';
import type { Automation } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore } from '../../core/auth/session.store';
import { LanguageService } from '../../core/i18n/language.service';
import { WhenPipe } from '../people/when.pipe';
import { AutomationsApiService } from './automations-api.service';

/** The rules that apply to one Space now, on its page: kind, next run, a ladder that gave up, a maintenance window in force. */
@Component({
  selector: 'hf-space-automations',
  imports: [RouterLink, TranslocoPipe, WhenPipe],
  template: `
    @if (session.loggedIn()) {
      <section class="section" aria-labelledby="automations-heading" data-testid="space-automations">
        <h2 id="automations-heading">{{ 'automations.title' | transloco }}</h2>
        @if (rules().length === 0) {
          <p class="none">{{ 'automations.noneForSpace' | transloco }}</p>
        } @else {
          <ul class="rules">
            @for (rule of rules(); track rule.id) {
              <li data-testid="space-automation" [attr.data-kind]="rule.kind">
                <strong>{{ rule.name }}</strong>
                <span>{{ 'automations.kinds.' + rule.kind | transloco }}</span>
                @if (!rule.enabled) {
                  <span class="muted">{{ 'automations.off' | transloco }}</span>
                }
                @if (rule.active) {
                  <span class="badge active">{{ 'automations.windowActive' | transloco }}</span>
                } @else if (rule.kind === 'maintenance' && rule.nextRuns[0]) {
                  <span class="muted">{{ 'automations.windowNext' | transloco: { when: rule.nextRuns[0] | when: lang() } }}</span>
                }
                @for (state of rule.spaces; track state.spaceId) {
                  @if (state.spaceId.toLowerCase() === spaceId().toLowerCase()) {
                    @if (state.gaveUpAt) {
                      <span class="badge gave-up" data-testid="space-automation-gave-up" role="status">{{ 'automations.gaveUpHere' | transloco }}</span>
                    } @else if (state.nextRunAt && rule.enabled) {
                      <span class="muted">{{ 'automations.fields.nextRun' | transloco }}: {{ state.nextRunAt | when: lang() }}</span>
                    }
                  }
                }
              </li>
            }
          </ul>
        }
        <a routerLink="/automations" class="manage">{{ 'automations.manage' | transloco }}</a>
      </section>
    }
  `,
  styles: `
    .rules {
      margin: 0 0 8px;
      padding: 0;
      list-style: none;
    }
    .rules li {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      padding-block: 6px;
      border-block-end: 1px solid var(--mat-sys-outline-variant);
    }
    .muted,
    .none {
      color: var(--mat-sys-on-surface-variant);
    }
    .badge {
      padding: 0 8px;
      border-radius: var(--mat-sys-corner-small);
    }
    .gave-up {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .active {
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpaceAutomationsComponent {
  readonly spaceId = input.required<string>();
  protected readonly session = inject(SessionStore);
  protected readonly lang = inject(LanguageService).lang;
  private readonly api = inject(AutomationsApiService);
  protected readonly rules = signal<Automation[]>([]);

  constructor() {
    effect(() => {
      const id = this.spaceId();
      if (!this.session.loggedIn()) return;
      this.api.list(id).subscribe({ next: (answer) => this.rules.set(answer.automations), error: () => this.rules.set([]) });
    });
  }
}
