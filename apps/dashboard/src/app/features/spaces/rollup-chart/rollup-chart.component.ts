import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  ViewEncapsulation,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import type { MetricRange, RollupPoint } from '@hfd/contracts';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type uPlot from 'uplot';
import { LanguageService } from '../../../core/i18n/language.service';
import { ThemeService } from '../../../core/theme/theme.service';
import {
  formatBytes,
  formatBytesPerSecond,
  formatDateTime,
  formatPercent,
} from '../../../shared/format/formatters';
import { HistoryApiService } from '../data-access/history-api.service';
import { resolveChartColors } from '../space-chart/chart-colors';
import { CHART_HEIGHT } from '../space-chart/chart-options';
import { loadUplot } from '../space-chart/uplot-loader';

type ChartState = 'loading' | 'ready' | 'empty' | 'failed';

const AXIS_FONT =
  '12px system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "PingFang SC", sans-serif';

/**
 * The load of one Space over 1 hour, 24 hours (per minute) or 7 days (per hour), from the
 * stored rollups: CPU average with its maximum, memory, upload and download averages. Memory
 * has a scale of its own without an axis; its values read in the legend.
 */
@Component({
  selector: 'hf-rollup-chart',
  imports: [TranslocoPipe],
  template: `
    <figure
      class="space-chart"
      data-testid="rollup-chart"
      [attr.data-state]="state()"
    >
      <figcaption class="caption">
        {{ 'history.rangeCaption.' + range() | transloco }}
      </figcaption>
      <div
        #plot
        class="plot"
        role="img"
        [attr.aria-label]="'history.chartDescription' | transloco"
      ></div>
      @switch (state()) {
        @case ('loading') {
          <p class="state" role="status">{{ 'chart.loading' | transloco }}</p>
        }
        @case ('empty') {
          <p class="state" role="status">
            {{ 'history.noRollups' | transloco }}
          </p>
        }
        @case ('failed') {
          <p class="state" role="alert">{{ 'chart.failed' | transloco }}</p>
        }
      }
    </figure>
  `,
  styleUrl: '../space-chart/space-chart.component.scss',
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class RollupChartComponent {
  readonly spaceId = input.required<string>();
  readonly range = input.required<Exclude<MetricRange, '5m'>>();

  private readonly api = inject(HistoryApiService);
  private readonly theme = inject(ThemeService);
  private readonly lang = inject(LanguageService).lang;
  private readonly transloco = inject(TranslocoService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly plotHost =
    viewChild.required<ElementRef<HTMLElement>>('plot');

  protected readonly state = signal<ChartState>('loading');
  private readonly points = signal<RollupPoint[]>([]);
  private uplot: typeof uPlot | null = null;
  private plot: uPlot | null = null;
  private readonly resizeObserver = new ResizeObserver(() =>
    this.plot?.setSize({ width: this.width(), height: CHART_HEIGHT }),
  );

  constructor() {
    effect((onCleanup) => {
      const spaceId = this.spaceId();
      const range = this.range();
      untracked(() => this.state.set('loading'));
      const subscription = this.api.rollups(spaceId, range).subscribe({
        next: (response) => {
          this.points.set(response.points);
          void this.load();
        },
        error: () => this.state.set('failed'),
      });
      onCleanup(() => subscription.unsubscribe());
    });
    effect(() => {
      this.theme.scheme();
      this.lang();
      untracked(() => this.draw());
    });
    inject(DestroyRef).onDestroy(() => {
      this.resizeObserver.disconnect();
      this.plot?.destroy();
    });
  }

  private async load(): Promise<void> {
    try {
      this.uplot ??= await loadUplot();
    } catch {
      this.state.set('failed');
      return;
    }
    this.state.set(this.points().length === 0 ? 'empty' : 'ready');
    this.resizeObserver.observe(this.plotHost().nativeElement);
    this.draw();
  }

  private draw(): void {
    if (!this.uplot || this.state() === 'loading' || this.state() === 'failed')
      return;
    this.plot?.destroy();
    const points = this.points();
    const lang = this.lang();
    const t = (key: string) => this.transloco.translate(key);
    const colors = resolveChartColors(this.host.nativeElement);
    const axis = {
      stroke: colors.text,
      font: AXIS_FONT,
      grid: { stroke: colors.grid, width: 1 },
      ticks: { stroke: colors.grid, width: 1 },
    };
    const percent = (_u: uPlot, value: number | null) =>
      value === null ? '—' : formatPercent(value, lang);
    const rate = (_u: uPlot, value: number | null) =>
      value === null ? '—' : formatBytesPerSecond(value, lang);
    const bytes = (_u: uPlot, value: number | null) =>
      value === null ? '—' : formatBytes(value, lang);
    const options: uPlot.Options = {
      width: this.width(),
      height: CHART_HEIGHT,
      cursor: { drag: { x: false, y: false } },
      scales: {
        x: { time: true },
        pct: { range: [0, 100] },
        bps: { range: (_u, _min, max) => [0, Math.max(1024, max * 1.15)] },
        mem: { range: (_u, _min, max) => [0, Math.max(1, max * 1.15)] },
      },
      series: [
        {
          label: t('chart.time'),
          value: (_u, value) =>
            value === null ? '—' : formatDateTime(value * 1000, lang),
        },
        {
          label: t('history.cpuAvg'),
          scale: 'pct',
          stroke: colors.cpu,
          width: 2,
          value: percent,
        },
        {
          label: t('history.cpuMax'),
          scale: 'pct',
          stroke: colors.cpu,
          width: 1,
          dash: [2, 2],
          value: percent,
        },
        {
          label: t('history.memoryAvg'),
          scale: 'mem',
          stroke: colors.memory,
          width: 2,
          dash: [8, 4],
          value: bytes,
        },
        {
          label: t('chart.upload'),
          scale: 'bps',
          stroke: colors.upload,
          width: 2,
          dash: [2, 3],
          value: rate,
        },
        {
          label: t('chart.download'),
          scale: 'bps',
          stroke: colors.download,
          width: 2,
          dash: [10, 3, 2, 3],
          value: rate,
        },
      ],
      axes: [
        { ...axis, space: 90 },
        {
          ...axis,
          scale: 'pct',
          size: 56,
          values: (_u, ticks) => ticks.map((tick) => formatPercent(tick, lang)),
        },
        {
          ...axis,
          scale: 'bps',
          side: 1,
          size: 80,
          grid: { show: false },
          values: (_u, ticks) =>
            ticks.map((tick) => formatBytesPerSecond(tick, lang)),
        },
      ],
    };
    const data: uPlot.AlignedData = [
      points.map((point) => point.at / 1000),
      points.map((point) => point.cpuPct.avg),
      points.map((point) => point.cpuPct.max),
      points.map((point) => point.memoryUsedBytes.avg),
      points.map((point) => point.txBps.avg),
      points.map((point) => point.rxBps.avg),
    ];
    this.plot = new this.uplot(options, data, this.plotHost().nativeElement);
  }

  private width(): number {
    return Math.max(200, Math.floor(this.plotHost().nativeElement.clientWidth));
  }
}
