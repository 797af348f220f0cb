import { ChangeDetectionStrategy, Component, input, output, signal } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import type { SpaceSummary } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { NATURAL_DIRECTION, type SortKey, type SpaceSort } from '../data-access/space-filters';
import { SpaceChartComponent } from '../space-chart/space-chart.component';
import { SpaceRowComponent } from './space-row.component';

interface Column {
  key: SortKey;
  label: string;
}

/** In page order; the stage column sorts problems first, as the default order does. */
const COLUMNS: readonly Column[] = [
  { key: 'attention', label: 'list.stage' },
  { key: 'name', label: 'list.name' },
  { key: 'hardware', label: 'list.hardware' },
  { key: 'cpu', label: 'list.cpu' },
  { key: 'memory', label: 'list.memory' },
  { key: 'network', label: 'list.network' },
  { key: 'since', label: 'list.since' },
  { key: 'uptime', label: 'list.uptime' },
];

/**
 * The compact list: one row per Space, columns that sort when their header is pressed
 * (again for the other direction), and a Space's chart in a row of its own below it.
 */
@Component({
  selector: 'hf-space-table',
  imports: [MatIconModule, TranslocoPipe, SpaceChartComponent, SpaceRowComponent],
  templateUrl: './space-table.component.html',
  styleUrl: './space-table.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpaceTableComponent {
  readonly spaces = input.required<readonly SpaceSummary[]>();
  readonly sort = input.required<SpaceSort>();
  /** Names the table for screen readers: an account, or all of them. */
  readonly caption = input.required<string>();
  readonly sortChange = output<SpaceSort>();

  protected readonly columns = COLUMNS;
  /** Every column, plus the one of the buttons. */
  protected readonly columnCount = COLUMNS.length + 1;
  protected readonly openCharts = signal<ReadonlySet<string>>(new Set());

  protected ariaSort(key: SortKey): 'ascending' | 'descending' | null {
    const sort = this.sort();
    if (sort.key !== key) return null;
    return sort.direction === 'asc' ? 'ascending' : 'descending';
  }

  protected sortBy(key: SortKey): void {
    const current = this.sort();
    const direction = current.key === key ? (current.direction === 'asc' ? 'desc' : 'asc') : NATURAL_DIRECTION[key];
    this.sortChange.emit({ key, direction });
  }

  protected toggleChart(spaceId: string): void {
    this.openCharts.update((open) => {
      const next = new Set(open);
      if (!next.delete(spaceId)) next.add(spaceId);
      return next;
    });
  }

  protected chartId(spaceId: string): string {
    return `chart-row-${spaceId.replace(/[^\w-]/g, '_')}`;
  }
}
