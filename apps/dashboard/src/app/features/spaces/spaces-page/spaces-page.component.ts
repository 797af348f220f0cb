import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore } from '../../../core/auth/session.store';
import { ConfigStore } from '../../../core/config/config.store';
import { LanguageService } from '../../../core/i18n/language.service';
import { RelativeTimeComponent } from '../../../shared/ui/relative-time.component';
import { AccountGroupComponent } from '../account-group/account-group.component';
import { SpacesStore } from '../data-access/spaces.store';
import { FilterBarComponent } from '../filter-bar/filter-bar.component';
import { OverviewCountersComponent } from '../overview-counters/overview-counters.component';
import { EmptyStateComponent } from '../page-notices/empty-state.component';
import { EphemeralStorageNoticeComponent } from '../page-notices/ephemeral-storage-notice.component';
import { NoticeBannerComponent } from '../page-notices/notice-banner.component';

@Component({
  selector: 'hf-spaces-page',
  imports: [
    MatButtonModule,
    TranslocoPipe,
    AccountGroupComponent,
    EmptyStateComponent,
    EphemeralStorageNoticeComponent,
    FilterBarComponent,
    NoticeBannerComponent,
    OverviewCountersComponent,
    RelativeTimeComponent,
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

  /** Counters and filters mean nothing before there is something to count: loading, or no accounts. */
  protected readonly hasAccounts = computed(() => this.store.accounts().length > 0);
  protected readonly accountNames = computed(() => this.store.accounts().map((account) => account.name));
  /**
   * The server is still on its first read of the Hub (which takes a while when the Hub is slow
   * or down): no Space is known missing yet, so the page says it is loading, not "no Spaces".
   */
  protected readonly firstRead = computed(
    () => this.store.spaces().length === 0 && this.store.fetchedAt() === null && this.store.refreshing(),
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
