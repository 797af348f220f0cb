import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { STAGE_GROUP, type SpaceSummary } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';
import { formatDuration } from '../../../shared/format/formatters';
import { stageOf } from '../data-access/space-view';

/**
 * What a Space that is not running is doing, in words, where a running one shows its load:
 * asleep (and after how long idle), paused, building, or what its error says. Four empty
 * tiles would say nothing.
 */
@Component({
  selector: 'hf-stage-reason',
  imports: [TranslocoPipe],
  template: `
    <p class="reason" data-testid="stage-reason">
      @if (idleBeforeSleep(); as idle) {
        {{ 'reason.sleepingAfter' | transloco: { idle } }}
      } @else {
        {{ 'reason.' + stage() | transloco }}
      }
    </p>
    @if (error(); as error) {
      @if (error.multiline) {
        <details class="error">
          <summary>{{ error.headline }}</summary>
          <!-- Scrolls when long, so the keyboard must be able to reach it too. -->
          <pre tabindex="0">{{ error.message }}</pre>
        </details>
      } @else {
        <p class="error">{{ error.headline }}</p>
      }
    }
  `,
  styleUrl: './stage-reason.component.scss',
  host: { '[attr.data-group]': 'group()' },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class StageReasonComponent {
  readonly space = input.required<SpaceSummary>();
  private readonly lang = inject(LanguageService).lang;

  protected readonly stage = computed(() => stageOf(this.space()));
  protected readonly group = computed(() => STAGE_GROUP[this.stage()] ?? 'error');
  /** A sleeping Space fell asleep after its sleep time without visitors, when the Hub says it. */
  protected readonly idleBeforeSleep = computed(() => {
    const seconds = this.space().runtime?.sleepTimeSeconds;
    return this.stage() === 'SLEEPING' && seconds ? formatDuration(seconds * 1000, this.lang()) : null;
  });
  /**
   * The Hub's error message, often a log tail: its last line shown (where a traceback names
   * the error), the whole of it on demand.
   */
  protected readonly error = computed(() => {
    const message = this.space().runtime?.errorMessage?.trim();
    if (!message) return null;
    const lines = message.split('\n').filter((line) => line.trim() !== '');
    return { headline: lines.at(-1)?.trim() ?? message, message, multiline: lines.length > 1 };
  });
}
