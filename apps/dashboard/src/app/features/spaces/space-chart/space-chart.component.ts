import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  ElementRef,
  ViewEncapsulation,
  afterNextRender,
  effect,
  inject,
  input,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import type uPlot from 'uplot';
import { LanguageService } from '../../../core/i18n/language.service';
import { ThemeService } from '../../../core/theme/theme.service';
import { SpacesApiService } from '../data-access/spaces-api.service';
import { SpacesStore } from '../data-access/spaces.store';
import { resolveChartColors } from './chart-colors';
import { chartOptions, type ChartLabels } from './chart-options';
import { MetricWindow } from './metric-window';
import { loadUplot } from './uplot-loader';

/** What the history route covers, and what the chart keeps. */
const WINDOW_MS = 5 * 60 * 1000;

type ChartState = 'loading' | 'ready' | 'failed';

/**
 * CPU, memory, upload and download over the last five minutes: the history first, then
 * each live sample of this Space appended. Created when a card's chart opens, destroyed
 * (with the plot and its observers) when it closes.
 */
@Component({
  selector: 'hf-space-chart',
  imports: [TranslocoPipe],
  templateUrl: './space-chart.component.html',
  styleUrl: './space-chart.component.scss',
  // uPlot builds its own DOM, which emulated encapsulation could not reach.
  encapsulation: ViewEncapsulation.None,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpaceChartComponent {
  readonly spaceId = input.required<string>();

  private readonly api = inject(SpacesApiService);
  private readonly store = inject(SpacesStore);
  private readonly theme = inject(ThemeService);
  private readonly lang = inject(LanguageService).lang;
  private readonly transloco = inject(TranslocoService);
  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly plotHost = viewChild.required<ElementRef<HTMLElement>>('plot');

  protected readonly state = signal<ChartState>('loading');
  private readonly window = new MetricWindow(WINDOW_MS);
  private uplot: typeof uPlot | null = null;
  private plot: uPlot | null = null;
  private resizeObserver: ResizeObserver | null = null;

  constructor() {
    afterNextRender(() => this.start());

    // Each live sample of this Space goes on the end of the chart.
    effect(() => {
      const sample = this.store.metric(this.spaceId())();
      if (sample && this.window.push(sample)) untracked(() => this.plot?.setData(this.window.columns()));
    });

    // Colours follow the theme and labels the language; both need a new plot.
    effect(() => {
      this.theme.scheme();
      this.lang();
      untracked(() => this.draw());
    });

    inject(DestroyRef).onDestroy(() => {
      this.resizeObserver?.disconnect();
      this.plot?.destroy();
      this.plot = null;
    });
  }

  private start(): void {
    this.api.metricHistory(this.spaceId()).subscribe({
      next: (history) => this.window.addHistory(history.samples),
      // Without history the chart still fills from live samples.
      error: () => undefined,
      complete: () => void this.load(),
    });
  }

  private async load(): Promise<void> {
    try {
      this.uplot = await loadUplot();
    } catch {
      this.state.set('failed');
      return;
    }
    this.state.set('ready');
    this.draw();
    this.resizeObserver = new ResizeObserver(() => this.resize());
    this.resizeObserver.observe(this.plotHost().nativeElement);
  }

  private draw(): void {
    if (!this.uplot) return;
    this.plot?.destroy();
    const target = this.plotHost().nativeElement;
    const options = chartOptions(
      this.width(),
      this.lang(),
      this.labels(),
      resolveChartColors(this.host.nativeElement),
    );
    this.plot = new this.uplot(options, this.window.columns(), target);
  }

  private resize(): void {
    const width = this.width();
    if (this.plot && Math.abs(this.plot.width - width) >= 1) {
      this.plot.setSize({ width, height: this.plot.height });
    }
  }

  private width(): number {
    return Math.max(200, Math.floor(this.plotHost().nativeElement.clientWidth));
  }

  private labels(): ChartLabels {
    return {
      time: this.transloco.translate('chart.time'),
      cpu: this.transloco.translate('chart.cpu'),
      memory: this.transloco.translate('chart.memory'),
      upload: this.transloco.translate('chart.upload'),
      download: this.transloco.translate('chart.download'),
    };
  }
}
