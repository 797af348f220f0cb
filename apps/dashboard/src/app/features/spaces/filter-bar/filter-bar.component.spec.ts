import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { DEFAULT_FILTERS, type SpaceFilters } from '../data-access/space-filters';
import { FilterBarComponent } from './filter-bar.component';

describe('FilterBarComponent', () => {
  let fixture: ComponentFixture<FilterBarComponent>;
  let changes: Partial<SpaceFilters>[];
  let refreshes: number;

  async function render(filters: SpaceFilters = DEFAULT_FILTERS): Promise<HTMLElement> {
    TestBed.configureTestingModule({ providers: provideTestDefaults() });
    fixture = TestBed.createComponent(FilterBarComponent);
    fixture.componentRef.setInput('filters', filters);
    fixture.componentRef.setInput('accounts', ['alice', 'bob']);
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
    const element = await render({ status: 'error', account: 'bob', sort: 'cpu', query: 'bot' });
    expect(search(element).value).toBe('bot');
    const selects = Array.from(element.querySelectorAll('mat-select')).map((select) => select.textContent?.trim());
    expect(selects).toEqual(['Error', 'bob', 'CPU usage']);
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
    expect(button.disabled).toBe(true);
    expect(button.getAttribute('aria-busy')).toBe('true');
    expect(button.textContent?.trim()).toBe('Refreshing…');
  });
});
