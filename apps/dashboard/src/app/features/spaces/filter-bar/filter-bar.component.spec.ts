import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { signal } from '@angular/core';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { LayoutService } from '../../../core/layout/layout.service';
import { DEFAULT_FILTERS, type SpaceFilters } from '../data-access/space-filters';
import { FilterBarComponent } from './filter-bar.component';

describe('FilterBarComponent', () => {
  let fixture: ComponentFixture<FilterBarComponent>;
  let changes: Partial<SpaceFilters>[];
  let refreshes: number;

  async function render(filters: SpaceFilters = DEFAULT_FILTERS, options: { compact?: boolean } = {}): Promise<HTMLElement> {
    TestBed.configureTestingModule({
      providers: [...provideTestDefaults(), { provide: LayoutService, useValue: { compact: signal(options.compact ?? false) } }],
    });
    fixture = TestBed.createComponent(FilterBarComponent);
    fixture.componentRef.setInput('filters', filters);
    fixture.componentRef.setInput('accounts', ['alice', 'bob']);
    fixture.componentRef.setInput('viewMode', 'list');
    changes = [];
    refreshes = 0;
    fixture.componentInstance.filtersChange.subscribe((change) => changes.push(change));
    fixture.componentInstance.refresh.subscribe(() => refreshes++);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  const search = (element: HTMLElement): HTMLInputElement => element.querySelector('input[type="search"]') as HTMLInputElement;

  afterEach(() => jest.useRealTimers());

  it('shows the filters it is given, so a shared link restores the view', async () => {
    const element = await render({ status: 'error', account: 'bob', sort: { key: 'cpu', direction: 'desc' }, query: 'bot' });
    expect(search(element).value).toBe('bot');
    const selects = Array.from(element.querySelectorAll('mat-select')).map((select) => select.textContent?.trim());
    expect(selects).toEqual(['Error', 'bob', 'CPU usage', 'List']);
  });

  it('names an order only a column header reaches as the reverse of a usual one', async () => {
    const element = await render({ ...DEFAULT_FILTERS, sort: { key: 'cpu', direction: 'asc' } });
    expect(element.querySelectorAll('mat-select')[2].textContent?.trim()).toBe('CPU usage, reversed');
  });

  it('on a phone, keeps search, the filter toggle and refresh in one row, the selects behind the toggle', async () => {
    const element = await render({ ...DEFAULT_FILTERS, status: 'error' }, { compact: true });
    expect(element.querySelectorAll('mat-select')).toHaveLength(0);
    const toggle = element.querySelector('[data-testid="filters-toggle"]') as HTMLButtonElement;
    // A dot and the name say that the hidden selects are in use.
    expect(toggle.getAttribute('aria-label')).toBe('More filters and views, some in use');
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    toggle.click();
    await fixture.whenStable();
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(element.querySelectorAll('#filter-options mat-select')).toHaveLength(4);
    expect(element.querySelector('[data-testid="refresh"] .visually-hidden')?.textContent?.trim()).toBe('Refresh');
  });

  it('waits for typing to settle before searching', async () => {
    const element = await render();
    jest.useFakeTimers();
    for (const text of ['w', 'wh', 'whi']) {
      search(element).value = text;
      search(element).dispatchEvent(new Event('input'));
      jest.advanceTimersByTime(100);
    }
    expect(changes).toEqual([]);
    jest.advanceTimersByTime(250);
    expect(changes).toEqual([{ query: 'whi' }]);
  });

  it('clears the search at once with Escape', async () => {
    const element = await render({ ...DEFAULT_FILTERS, query: 'bot' });
    search(element).dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape' }));
    await fixture.whenStable();
    expect(changes).toEqual([{ query: '' }]);
    expect(search(element).value).toBe('');
  });

  it('offers to clear filters only when some are active', async () => {
    let element = await render();
    const labels = (): string[] => Array.from(element.querySelectorAll('.buttons button')).map((b) => b.textContent?.trim() ?? '');
    expect(labels()).toEqual(['Refresh']);

    TestBed.resetTestingModule();
    element = await render({ ...DEFAULT_FILTERS, status: 'running' });
    expect(labels()).toEqual(['Clear filters', 'Refresh']);
  });

  it('refreshes on demand, and shows a refresh in progress', async () => {
    const element = await render();
    (element.querySelector('button.refresh') as HTMLButtonElement).click();
    expect(refreshes).toBe(1);

    fixture.componentRef.setInput('refreshing', true);
    await fixture.whenStable();
    const button = element.querySelector('button.refresh') as HTMLButtonElement;
    // Off, but still focusable: the keyboard stays on it instead of falling to the page.
    expect(button.disabled).toBe(false);
    expect(button.getAttribute('aria-disabled')).toBe('true');
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.textContent?.trim()).toBe('Refreshing…');
    button.click();
    expect(refreshes).toBe(1);
  });
});
