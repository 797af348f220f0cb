import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { hasLiveMetrics, type SpaceSummary } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';
import { LayoutService } from '../../../core/layout/layout.service';
import { formatBytes } from '../../../shared/format/formatters';
import { BytesPerSecondPipe } from '../../../shared/pipes/bytes-per-second.pipe';
import { BytesPipe } from '../../../shared/pipes/bytes.pipe';
import { PercentValuePipe } from '../../../shared/pipes/percent-value.pipe';
import { RelativeTimeComponent } from '../../../shared/ui/relative-time.component';
import { StageIndicatorComponent } from '../../../shared/ui/stage-indicator.component';
import { memoryPercent, stageOf } from '../data-access/space-view';
import { SpacesStore } from '../data-access/spaces.store';
import { SpaceActionsComponent } from '../space-actions/space-actions.component';
import { SpaceChartComponent } from '../space-chart/space-chart.component';

/**
 * One Space. It reads its own metric signal, so a sample for this Space re-renders this
 * card only; a new inventory re-renders it only if this Space's data changed.
 */
@Component({
  selector: 'hf-space-card',
  imports: [
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatTooltipModule,
    TranslocoPipe,
    BytesPerSecondPipe,
    BytesPipe,
    PercentValuePipe,
    RelativeTimeComponent,
    StageIndicatorComponent,
    SpaceActionsComponent,
    SpaceChartComponent,
  ],
  templateUrl: './space-card.component.html',
  styleUrl: './space-card.component.scss',
  // An open chart gets the width of two cards on wide screens, where a narrow plot is hard to read.
  host: {
    '[class.chart-open]': 'chartOpen()',
    // Stable hooks for the browser tests (apps/dashboard-e2e); the stage is on hf-stage-indicator.
    'data-testid': 'space-card',
    '[attr.data-space-id]': 'space().id',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpaceCardComponent {
  readonly space = input.required<SpaceSummary>();

  private readonly store = inject(SpacesStore);
  protected readonly lang = inject(LanguageService).lang;
  /** On phones the actions shrink to a menu beside the links; elsewhere they get their own row. */
  protected readonly compact = inject(LayoutService).compact;

  protected readonly stage = computed(() => stageOf(this.space()));
  /** A static Space is files served by the Hub: no container, so no load and no chart. */
  protected readonly isStatic = computed(() => this.space().sdk === 'static');
  protected readonly live = computed(() => hasLiveMetrics(this.space()));
  protected readonly sample = computed(() => this.store.metric(this.space().id)());
  protected readonly memoryPct = computed(() => memoryPercent(this.sample()));
  /** "1.2 GB of 16 GB", for the memory tooltip; the Hub does not always report the total. */
  protected readonly memoryDetail = computed(() => {
    const sample = this.sample();
    if (!sample) return null;
    const used = formatBytes(sample.memoryUsedBytes, this.lang());
    return sample.memoryTotalBytes
      ? { key: 'card.memoryDetail', params: { used, total: formatBytes(sample.memoryTotalBytes, this.lang()) } }
      : { key: 'card.memoryUsed', params: { used } };
  });
  protected readonly hardware = computed(() => {
    const hardware = this.space().runtime?.hardware;
    return hardware?.current ?? hardware?.requested ?? null;
  });
  protected readonly errorMessage = computed(() => this.space().runtime?.errorMessage ?? null);
  protected readonly domId = computed(() => `space-${this.space().id.replace(/[^\w-]/g, '_')}`);

  protected readonly chartOpen = signal(false);

  protected toggleChart(): void {
    this.chartOpen.update((open) => !open);
  }
}
