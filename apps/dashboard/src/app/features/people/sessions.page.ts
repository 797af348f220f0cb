import { ChangeDetectionStrategy, Component, computed, effect, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import type { SessionInfo } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore } from '../../core/auth/session.store';
import { Notifier } from '../../core/notify/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { PeopleApiService } from './people-api.service';
import { peopleErrorKey } from './people-errors';
import { WhenPipe } from './when.pipe';
import { NotAllowedComponent } from './people-ui';

/**
 * Active sessions with a revoke button each. `mine`: only the signed-in user's (the profile
 * menu; an admin's answer has everyone's, so it is narrowed here); otherwise all the API gives.
 */
@Component({
  selector: 'hf-sessions-table',
  imports: [
    WhenPipe,
    MatButtonModule, TranslocoPipe],
  template: `
    @if (error(); as key) {
      <p class="error" role="alert">{{ key | transloco }}</p>
    }
    <div class="table-wrap">
      <table data-testid="sessions-table">
        <caption class="visually-hidden">{{ 'people.sessions.title' | transloco }}</caption>
        <thead>
          <tr>
            @if (!mine()) {
              <th scope="col">{{ 'people.fields.username' | transloco }}</th>
            }
            <th scope="col">{{ 'people.fields.browser' | transloco }}</th>
            <th scope="col">{{ 'people.fields.address' | transloco }}</th>
            <th scope="col">{{ 'people.fields.lastSeen' | transloco }}</th>
            <th scope="col"><span class="visually-hidden">{{ 'people.fields.actions' | transloco }}</span></th>
          </tr>
        </thead>
        <tbody>
          @for (item of shown(); track item.id) {
            <tr data-testid="session-row" [attr.data-username]="item.username" [attr.data-current]="item.current">
              @if (!mine()) {
                <td>{{ item.username }}</td>
              }
              <td [attr.data-label]="'people.fields.browser' | transloco">
                {{ item.browser ?? ('people.sessions.unknownBrowser' | transloco) }}
                @if (item.current) {
                  <strong class="current">({{ 'people.sessions.current' | transloco }})</strong>
                }
              </td>
              <td [attr.data-label]="'people.fields.address' | transloco">{{ item.address ?? '—' }}</td>
              <td [attr.data-label]="'people.fields.lastSeen' | transloco">{{ (item.lastSeenAt ?? item.createdAt) | when: lang() }}</td>
              <td class="actions-cell">
                <button mat-button type="button" data-testid="session-revoke" (click)="revoke(item)" [attr.aria-label]="'people.sessions.revokeNamed' | transloco: { browser: item.browser ?? '', username: item.username }">
                  {{ 'people.revoke' | transloco }}
                </button>
              </td>
            </tr>
          } @empty {
            <tr><td class="muted" colspan="5">{{ 'people.sessions.none' | transloco }}</td></tr>
          }
        </tbody>
      </table>
    </div>
  `,
  styleUrl: './people-page.scss',
  styles: `
    :host {
      padding: 0;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionsTableComponent {
  protected readonly lang = inject(LanguageService).lang;
  readonly mine = input(false);
  private readonly api = inject(PeopleApiService);
  private readonly notifier = inject(Notifier);
  private readonly session = inject(SessionStore);
  private readonly sessions = signal<SessionInfo[]>([]);
  protected readonly error = signal<string | null>(null);
  protected readonly shown = computed(() =>
    this.mine() ? this.sessions().filter((item) => item.username === this.session.username()) : this.sessions(),
  );

  constructor() {
    effect(() => {
      if (this.session.loggedIn()) this.load();
    });
  }

  protected revoke(item: SessionInfo): void {
    this.api.revokeSession(item.id).subscribe({
      next: () => {
        this.notifier.info('people.sessions.revoked');
        // Revoking one's own current session ends it here too: the page goes on as a visitor.
        if (item.current) this.session.ended();
        else this.load();
      },
      error: (error: unknown) => this.error.set(peopleErrorKey(error)),
    });
  }

  private load(): void {
    this.api.sessions().subscribe({
      next: (answer) => {
        this.sessions.set(answer.sessions);
        this.error.set(null);
      },
      error: (error: unknown) => this.error.set(peopleErrorKey(error)),
    });
  }
}

@Component({
  selector: 'hf-sessions-page',
  imports: [TranslocoPipe, NotAllowedComponent, SessionsTableComponent],
  template: `
    @if (!session.isAdmin()) {
      <hf-not-allowed least="admin" />
    } @else {
      <h2>{{ 'people.sessions.allTitle' | transloco }}</h2>
      <hf-sessions-table />
    }
  `,
  styleUrl: './people-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SessionsPageComponent {
  protected readonly session = inject(SessionStore);
}
