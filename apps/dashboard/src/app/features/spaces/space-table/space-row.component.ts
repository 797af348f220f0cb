import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import type { SpaceSummary } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';
import { formatUptime } from '../../../shared/format/formatters';
import { BytesPerSecondPipe } from '../../../shared/pipes/bytes-per-second.pipe';
import { BytesPipe } from '../../../shared/pipes/bytes.pipe';
import { PercentValuePipe } from '../../../shared/pipes/percent-value.pipe';
import { StageIndicatorComponent } from '../../../shared/ui/stage-indicator.component';
import { StageSinceComponent } from '../../../shared/ui/stage-since.component';
import { spaceSignals } from '../data-access/space-signals';
import { SpacesStore } from '../data-access/spaces.store';
import { SpaceActionsComponent } from '../space-actions/space-actions.component';
import { ChartToggleComponent } from '../space-chart/chart-toggle.component';
import { StageReasonComponent } from '../stage-reason/stage-reason.component';

/** The load columns (CPU, memory, network), which a Space that is not running fills with its reason. */
const LOAD_COLUMNS = 3;

/**
 * One Space as a table row. Like a card it reads its own metric signal, so a sample
 * re-renders this row alone. The name is the row's header cell.
 */
@Component({
  // A table row must be a <tr>: the component is an attribute on one.
  // eslint-disable-next-line @angular-eslint/component-selector
  selector: 'tr[hf-space-row]',
  imports: [
    ChartToggleComponent,
    TranslocoPipe,
    BytesPerSecondPipe,
    BytesPipe,
    PercentValuePipe,
    StageIndicatorComponent,
    StageReasonComponent,
    StageSinceComponent,
    SpaceActionsComponent,
  ],
  templateUrl: './space-row.component.html',
  styleUrl: './space-row.component.scss',
  host: {
    class: 'row',
    'data-testid': 'space-row',
    '[attr.data-space-id]': 'space().id',
    // FOCUS_SCOPE_ATTRIBUTE: a control of this row that goes away hands the focus to another.
    'data-focus-scope': '',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpaceRowComponent {
  readonly space = input.required<SpaceSummary>();
  readonly chartOpen = input(false);
  readonly chartToggle = output();

  protected readonly lang = inject(LanguageService).lang;
  protected readonly loadColumns = LOAD_COLUMNS;

  private readonly store = inject(SpacesStore);
  /** Stage, load and hardware of this Space, as the template reads them. */
  protected readonly view = spaceSignals(this.space, this.store);
  /** The last 24 hours, as far as this server watched. */
  protected readonly uptimeText = computed(() => formatUptime(this.store.uptime(this.space().id)?.windows[0]?.ratio ?? null, this.lang()));
  protected readonly chartId = computed(() => `chart-row-${this.space().id.replace(/[^\w-]/g, '_')}`);
}
