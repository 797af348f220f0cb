import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { ClockService } from '../../core/clock/clock.service';
import { LanguageService } from '../../core/i18n/language.service';
import { formatDateTime } from '../format/formatters';
import { RelativeTimePipe } from '../pipes/relative-time.pipe';

/**
 * "5 minutes ago", with the exact time on hover. It reads the clock itself, so the
 * passing of time re-renders this element and not the card around it.
 */
@Component({
  selector: 'hf-relative-time',
  imports: [RelativeTimePipe],
  template: `<time [attr.datetime]="time()" [attr.title]="exact()">{{ time() | relativeTime: clock.now() : lang() }}</time>`,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RelativeTimeComponent {
  readonly time = input.required<string>();
  protected readonly clock = inject(ClockService);
  protected readonly lang = inject(LanguageService).lang;
  protected readonly exact = computed(() => formatDateTime(this.time(), this.lang()));
}
