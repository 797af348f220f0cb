import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
} from '@angular/core';
import type { AvailabilityState, StatusStrip } from '@hfd/contracts';
import { TranslocoService } from '@jsverse/transloco';
import { formatPreciseDuration as formatDuration } from '../format/formatters';

/** Slots of one state in a row, drawn as one element as wide as they are together. */
interface Run {
  state: AvailabilityState;
  slots: number;
}

export function runsOf(states: readonly AvailabilityState[]): Run[] {
  const runs: Run[] = [];
  for (const state of states) {
    const last = runs.at(-1);
    if (last?.state === state) last.slots += 1;
    else runs.push({ state, slots: 1 });
  }
  return runs;
}

/**
 * A card's 24-hour strip: the status bar's slots by their colour only (see
 * StatusBarComponent), no words, no focus, a summary for screen readers. A row of slots of
 * one state is one element: a page of 200 cards drew 96 per card, some 19 000 elements,
 * where a Space that stayed up needs one.
 */
@Component({
  selector: 'hf-status-strip',
  template: `
    <div
      class="strip"
      role="img"
      [attr.aria-label]="summary()"
      data-testid="status-strip"
    >
      @for (run of runs(); track $index) {
        <span
          class="run hf-availability"
          [attr.data-state]="run.state"
          [attr.data-slots]="run.slots"
          [style.flex-grow]="run.slots"
        ></span>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .strip {
      display: flex;
      block-size: 8px;
      border-radius: 4px;
      overflow: hidden;
    }
    .run {
      flex: 1 1 0;
      min-inline-size: 1px;
      background: var(--hf-state-color);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusStripComponent {
  readonly strip = input.required<StatusStrip>();
  readonly lang = input.required<string>();

  private readonly transloco = inject(TranslocoService);
  protected readonly runs = computed(() => runsOf(this.strip().states));
  protected readonly summary = computed(() => {
    const { upMs, downMs } = this.strip();
    const key =
      downMs > 0
        ? 'history.stripDown'
        : upMs > 0
          ? 'history.stripUp'
          : 'history.stripUnknown';
    const lang = this.lang();
    return this.transloco.translate(key, {
      down: formatDuration(downMs, lang),
    });
  });
}
