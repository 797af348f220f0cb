import { ChangeDetectionStrategy, Component, computed, input, output } from '@angular/core';
import { MatIconModule } from '@angular/material/icon';
import { TranslocoPipe } from '@jsverse/transloco';
import { BytesPerSecondPipe } from '../../../shared/pipes/bytes-per-second.pipe';
import type { StatusFilter } from '../data-access/space-filters';
import type { OverviewCounts } from '../data-access/space-view';
import type { TrafficTotals } from '../data-access/spaces.store';

interface FilterTile {
  filter: StatusFilter;
  label: string;
  value: number;
  alert: boolean;
}

/** The overview line. The Space counters are filters too: one click shows just those Spaces. */
@Component({
  selector: 'hf-overview-counters',
  imports: [MatIconModule, TranslocoPipe, BytesPerSecondPipe],
  templateUrl: './overview-counters.component.html',
  styleUrl: './overview-counters.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class OverviewCountersComponent {
  readonly counts = input.required<OverviewCounts>();
  /** Null until the first load sample: then the totals say they wait rather than show a zero. */
  readonly totals = input.required<TrafficTotals | null>();
  readonly status = input.required<StatusFilter>();
  readonly lang = input.required<string>();
  readonly statusChange = output<StatusFilter>();

  protected readonly hintId = 'overview-filter-hint';

  protected readonly tiles = computed<FilterTile[]>(() => {
    const counts = this.counts();
    return [
      { filter: 'all', label: 'overview.spaces', value: counts.spaces, alert: false },
      { filter: 'running', label: 'overview.running', value: counts.running, alert: false },
      { filter: 'not-running', label: 'overview.notRunning', value: counts.notRunning, alert: false },
      { filter: 'error', label: 'overview.attention', value: counts.attention, alert: counts.attention > 0 },
    ];
  });

  /** Clicking the active counter again goes back to all Spaces. */
  protected select(filter: StatusFilter): void {
    this.statusChange.emit(this.status() === filter ? 'all' : filter);
  }
}
