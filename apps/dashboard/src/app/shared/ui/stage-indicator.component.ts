import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { STAGE_GROUP, type RuntimeStage } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';

/**
 * A coloured dot with the stage in words beside it: colour alone never carries the status.
 * Stages on their way somewhere (building, starting) pulse, unless motion is reduced.
 */
@Component({
  selector: 'hf-stage-indicator',
  imports: [TranslocoPipe],
  template: `
    <span class="dot" aria-hidden="true"></span>
    <span class="label">{{ 'stage.' + stage() | transloco }}</span>
  `,
  styles: `
    :host {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      font: var(--mat-sys-label-large);
      color: var(--mat-sys-on-surface);
      white-space: nowrap;
    }
    .dot {
      inline-size: 10px;
      block-size: 10px;
      border-radius: 50%;
      background: var(--hf-stage-color);
      flex: none;
    }
    :host([data-group='running']) { --hf-stage-color: var(--hf-stage-running); }
    :host([data-group='sleeping']) { --hf-stage-color: var(--hf-stage-sleeping); }
    :host([data-group='paused']) { --hf-stage-color: var(--hf-stage-paused); }
    :host([data-group='starting']) { --hf-stage-color: var(--hf-stage-starting); }
    :host([data-group='error']) { --hf-stage-color: var(--hf-stage-error); }
    @media (prefers-reduced-motion: no-preference) {
      :host([data-group='starting']) .dot { animation: pulse 1.4s ease-in-out infinite; }
    }
    @keyframes pulse {
      50% { opacity: 0.35; }
    }
  `,
  host: { '[attr.data-group]': 'group()', '[attr.data-stage]': 'stage()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StageIndicatorComponent {
  readonly stage = input.required<RuntimeStage>();
  protected readonly group = computed(() => STAGE_GROUP[this.stage()] ?? 'error');
}
