import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { AppIconName } from '../../../core/icons/app-icons';

/** A centred message for a page with nothing to list, with room for an action below it. */
@Component({
  selector: 'hf-empty-state',
  imports: [MatIconModule],
  template: `
    <mat-icon class="icon" [svgIcon]="icon()" aria-hidden="true" />
    <h2 class="heading">{{ heading() }}</h2>
    <ng-content />
  `,
  styles: `
    :host {
      display: flex;
      flex-direction: column;
      align-items: center;
      gap: 8px;
      max-inline-size: 640px;
      margin: 32px auto;
      padding: 24px;
      text-align: center;
      color: var(--mat-sys-on-surface-variant);
    }
    :host([data-tone='error']) .icon { color: var(--mat-sys-error); }
    .icon {
      inline-size: 48px;
      block-size: 48px;
      font-size: 48px;
    }
    .heading {
      margin: 0;
      font: var(--mat-sys-title-large);
      color: var(--mat-sys-on-surface);
    }
  `,
  host: { '[attr.data-tone]': 'tone()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EmptyStateComponent {
  readonly icon = input.required<AppIconName>();
  readonly heading = input.required<string>();
  readonly tone = input<'neutral' | 'error'>('neutral');
}
