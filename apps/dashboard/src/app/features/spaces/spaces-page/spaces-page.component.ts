import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore } from '../../../core/auth/session.store';
import { ConfigStore } from '../../../core/config/config.store';
import { LanguageService } from '../../../core/i18n/language.service';
import { RelativeTimeComponent } from '../../../shared/ui/relative-time.component';
import { AccountGroupComponent } from '../account-group/account-group.component';
import { AccountNoticesComponent } from '../account-notices/account-notices.component';
import { SpacesStore } from '../data-access/spaces.store';
import { ViewPreferences } from '../data-access/view-preferences';
import { FilterBarComponent } from '../filter-bar/filter-bar.component';
import { IncidentsPanelComponent } from '../incidents-panel/incidents-panel.component';
import { OverviewCountersComponent } from '../overview-counters/overview-counters.component';
import { EmptyStateComponent } from '../page-notices/empty-state.component';
import { EphemeralStorageNoticeComponent } from '../page-notices/ephemeral-storage-notice.component';
import { NoticeBannerComponent } from '../page-notices/notice-banner.component';
import { SpaceListComponent } from '../space-list/space-list.component';
import { SpaceSkeletonsComponent } from '../space-skeletons/space-skeletons.component';

@Component({
  selector: 'hf-spaces-page',
  imports: [
    MatButtonModule,
    TranslocoPipe,
    AccountGroupComponent,
    AccountNoticesComponent,
    EmptyStateComponent,
    EphemeralStorageNoticeComponent,
    FilterBarComponent,
    IncidentsPanelComponent,
    NoticeBannerComponent,
    OverviewCountersComponent,
    RelativeTimeComponent,
    SpaceListComponent,
    SpaceSkeletonsComponent,
  ],
  templateUrl: './spaces-page.component.html',
  styleUrl: './spaces-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpacesPageComponent {
  protected readonly store = inject(SpacesStore);
  protected readonly config = inject(ConfigStore);
  protected readonly session = inject(SessionStore);
  protected readonly lang = inject(LanguageService).lang;
  protected readonly view = inject(ViewPreferences);

  /** Counters and filters mean nothing before there is something to count: loading, or no accounts. */
  protected readonly hasAccounts = computed(() => this.store.accounts().length > 0);
  protected readonly accountNames = computed(() => this.store.accounts().map((account) => account.name));
  /** The accounts the notes above the list may speak of: the one filtered to, or all. */
  protected readonly noticedAccounts = computed(() => {
    const only = this.store.filters().account;
    return only === null ? this.store.accounts() : this.store.accounts().filter((account) => account.name === only);
  });
  /**
   * Nothing to show yet: the inventory has not arrived, or the server is still on its first
   * read of the Hub (which takes a while when the Hub is slow or down). No Space is known
   * missing yet, so the page shows where they will be, not "no Spaces".
   */
  protected readonly loading = computed(
    () =>
      !this.store.loaded() ||
      (this.store.spaces().length === 0 && this.store.fetchedAt() === null && this.store.refreshing()),
  );
  /** Nothing to list and no account error to explain why: the page says so in words. */
  protected readonly noSpaces = computed(
    () => this.store.spaces().length === 0 && this.store.accounts().every((account) => account.error === null),
  );
  protected readonly nothingMatches = computed(
    () => this.store.spaces().length > 0 && this.store.filtered() && this.store.matchCount() === 0,
  );

  constructor() {
    this.store.connect();
  }
}
