import { NgTemplateOutlet } from '@angular/common';
import { ChangeDetectionStrategy, Component, DestroyRef, computed, inject, input, linkedSignal, output, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatIconModule } from '@angular/material/icon';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatTooltipModule } from '@angular/material/tooltip';
import { TranslocoPipe } from '@jsverse/transloco';
import { LayoutService } from '../../../core/layout/layout.service';
import {
  DEFAULT_SORT,
  NATURAL_DIRECTION,
  SORT_CHOICES,
  STATUS_FILTERS,
  hasActiveFilters,
  sameSort,
  sortFromParam,
  sortToParam,
  type SpaceFilters,
} from '../data-access/space-filters';
import { VIEW_MODES, type ViewMode } from '../data-access/view-preferences';

/** Typing settles for this long before the URL (and the list) follows. */
const SEARCH_DEBOUNCE_MS = 250;

@Component({
  selector: 'hf-filter-bar',
  imports: [MatButtonModule, MatFormFieldModule, MatIconModule, MatInputModule, MatSelectModule, MatTooltipModule, NgTemplateOutlet, TranslocoPipe],
  templateUrl: './filter-bar.component.html',
  styleUrl: './filter-bar.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class FilterBarComponent {
  readonly filters = input.required<SpaceFilters>();
  readonly accounts = input.required<readonly string[]>();
  readonly refreshing = input(false);
  readonly viewMode = input.required<ViewMode>();
  readonly filtersChange = output<Partial<SpaceFilters>>();
  readonly viewModeChange = output<ViewMode>();
  readonly refresh = output();
  readonly clear = output();

  protected readonly compact = inject(LayoutService).compact;
  /** On a phone: whether the selects are shown. */
  protected readonly optionsOpen = signal(false);
  /** Something the closed selects hide is not at its default: the toggle shows a dot. */
  protected readonly narrowed = computed(() => {
    const filters = this.filters();
    return filters.status !== 'all' || filters.account !== null || !sameSort(filters.sort, DEFAULT_SORT);
  });

  protected readonly statusOptions = STATUS_FILTERS;
  protected readonly viewModes = VIEW_MODES;
  protected readonly active = computed(() => hasActiveFilters(this.filters()));
  /** The sort as the select knows it (a string: mat-select compares values with ===). */
  protected readonly sortValue = computed(() => sortToParam(this.filters().sort));
  /** The usual orders, plus the current one when a column header chose another direction. */
  protected readonly sortOptions = computed(() => {
    const options = SORT_CHOICES.map(sortToParam);
    return options.includes(this.sortValue()) ? options : [...options, this.sortValue()];
  });

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

  protected sortLabel(value: string): { key: string; params?: Record<string, string> } {
    if (SORT_CHOICES.some((choice) => sortToParam(choice) === value)) return { key: `filters.sortOption.${value}` };
    // An order only a column header reaches: the other direction of a usual one.
    const key = sortFromParam(value)?.key ?? 'attention';
    return { key: 'filters.sortReversed', params: { order: `filters.sortOption.${sortToParam({ key, direction: NATURAL_DIRECTION[key] })}` } };
  }

  protected onSortChange(value: string): void {
    const sort = sortFromParam(value);
    if (sort) this.filtersChange.emit({ sort });
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
