import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, linkedSignal, output } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { TranslocoPipe } from '@jsverse/transloco';
import { SORT_KEYS, STATUS_FILTERS, hasActiveFilters, type SpaceFilters } from '../data-access/space-filters';

/** Typing settles for this long before the URL (and the list) follows. */
const SEARCH_DEBOUNCE_MS = 250;

@Component({
  selector: 'hf-filter-bar',
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule, TranslocoPipe],
  templateUrl: './filter-bar.component.html',
  styleUrl: './filter-bar.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FilterBarComponent {
  readonly filters = input.required<SpaceFilters>();
  readonly accounts = input.required<readonly string[]>();
  readonly refreshing = input(false);
  readonly filtersChange = output<Partial<SpaceFilters>>();
  readonly refresh = output();
  readonly clear = output();

  protected readonly statusOptions = STATUS_FILTERS;
  protected readonly sortOptions = SORT_KEYS;
  protected readonly active = computed(() => hasActiveFilters(this.filters()));

  private lastEmittedQuery: string | null = null;
  private searchTimer: ReturnType<typeof setTimeout> | null = null;
  /**
   * The search box text. It follows the URL when the URL changes from outside (a shared
   * link, "clear filters"), but not when the URL catches up with what is being typed.
   */
  protected readonly searchText = linkedSignal<string, string>({
    source: () => this.filters().query,
    computation: (query, previous) =>
      previous !== undefined && query === this.lastEmittedQuery ? previous.value : query,
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.cancelSearch());
  }

  protected onSearchInput(value: string): void {
    this.searchText.set(value);
    this.cancelSearch();
    this.searchTimer = setTimeout(() => this.emitQuery(value), SEARCH_DEBOUNCE_MS);
  }

  protected clearSearch(): void {
    this.cancelSearch();
    this.searchText.set('');
    this.emitQuery('');
  }

  private emitQuery(query: string): void {
    this.lastEmittedQuery = query.trim();
    this.filtersChange.emit({ query });
  }

  private cancelSearch(): void {
    if (this.searchTimer !== null) clearTimeout(this.searchTimer);
    this.searchTimer = null;
  }
}
