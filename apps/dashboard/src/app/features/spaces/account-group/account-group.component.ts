import { ChangeDetectionStrategy, Component, computed, input, output, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { AccountBadgesComponent } from '../account-badges/account-badges.component';
import { ACCOUNT_STATUS_SHOWN } from '../data-access/account-access';
import type { SpaceSort } from '../data-access/space-filters';
import type { AccountGroup } from '../data-access/space-view';
import { SpaceListComponent } from '../space-list/space-list.component';

/** One account: a collapsible header with counts, token status and any error, then its Spaces. */
@Component({
  selector: 'hf-account-group',
  imports: [MatIconModule, TranslocoPipe, AccountBadgesComponent, SpaceListComponent],
  templateUrl: './account-group.component.html',
  styleUrl: './account-group.component.scss',
  // Its header says what the account's token allows: the cards inside need not repeat it.
  providers: [{ provide: ACCOUNT_STATUS_SHOWN, useValue: true }],
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AccountGroupComponent {
  readonly group = input.required<AccountGroup>();
  /** While filters narrow the list, every matching group is open. */
  readonly forceExpanded = input(false);
  readonly layout = input<'cards' | 'list'>('cards');
  readonly sort = input.required<SpaceSort>();
  readonly sortChange = output<SpaceSort>();

  private readonly collapsed = signal(false);

  protected readonly expanded = computed(() => this.forceExpanded() || !this.collapsed());
  protected readonly domId = computed(() => `account-${this.group().name.replace(/[^\w-]/g, '_')}`);
  protected readonly error = computed(() => this.group().status?.error ?? null);

  protected toggle(): void {
    if (this.forceExpanded()) return;
    this.collapsed.update((collapsed) => !collapsed);
  }
}
