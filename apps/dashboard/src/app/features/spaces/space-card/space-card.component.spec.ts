import { Component, signal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { By } from '@angular/platform-browser';
import type { MetricSample, SpaceStatusEvent, SpaceSummary, InventoryChangeEvent, SpacesListResponse } from '@hfd/contracts';
import { Subject } from 'rxjs';
import { makeSample, makeSpace } from '../../../../testing/fixtures';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { LayoutService } from '../../../core/layout/layout.service';
import { StreamService } from '../../../core/sse/stream.service';
import { SpacesStore } from '../data-access/spaces.store';
import { SpaceCardComponent } from './space-card.component';

@Component({
  imports: [SpaceCardComponent],
  template: `@for (space of spaces(); track space.id) {
    <hf-space-card [space]="space" />
  }`,
})
class CardsHostComponent {
  readonly spaces = signal<SpaceSummary[]>([]);
}

describe('SpaceCardComponent', () => {
  let fixture: ComponentFixture<CardsHostComponent>;
  let metric$: Subject<MetricSample>;

  async function render(spaces: SpaceSummary[], options: { compact?: boolean } = {}): Promise<void> {
    metric$ = new Subject();
    TestBed.configureTestingModule({
      providers: [
        ...provideTestDefaults(),
        SpacesStore,
        { provide: LayoutService, useValue: { compact: signal(options.compact ?? false) } },
        {
          provide: StreamService,
          useValue: {
            inventory$: new Subject<SpacesListResponse>(),
            inventoryChange$: new Subject<InventoryChangeEvent>(),
            metric$,
            status$: new Subject<SpaceStatusEvent>(),
            connection: signal('live'),
          },
        },
      ],
    });
    const store = TestBed.inject(SpacesStore);
    store.connect();
    fixture = TestBed.createComponent(CardsHostComponent);
    fixture.componentInstance.spaces.set(spaces);
    await fixture.whenStable();
  }

  function card(index: number): HTMLElement {
    return fixture.debugElement.queryAll(By.directive(SpaceCardComponent))[index].nativeElement as HTMLElement;
  }

  /**
   * Counts the runs of one card's template from now on: the template reads `view.stage()` once
   * per run, so a wrapper around that signal sees every re-render of this card and no other.
   */
  function countTemplateRuns(index: number): () => number {
    const instance = fixture.debugElement.queryAll(By.directive(SpaceCardComponent))[index].componentInstance as object;
    const view = Reflect.get(instance, 'view') as object;
    const stage = Reflect.get(view, 'stage') as () => unknown;
    let runs = 0;
    Reflect.set(view, 'stage', () => {
      runs++;
      return stage();
    });
    return () => runs;
  }

  function metricText(index: number, label: string): string | undefined {
    const metrics = Array.from(card(index).querySelectorAll('.metric'));
    return metrics.find((metric) => metric.querySelector('dt')?.textContent?.trim() === label)?.querySelector('dd')?.textContent?.trim();
  }

  it('shows the stage in words beside its dot, the title, emoji, hardware and privacy', async () => {
    await render([
      makeSpace('alice/chat', 'RUNTIME_ERROR', { title: 'Chat', emoji: '💬', private: true, description: 'Talk to me' }),
    ]);
    const element = card(0);
    expect(element.querySelector('hf-stage-indicator')?.textContent?.trim()).toBe('Runtime error');
    expect(element.querySelector('hf-stage-indicator')?.getAttribute('data-group')).toBe('error');
    expect(element.querySelector('.title')?.textContent).toContain('💬');
    expect(element.querySelector('.title')?.textContent).toContain('Chat');
    expect(element.querySelector('.space-id')?.textContent).toBe('alice/chat');
    // The chip shows the name; "Hardware:" is said to screen readers in text, not in an aria-label they would skip.
    const hardware = element.querySelector('.hardware');
    expect(hardware?.textContent?.trim()).toBe('Hardware: cpu-basic');
    expect(hardware?.querySelector('.visually-hidden')?.textContent).toBe('Hardware: ');
    expect(hardware?.hasAttribute('aria-label')).toBe(false);
    expect(element.querySelector('[aria-label="Private Space"]')).not.toBeNull();
    expect(element.querySelector('.description')?.textContent).toBe('Talk to me');
  });

  it('renders untrusted text as text, never as HTML', async () => {
    await render([makeSpace('eve/x', 'RUNNING', { title: '<img src=x onerror=alert(1)>', description: '<b>bold</b>' })]);
    expect(card(0).querySelector('img')).toBeNull();
    expect(card(0).querySelector('.title-text')?.textContent).toBe('<img src=x onerror=alert(1)>');
    expect(card(0).querySelector('.description b')).toBeNull();
  });

  it('links to the app and the Hub page in a new tab without an opener, in words on wide screens', async () => {
    await render([makeSpace('alice/chat', 'RUNNING', { title: 'Chat' })]);
    const links = Array.from(card(0).querySelectorAll<HTMLAnchorElement>('a[target="_blank"]'));
    expect(links.map((link) => link.href)).toEqual(['https://alice-chat.hf.space/', 'https://huggingface.co/spaces/alice/chat']);
    for (const link of links) expect(link.rel).toBe('noopener noreferrer');
    // Named by their visible text, with the new tab said too.
    expect(links.map((link) => link.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Open app (opens in a new tab)',
      'Hub page (opens in a new tab)',
    ]);
    expect(links.every((link) => !link.hasAttribute('aria-label'))).toBe(true);
    const chart = card(0).querySelector('[data-testid="chart-toggle"]');
    expect(chart?.textContent?.trim()).toBe('Chart');
    expect(chart?.getAttribute('aria-expanded')).toBe('false');
  });

  it('shows icons alone on a phone, their words kept as their names', async () => {
    await render([makeSpace('alice/chat', 'RUNNING', { title: 'Chat' })], { compact: true });
    const controls = Array.from(card(0).querySelectorAll<HTMLElement>('[data-testid="open-app"], [data-testid="open-hub"], [data-testid="chart-toggle"]'));
    expect(controls.every((control) => control.classList.contains('icon-only'))).toBe(true);
    expect(controls.map((control) => control.textContent?.replace(/\s+/g, ' ').trim())).toEqual([
      'Open app (opens in a new tab)',
      'Hub page (opens in a new tab)',
      'Chart',
    ]);
  });

  it('makes its links and actions one toolbar: one Tab stop, named after the Space', async () => {
    await render([makeSpace('alice/chat', 'RUNNING', { title: 'Chat' })]);
    const toolbar = card(0).querySelector('[role="toolbar"]');
    expect(toolbar?.getAttribute('aria-label')).toBe('Actions for Chat');
    const stops = Array.from(toolbar?.querySelectorAll('a, button') ?? []).filter((item) => item.getAttribute('tabindex') !== '-1');
    expect(stops).toHaveLength(1);
  });

  it('says how long the Space has been in its stage, when the server saw it begin', async () => {
    const since = new Date(Date.now() - 2 * 60 * 60_000 - 60_000).toISOString();
    await render([makeSpace('alice/chat', 'RUNTIME_ERROR', { stageSince: since }), makeSpace('alice/other', 'RUNTIME_ERROR')]);
    expect(card(0).querySelector('hf-stage-since')?.textContent?.trim()).toBe('for 2 hr');
    // Not seen begin: the stage alone, no made-up duration.
    expect(card(1).querySelector('hf-stage-since')?.textContent?.trim()).toBe('');
  });

  it('shows the reason of a stage without load instead of empty tiles', async () => {
    const sleeping = makeSpace('alice/sleepy', 'SLEEPING');
    if (sleeping.runtime) sleeping.runtime.sleepTimeSeconds = 48 * 3600;
    const broken = makeSpace('alice/broken', 'RUNTIME_ERROR');
    if (broken.runtime) broken.runtime.errorMessage = 'Traceback (most recent call last):\n  File "app.py"\nModuleNotFoundError: torch';
    await render([sleeping, broken]);
    expect(card(0).querySelector('.metrics')).toBeNull();
    expect(card(0).querySelector('[data-testid="stage-reason"]')?.textContent?.trim()).toBe(
      'Asleep after 2 days without visitors: it wakes up on the next visit.',
    );
    expect(card(1).querySelector('[data-testid="stage-reason"]')?.textContent?.trim()).toBe('The app stopped with an error.');
    // The last line of the log names the error; the whole of it is one click away.
    expect(card(1).querySelector('summary')?.textContent?.trim()).toBe('ModuleNotFoundError: torch');
    expect(card(1).querySelector('details pre')?.textContent).toContain('Traceback');
  });

  it('says it waits for data until a sample arrives, then shows CPU, memory, upload and download', async () => {
    await render([makeSpace('alice/chat')]);
    expect(metricText(0, 'CPU')).toBe('waiting…');
    metric$.next(makeSample('alice/chat', { cpuPct: 12.5, memoryUsedBytes: 512 * 1024 ** 2, memoryTotalBytes: 2 * 1024 ** 3, txBps: 3123, rxBps: 140 }));
    await fixture.whenStable();
    expect(metricText(0, 'CPU')).toBe('13%');
    expect(metricText(0, 'Memory')).toBe('25% / 2 GB');
    expect(metricText(0, 'Upload')).toBe('3.05 KB/s');
    expect(metricText(0, 'Download')).toBe('140 B/s');
  });

  it('updates on a metric by re-rendering its own card only', async () => {
    await render([makeSpace('a/one'), makeSpace('a/two')]);
    const runs = [countTemplateRuns(0), countTemplateRuns(1)];

    metric$.next(makeSample('a/one', { cpuPct: 42 }));
    await fixture.whenStable();
    expect(metricText(0, 'CPU')).toBe('42%');
    expect(metricText(1, 'CPU')).toBe('waiting…');
    expect(runs[0]()).toBeGreaterThan(0);
    expect(runs[1]()).toBe(0);

    metric$.next(makeSample('a/two', { cpuPct: 7 }));
    await fixture.whenStable();
    expect(metricText(1, 'CPU')).toBe('7%');
    expect(runs[1]()).toBeGreaterThan(0);
  });

  it('explains that a static Space has no load, and offers no chart', async () => {
    await render([makeSpace('alice/site', 'RUNNING', { sdk: 'static', title: 'Site' })]);
    expect(card(0).querySelector('.metrics')).toBeNull();
    expect(card(0).querySelector('.note')?.textContent).toContain('no live load');
    expect(card(0).querySelector('[aria-controls$="-chart"]')).toBeNull();
  });

  it('follows a stage change given by a new Space object', async () => {
    await render([makeSpace('a/one', 'RUNNING')]);
    fixture.componentInstance.spaces.set([makeSpace('a/one', 'APP_STARTING')]);
    await fixture.whenStable();
    expect(card(0).querySelector('hf-stage-indicator')?.textContent?.trim()).toBe('Starting');
  });

  it('opens its chart across the whole row, so the card beside it keeps its height', async () => {
    await render([makeSpace('a/one')]);
    const toggle = card(0).querySelector<HTMLButtonElement>('[data-testid="chart-toggle"]');
    toggle?.click();
    await fixture.whenStable();
    expect(card(0).classList).toContain('chart-open');
    expect(toggle?.getAttribute('aria-expanded')).toBe('true');
    expect(toggle?.textContent?.trim()).toBe('Hide chart');
  });
});
