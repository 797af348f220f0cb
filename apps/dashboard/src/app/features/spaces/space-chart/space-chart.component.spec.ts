import { HttpTestingController } from '@angular/common/http/testing';
import { signal, type WritableSignal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { MetricSample } from '@hfd/contracts';
import type uPlot from 'uplot';
import { makeSample } from '../../../../testing/fixtures';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { SpacesStore } from '../data-access/spaces.store';
import { SpaceChartComponent } from './space-chart.component';
import { loadUplot } from './uplot-loader';

jest.mock('./uplot-loader', () => ({ loadUplot: jest.fn() }));

/** Stands in for uPlot, which needs a real canvas: records what the chart asks of it. */
class FakePlot {
  static instances: FakePlot[] = [];
  readonly data: uPlot.AlignedData[] = [];
  destroyed = false;
  width: number;
  height: number;

  constructor(
    readonly options: uPlot.Options,
    data: uPlot.AlignedData,
    readonly target: HTMLElement,
  ) {
    this.width = options.width;
    this.height = options.height;
    this.data.push(data);
    FakePlot.instances.push(this);
  }

  setData(data: uPlot.AlignedData): void {
    this.data.push(data);
  }

  setSize(size: { width: number; height: number }): void {
    this.width = size.width;
  }

  destroy(): void {
    this.destroyed = true;
  }
}

class FakeResizeObserver {
  observe(): void {
    return undefined;
  }
  disconnect(): void {
    return undefined;
  }
}

describe('SpaceChartComponent', () => {
  let fixture: ComponentFixture<SpaceChartComponent>;
  let backend: HttpTestingController;
  let live: WritableSignal<MetricSample | null>;

  beforeEach(async () => {
    FakePlot.instances = [];
    jest.mocked(loadUplot).mockResolvedValue(FakePlot as unknown as typeof uPlot);
    Reflect.set(globalThis, 'ResizeObserver', FakeResizeObserver);
    live = signal<MetricSample | null>(null);
    TestBed.configureTestingModule({
      providers: [...provideTestDefaults(), { provide: SpacesStore, useValue: { metric: () => live } }],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(SpaceChartComponent);
    fixture.componentRef.setInput('spaceId', 'alice/chat');
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  async function answerHistory(samples: MetricSample[]): Promise<FakePlot> {
    backend.expectOne('/api/v1/spaces/alice/chat/metrics').flush({ spaceId: 'alice/chat', samples, windowSeconds: 300 });
    await fixture.whenStable();
    await Promise.resolve();
    await fixture.whenStable();
    return FakePlot.instances[0];
  }

  it('loads uPlot only when opened, and draws the last 5 minutes from the history', async () => {
    expect(loadUplot).not.toHaveBeenCalled();
    const plot = await answerHistory([makeSample('alice/chat', { receivedAt: 1000 }), makeSample('alice/chat', { receivedAt: 2000 })]);
    expect(loadUplot).toHaveBeenCalled();
    expect(plot.data[0][0]).toEqual([1, 2]);
  });

  it('has four series on two axes: percent and bytes per second', async () => {
    const plot = await answerHistory([]);
    const series = plot.options.series.slice(1);
    expect(series.map((entry) => [entry.label, entry.scale])).toEqual([
      ['CPU %', 'pct'],
      ['Memory %', 'pct'],
      ['Upload', 'bps'],
      ['Download', 'bps'],
    ]);
    expect(plot.options.axes?.map((axis) => axis.scale ?? 'x')).toEqual(['x', 'pct', 'bps']);
  });

  it('keeps CPU and memory on a 0–100 % axis, so 1 % looks small', async () => {
    const plot = await answerHistory([]);
    expect(plot.options.scales?.['pct']?.range).toEqual([0, 100]);
  });

  it('shows the latest values in the legend while the pointer is not on the plot', async () => {
    const plot = await answerHistory([makeSample('alice/chat', { receivedAt: 1000 }), makeSample('alice/chat', { receivedAt: 2000 })]);
    const setLegend = jest.fn();
    const cursor: { idx: number | null } = { idx: null };
    const chart = { data: plot.data[0], cursor, setLegend } as unknown as uPlot;
    const hooks = plot.options.hooks ?? {};
    const run = (list: (((u: uPlot) => void) | undefined)[] | undefined): void => list?.forEach((hook) => hook?.(chart));
    run(hooks.setCursor);
    run(hooks.setData);
    expect(setLegend).toHaveBeenCalledWith({ idx: 1 });

    // Hovering: the legend follows the pointer, as uPlot does.
    setLegend.mockClear();
    cursor.idx = 0;
    run(hooks.setCursor);
    expect(setLegend).not.toHaveBeenCalled();
  });

  it('appends each live sample of its Space', async () => {
    const plot = await answerHistory([makeSample('alice/chat', { receivedAt: 1000 })]);
    live.set(makeSample('alice/chat', { receivedAt: 3000, cpuPct: 77 }));
    await fixture.whenStable();
    const latest = plot.data.at(-1);
    expect(latest?.[0]).toEqual([1, 3]);
    expect(latest?.[1]).toEqual([12.5, 77]);
  });

  it('describes itself for screen readers', async () => {
    await answerHistory([]);
    const plot = (fixture.nativeElement as HTMLElement).querySelector('[role="img"]');
    expect(plot?.getAttribute('aria-label')).toContain('CPU and memory usage');
  });

  it('disposes of the plot when closed', async () => {
    const plot = await answerHistory([]);
    fixture.destroy();
    expect(plot.destroyed).toBe(true);
  });

  it('says so when the chart library cannot be loaded', async () => {
    jest.mocked(loadUplot).mockRejectedValueOnce(new Error('chunk failed'));
    backend.expectOne('/api/v1/spaces/alice/chat/metrics').flush({ spaceId: 'alice/chat', samples: [], windowSeconds: 300 });
    await fixture.whenStable();
    await Promise.resolve();
    await fixture.whenStable();
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="alert"]')?.textContent).toContain(
      'The chart could not be loaded.',
    );
  });
});
