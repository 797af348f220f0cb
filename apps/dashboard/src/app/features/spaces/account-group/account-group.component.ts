import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { ConfigStore } from '../../../core/config/config.store';
import { RelativeTimeComponent } from '../../../shared/ui/relative-time.component';
import { accountAccess } from '../data-access/account-access';
import type { AccountGroup } from '../data-access/space-view';
import { SpaceCardComponent } from '../space-card/space-card.component';

/** One account: a collapsible header with counts, token status and any error, then its cards. */
@Component({
  selector: 'hf-account-group',
  imports: [MatIconModule, TranslocoPipe, RelativeTimeComponent, SpaceCardComponent],
  templateUrl: './account-group.component.html',
  styleUrl: './account-group.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountGroupComponent {
  readonly group = input.required<AccountGroup>();
  /** While filters narrow the list, every matching group is open (peers.md §6.10). */
  readonly forceExpanded = input(false);

  private readonly config = inject(ConfigStore);
  private readonly collapsed = signal(false);

  protected readonly expanded = computed(() => this.forceExpanded() || !this.collapsed());
  protected readonly domId = computed(() => `account-${this.group().name.replace(/[^\w-]/g, '_')}`);
  /** Same source as the card actions (accountAccess): the badge never says read-only while actions are on. */
  protected readonly token = computed(() => {
    const access = accountAccess(this.config.account(this.group().name), this.group().status);
    if (access === 'no-token') return 'account.noToken';
    if (access === 'read-only') return 'account.readOnlyToken';
    return null;
  });
  protected readonly error = computed(() => this.group().status?.error ?? null);

  protected toggle(): void {
    if (this.forceExpanded()) return;
    this.collapsed.update((collapsed) => !collapsed);
  }
}
