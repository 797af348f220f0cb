import { signal, type WritableSignal } from '@angular/core';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import type { MetricSample, SpaceSummary } from '@hfd/contracts';
import { makeSample, makeSpace } from '../../../../testing/fixtures';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { ConfigStore } from '../../../core/config/config.store';
import type { SpaceSort } from '../data-access/space-filters';
import { SpacesStore } from '../data-access/spaces.store';
import { SpaceTableComponent } from './space-table.component';

describe('SpaceTableComponent', () => {
  let fixture: ComponentFixture<SpaceTableComponent>;
  let samples: Map<string, WritableSignal<MetricSample | null>>;
  let sorts: SpaceSort[];

  async function render(spaces: SpaceSummary[], sort: SpaceSort = { key: 'attention', direction: 'asc' }): Promise<HTMLElement> {
    samples = new Map(spaces.map((space) => [space.id, signal<MetricSample | null>(null)]));
    TestBed.configureTestingModule({
      providers: [
        ...provideTestDefaults(),
        {
          provide: SpacesStore,
          useValue: {
            metric: (id: string) => samples.get(id),
            accountStatus: () => null,
            runAction: jest.fn(),
            uptime: (id: string) => (id === 'alice/chat' ? { spaceId: id, windows: [{ window: '24h', upMs: 3, downMs: 1, unknownMs: 0, ratio: 0.75 }] } : null),
          },
        },
        { provide: ConfigStore, useValue: { account: () => null } },
      ],
    });
    fixture = TestBed.createComponent(SpaceTableComponent);
    fixture.componentRef.setInput('spaces', spaces);
    fixture.componentRef.setInput('sort', sort);
    fixture.componentRef.setInput('caption', 'Spaces of every account');
    sorts = [];
    fixture.componentInstance.sortChange.subscribe((next) => sorts.push(next));
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const headers = (element: HTMLElement): string[] =>
    Array.from(element.querySelectorAll('thead th')).map((th) => th.textContent?.trim() ?? '');
  const cells = (row: Element): string[] => Array.from(row.children).map((cell) => cell.textContent?.replace(/\s+/g, ' ').trim() ?? '');

  it('has one row per Space, its name as the row header, under sortable columns', async () => {
    const element = await render([makeSpace('alice/chat', 'RUNNING', { title: 'Chat' })]);
    expect(element.querySelector('caption')?.textContent).toBe('Spaces of every account');
    expect(headers(element)).toEqual(['Stage', 'Name', 'Hardware', 'CPU', 'Memory', 'Network', 'In stage for', 'Uptime 24 h', 'Actions']);
    const row = element.querySelector('tbody tr[data-testid="space-row"]') as HTMLElement;
    expect(row.querySelector('th[scope="row"]')?.textContent).toContain('Chat');
    expect(cells(row).slice(0, 4)).toEqual(['Running', 'Chat alice/chat', 'cpu-basic', 'Waiting for data']);
    expect(row.querySelector('[data-testid="uptime-24h"]')?.textContent?.trim()).toBe('75%');
  });

  it('fills the load columns from the live samples', async () => {
    const element = await render([makeSpace('alice/chat')]);
    samples.get('alice/chat')?.set(makeSample('alice/chat', { cpuPct: 12.5, txBps: 1024, rxBps: 2048 }));
    await fixture.whenStable();
    const row = element.querySelector('tbody tr') as HTMLElement;
    expect(row.querySelector('[data-testid="metric-cpu"]')?.textContent?.trim()).toBe('13%');
    expect(row.querySelector('[data-testid="metric-memory"]')?.textContent?.trim()).toBe('25%');
    expect(row.querySelector('.network')?.textContent?.replace(/\s+/g, ' ').trim()).toBe('↑Upload 1 KB/s ↓Download 2 KB/s');
  });

  it('says why a Space has no load, across the load columns', async () => {
    const element = await render([makeSpace('alice/sleepy', 'PAUSED'), makeSpace('alice/site', 'RUNNING', { sdk: 'static' })]);
    const [paused, site] = Array.from(element.querySelectorAll('tbody tr'));
    expect(paused.querySelector('td[colspan="3"]')?.textContent?.trim()).toBe('Paused: visits do not wake it until it is resumed.');
    expect(site.querySelector('td[colspan="3"]')?.textContent?.trim()).toBe('Static Space: no live load');
    // A static Space has no chart to open.
    expect(site.querySelector('[data-testid="chart-toggle"]')).toBeNull();
  });

  it('marks the sorted column, and sorts by a header: its natural direction first, then the other', async () => {
    const element = await render([makeSpace('alice/chat')], { key: 'cpu', direction: 'desc' });
    const sorted = Array.from(element.querySelectorAll('thead th[aria-sort]'));
    expect(sorted.map((th) => [th.textContent?.trim(), th.getAttribute('aria-sort')])).toEqual([['CPU', 'descending']]);
    element.querySelector<HTMLButtonElement>('button[data-sort="cpu"]')?.click();
    element.querySelector<HTMLButtonElement>('button[data-sort="name"]')?.click();
    expect(sorts).toEqual([
      { key: 'cpu', direction: 'asc' },
      { key: 'name', direction: 'asc' },
    ]);
  });

  it('opens a chart in a row of its own under the Space, across every column', async () => {
    const element = await render([makeSpace('alice/chat', 'RUNNING', { title: 'Chat' }), makeSpace('alice/two')]);
    const toggle = element.querySelector<HTMLButtonElement>('tbody tr [data-testid="chart-toggle"]') as HTMLButtonElement;
    expect(toggle.textContent?.trim()).toBe('Show the load chart of Chat');
    toggle.click();
    await fixture.whenStable();
    const rows = Array.from(element.querySelectorAll('tbody tr'));
    expect(rows.map((row) => row.className.includes('chart-row'))).toEqual([false, true, false]);
    expect(rows[1].id).toBe(toggle.getAttribute('aria-controls'));
    expect(rows[1].querySelector('td')?.getAttribute('colspan')).toBe('9');
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
  });
});
