import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';
import type { AppIconName } from '../icons/app-icons';
import { StreamService, type ConnectionState } from '../sse/stream.service';

/** Each state has its own shape as well as its own colour, so the icon alone still says it. */
const STATE_ICONS: Record<ConnectionState, AppIconName> = {
  connecting: 'refresh',
  live: 'live',
  reconnecting: 'refresh',
  offline: 'cloud-off',
};

/**
 * Live, connecting, reconnecting or offline, announced politely when it changes. On a
 * phone only the icon is shown; the words stay for screen readers and in a tooltip.
 */
@Component({
  selector: 'hf-connection-status',
  imports: [MatIconModule, MatTooltipModule, TranslocoPipe],
  template: `
    <span class="chip" [matTooltip]="compact() ? (label() | transloco) : ''" [matTooltipDisabled]="!compact()" [attr.tabindex]="compact() ? 0 : null">
      <mat-icon class="icon" [svgIcon]="icon()" aria-hidden="true" />
      <span class="label" [class.visually-hidden]="compact()">{{ label() | transloco }}</span>
    </span>
  `,
  styles: `
    :host {
      display: inline-flex;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px 4px 8px;
      border-radius: var(--mat-sys-corner-full);
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-label-large);
      white-space: nowrap;
    }
    .chip:focus-visible {
      outline: 3px solid var(--mat-sys-primary);
    }
    .icon {
      inline-size: 18px;
      block-size: 18px;
      font-size: 18px;
      color: var(--hf-state-color);
    }
    :host([data-state='live']) { --hf-state-color: var(--hf-stage-running); }
    :host([data-state='connecting']),
    :host([data-state='reconnecting']) { --hf-state-color: var(--hf-stage-starting); }
    :host([data-state='offline']) { --hf-state-color: var(--hf-stage-error); }
    @media (prefers-reduced-motion: no-preference) {
      :host([data-state='reconnecting']) .icon,
      :host([data-state='connecting']) .icon { animation: spin 1.2s linear infinite; }
    }
    @keyframes spin { to { transform: rotate(360deg); } }
  `,
  host: {
    role: 'status',
    'aria-live': 'polite',
    '[attr.data-state]': 'state()',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionStatusComponent {
  readonly compact = input(false);
  protected readonly state = inject(StreamService).connection;
  protected readonly icon = computed(() => STATE_ICONS[this.state()]);
  protected readonly label = computed(() => `connection.${this.state()}`);
}
