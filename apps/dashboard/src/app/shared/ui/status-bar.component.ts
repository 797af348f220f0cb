import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatTooltipModule } from '@angular/material/tooltip';
import type { StatusSlot } from '@hfd/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import {
  formatClock,
  formatPreciseDuration as formatDuration,
} from '../format/formatters';

/**
 * The last 24 hours as a row of slots coloured by their worst state (down, unknown, up), in
 * the manner of Uptime Kuma's beat bar. Each slot has a tooltip; the whole bar is one Tab stop
 * whose arrow keys (Home, End too) walk the slots, the chosen one described in words below it.
 * A card shows the same bar smaller, as a strip (see StatusStripComponent).
 */
@Component({
  selector: 'hf-status-bar',
  imports: [MatTooltipModule, TranslocoPipe],
  template: `
    <div
      class="bar"
      role="group"
      tabindex="0"
      data-testid="status-bar"
      [attr.aria-label]="'history.barLabel' | transloco"
      [attr.aria-describedby]="id + '-detail'"
      (keydown)="onKey($event)"
      (focus)="active() === null && active.set(slots().length - 1)"
    >
      @for (slot of slots(); track slot.start; let index = $index) {
        <span
          class="slot hf-availability"
          data-testid="status-slot"
          [attr.data-state]="slot.state"
          [class.active]="active() === index"
          [matTooltip]="describe(slot)"
          matTooltipPosition="above"
          (mouseenter)="active.set(index)"
        ></span>
      }
    </div>
    <div class="legend" aria-hidden="true">
      <span>{{ 'history.ago24h' | transloco }}</span>
      <span>{{ 'history.now' | transloco }}</span>
    </div>
    <p
      class="detail"
      [id]="id + '-detail'"
      aria-live="polite"
      data-testid="status-detail"
    >
      {{
        activeSlot() ? describe(activeSlot()!) : ('history.barHint' | transloco)
      }}
    </p>
  `,
  styles: `
    :host {
      display: block;
    }
    .bar {
      display: flex;
      gap: 1px;
      block-size: 28px;
      align-items: stretch;
      border-radius: 4px;
      outline-offset: 3px;
    }
    .slot {
      flex: 1 1 0;
      min-inline-size: 1px;
      border-radius: 1px;
      background: var(--hf-state-color);
    }
    .slot.active {
      outline: 2px solid var(--mat-sys-on-surface);
      outline-offset: 1px;
      z-index: 1;
    }
    .legend {
      display: flex;
      justify-content: space-between;
      font: var(--mat-sys-label-small);
      color: var(--mat-sys-on-surface-variant);
      margin-block-start: 4px;
    }
    .detail {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
      margin: 4px 0 0;
      min-block-size: 1.5em;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StatusBarComponent {
  private static next = 0;
  readonly slots = input.required<readonly StatusSlot[]>();
  readonly lang = input.required<string>();

  private readonly transloco = inject(TranslocoService);
  protected readonly id = `hf-status-bar-${StatusBarComponent.next++}`;
  protected readonly active = signal<number | null>(null);
  protected readonly activeSlot = computed(() => {
    const index = this.active();
    return index === null ? null : (this.slots()[index] ?? null);
  });

  protected describe(slot: StatusSlot): string {
    const lang = this.lang();
    const stages = slot.stages
      .map((stage) => this.transloco.translate(`stage.${stage}`))
      .join(' → ');
    return this.transloco.translate('history.slot', {
      from: formatClock(slot.start, lang),
      to: formatClock(slot.end, lang),
      state: this.transloco.translate(`history.state.${slot.state}`),
      up: formatDuration(slot.upMs, lang),
      down: formatDuration(slot.downMs, lang),
      unknown: formatDuration(slot.unknownMs, lang),
      stages: stages || '—',
    });
  }

  protected onKey(event: KeyboardEvent): void {
    const last = this.slots().length - 1;
    const current = this.active() ?? last;
    const next: Record<string, number> = {
      ArrowLeft: current - 1,
      ArrowRight: current + 1,
      Home: 0,
      End: last,
    };
    if (!(event.key in next)) return;
    event.preventDefault();
    this.active.set(Math.min(last, Math.max(0, next[event.key])));
  }
}
