import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { AccountStatus } from '@hfd/contracts';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore } from '../../../core/auth/session.store';
import { ConfigStore } from '../../../core/config/config.store';
import { RelativeTimeComponent } from '../../../shared/ui/relative-time.component';
import { accountAccess, tokenNote } from '../data-access/account-access';

/**
 * What to know about one account, said once for all its Spaces: that its token cannot
 * write (to someone logged in, who could otherwise act), and why its Spaces could not be read.
 */
@Component({
  selector: 'hf-account-badges',
  imports: [MatIconModule, TranslocoPipe, RelativeTimeComponent],
  template: `
    @if (token(); as token) {
      <span class="badge" data-testid="account-token" [attr.data-token]="token">
        <mat-icon svgIcon="lock" aria-hidden="true" />{{ token | transloco }}
      </span>
    }
    @if (error(); as error) {
      <span class="badge error" role="status" data-testid="account-error" [attr.data-error-kind]="error.kind">
        <mat-icon svgIcon="warning" aria-hidden="true" />{{ 'account.error.' + error.kind | transloco }}
        @if (status()?.fetchedAt; as fetchedAt) {
          · {{ 'account.lastGood' | transloco }} <hf-relative-time [time]="fetchedAt" />
        }
      </span>
    }
  `,
  styleUrl: './account-badges.component.scss',
  host: { 'data-testid': 'account-status', '[attr.data-account]': 'name()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountBadgesComponent {
  readonly name = input.required<string>();
  readonly status = input.required<AccountStatus | null>();

  private readonly config = inject(ConfigStore);
  private readonly loggedIn = inject(SessionStore).canAct;

  /** Same source as the card actions (accountAccess): the badge never says read-only while actions are on. */
  protected readonly token = computed(() => tokenNote(accountAccess(this.config.account(this.name()), this.status()), this.loggedIn()));
  protected readonly error = computed(() => this.status()?.error ?? null);
}
