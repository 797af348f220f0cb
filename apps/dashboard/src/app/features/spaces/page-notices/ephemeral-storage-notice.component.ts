import { ChangeDetectionStrategy, Component, computed, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ConfigStore } from '../../../core/config/config.store';
import { NoticeBannerComponent } from './notice-banner.component';

/**
 * Warns that the server keeps its state in SQLite on a disk that a restart wipes (a Hugging
 * Face Space), and how to keep it: a hosted PostgreSQL in DATABASE_URL.
 */
@Component({
  selector: 'hf-ephemeral-storage-notice',
  imports: [TranslocoPipe, NoticeBannerComponent],
  template: `
    @if (ephemeral()) {
      <hf-notice-banner icon="warning" tone="error" data-testid="ephemeral-storage-notice">
        <strong>{{ 'notices.ephemeralStorageTitle' | transloco }}</strong>
        {{ 'notices.ephemeralStorageBody' | transloco }}
      </hf-notice-banner>
    }
  `,
  // Takes no room in the page's layout when there is nothing to say.
  styles: ':host { display: contents; }',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EphemeralStorageNoticeComponent {
  private readonly config = inject(ConfigStore);
  protected readonly ephemeral = computed(() => this.config.config()?.storage.ephemeral ?? false);
}
