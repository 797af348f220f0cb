import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { ClockService } from '../../core/clock/clock.service';
import { LanguageService } from '../../core/i18n/language.service';
import { formatDateTime, formatDuration } from '../format/formatters';

/**
 * "for 2 hr": how long a Space has been in its current stage, when the server saw the stage
 * begin. With no such time it shows nothing: a duration is never guessed. It reads the
 * clock itself, so the passing of time re-renders this element and not the card around it.
 */
@Component({
  selector: 'hf-stage-since',
  imports: [TranslocoPipe],
  template: `
    @if (since(); as since) {
      <time [attr.datetime]="since" [attr.title]="'card.stageSinceExact' | transloco: { time: exact() }">{{
        short() ? duration() : ('card.stageFor' | transloco: { duration: duration() })
      }}</time>
    }
  `,
  styles: `
    :host {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
      white-space: nowrap;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StageSinceComponent {
  readonly since = input.required<string | null>();
  /** "2 hr" rather than "for 2 hr", under a column header that says what it is. */
  readonly short = input(false);
  private readonly clock = inject(ClockService);
  private readonly lang = inject(LanguageService).lang;
  protected readonly duration = computed(() => {
    const since = this.since();
    // A browser clock a little behind the server's must not give a negative duration.
    return since === null ? '' : formatDuration(Math.max(0, this.clock.now() - Date.parse(since)), this.lang());
  });
  protected readonly exact = computed(() => {
    const since = this.since();
    return since === null ? '' : formatDateTime(since, this.lang());
  });
}
