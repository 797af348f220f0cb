import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { StreamService } from '../sse/stream.service';

/** Live, connecting, reconnecting or offline, announced politely when it changes. */
@Component({
  selector: 'hf-connection-status',
  imports: [TranslocoPipe],
  template: `
    <span class="dot" aria-hidden="true"></span>
    <span class="label">{{ 'connection.' + state() | transloco }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      padding: 4px 10px;
      border-radius: var(--mat-sys-corner-full);
      background: var(--mat-sys-surface-container-high);
      color: var(--mat-sys-on-surface);
      font: var(--mat-sys-label-large);
      white-space: nowrap;
    }
    .dot {
      inline-size: 8px;
      block-size: 8px;
      border-radius: 50%;
      background: var(--hf-dot);
    }
    :host([data-state='live']) { --hf-dot: var(--hf-stage-running); }
    :host([data-state='connecting']),
    :host([data-state='reconnecting']) { --hf-dot: var(--hf-stage-starting); }
    :host([data-state='offline']) { --hf-dot: var(--hf-stage-error); }
    @media (prefers-reduced-motion: no-preference) {
      :host([data-state='reconnecting']) .dot,
      :host([data-state='connecting']) .dot { animation: blink 1.2s ease-in-out infinite; }
    }
    @keyframes blink { 50% { opacity: 0.3; } }
  `,
  host: {
    role: 'status',
    'aria-live': 'polite',
    '[attr.data-state]': 'state()',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConnectionStatusComponent {
  protected readonly state = inject(StreamService).connection;
}
