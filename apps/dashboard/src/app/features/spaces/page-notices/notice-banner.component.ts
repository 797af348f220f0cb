import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { AppIconName } from '../../../core/icons/app-icons';

/** A full-width line above the content: demo mode, stale data, the Hub out of reach. */
@Component({
  selector: 'hf-notice-banner',
  imports: [MatIconModule],
  template: `
    <mat-icon class="icon" [svgIcon]="icon()" aria-hidden="true" />
    <div class="text"><ng-content /></div>
  `,
  styles: `
    :host {
      display: flex;
      align-items: flex-start;
      gap: 12px;
      padding: 12px 16px;
      border-radius: var(--mat-sys-corner-medium);
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-body-medium);
    }
    :host([data-tone='error']) {
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    :host([data-tone='neutral']) {
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
    }
    .icon { flex: none; }
    .text { min-inline-size: 0; overflow-wrap: anywhere; }
  `,
  host: { '[attr.data-tone]': 'tone()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NoticeBannerComponent {
  readonly icon = input.required<AppIconName>();
  readonly tone = input<'info' | 'neutral' | 'error'>('info');
}
