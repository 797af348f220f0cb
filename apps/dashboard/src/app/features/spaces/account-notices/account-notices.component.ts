import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import type { AccountStatus } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore } from '../../../core/auth/session.store';
import { ConfigStore } from '../../../core/config/config.store';
import { AccountBadgesComponent } from '../account-badges/account-badges.component';
import { accountAccess, tokenNote } from '../data-access/account-access';

/**
 * In the list of all accounts' Spaces together, what group headers would say: one line
 * per account whose token cannot write or whose Spaces could not be read, none otherwise.
 */
@Component({
  selector: 'hf-account-notices',
  imports: [TranslocoPipe, AccountBadgesComponent],
  template: `
    @if (notable().length > 0) {
      <ul class="notices" [attr.aria-label]="'account.notices' | transloco">
        @for (account of notable(); track account.name) {
          <li class="notice">
            <span class="name">{{ account.name }}</span>
            <hf-account-badges [name]="account.name" [status]="account" />
            @if (account.error; as error) {
              <span class="help" data-testid="account-error-help">{{ 'account.errorHelp.' + error.kind | transloco }}</span>
            }
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .notices {
      display: flex;
      flex-direction: column;
      gap: 6px;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .notice {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 4px 10px;
      font: var(--mat-sys-body-medium);
    }
    .name {
      font: var(--mat-sys-title-small);
    }
    .help {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountNoticesComponent {
  readonly accounts = input.required<readonly AccountStatus[]>();
  private readonly config = inject(ConfigStore);
  private readonly loggedIn = inject(SessionStore).canAct;

  protected readonly notable = computed(() =>
    this.accounts().filter(
      (account) => account.error !== null || tokenNote(accountAccess(this.config.account(account.name), account), this.loggedIn()) !== null,
    ),
  );
}
