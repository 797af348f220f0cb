import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatCardModule } from '@angular/material/card';
import { MatIconModule } from '@angular/material/icon';
import { MatTooltipModule } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import type { SpaceSummary } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { LanguageService } from '../../../core/i18n/language.service';
import { AutomationSummaryStore } from '../../automations/automation-summary.store';
import { WhenPipe } from '../../people/when.pipe';
import type { AppIconName } from '../../../core/icons/app-icons';
import { LayoutService } from '../../../core/layout/layout.service';
import { RovingToolbarDirective } from '../../../shared/a11y/roving-toolbar.directive';
import { formatBytes, formatUptime } from '../../../shared/format/formatters';
import { BytesPerSecondPipe } from '../../../shared/pipes/bytes-per-second.pipe';
import { BytesPipe } from '../../../shared/pipes/bytes.pipe';
import { PercentValuePipe } from '../../../shared/pipes/percent-value.pipe';
import { RelativeTimeComponent } from '../../../shared/ui/relative-time.component';
import { StageIndicatorComponent } from '../../../shared/ui/stage-indicator.component';
import { StageSinceComponent } from '../../../shared/ui/stage-since.component';
import { StatusStripComponent } from '../../../shared/ui/status-strip.component';
import { spaceSignals } from '../data-access/space-signals';
import { SpacesStore } from '../data-access/spaces.store';
import { SpaceActionsComponent } from '../space-actions/space-actions.component';
import { ChartToggleComponent } from '../space-chart/chart-toggle.component';
import { SpaceChartComponent } from '../space-chart/space-chart.component';
import { StageReasonComponent } from '../stage-reason/stage-reason.component';

interface CardLink {
  testId: 'open-app' | 'open-hub';
  href: string;
  icon: AppIconName;
  label: string;
}

/**
 * One Space. It reads its own metric signal, so a sample for this Space re-renders this
 * card only; a new inventory re-renders it only if this Space's data changed.
 *
 * Its links and actions form one toolbar: a single Tab stop, arrow keys within.
 */
@Component({
  selector: 'hf-space-card',
  imports: [
    WhenPipe,
    MatButtonModule,
    MatCardModule,
    MatIconModule,
    MatTooltipModule,
    RouterLink,
    TranslocoPipe,
    StatusStripComponent,
    BytesPerSecondPipe,
    BytesPipe,
    PercentValuePipe,
    RelativeTimeComponent,
    RovingToolbarDirective,
    StageIndicatorComponent,
    StageReasonComponent,
    StageSinceComponent,
    ChartToggleComponent,
    SpaceActionsComponent,
    SpaceChartComponent,
  ],
  templateUrl: './space-card.component.html',
  styleUrl: './space-card.component.scss',
  host: {
    // An open chart takes the whole row: the card beside it keeps its own height.
    '[class.chart-open]': 'chartOpen()',
    // Stable hooks for the browser tests (apps/dashboard-e2e); the stage is on hf-stage-indicator.
    'data-testid': 'space-card',
    '[attr.data-space-id]': 'space().id',
    // FOCUS_SCOPE_ATTRIBUTE: a control of this card that goes away hands the focus to another.
    'data-focus-scope': '',
  },
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpaceCardComponent {
  readonly space = input.required<SpaceSummary>();

  protected readonly lang = inject(LanguageService).lang;
  /** On phones the links are icons with tooltips and the actions a menu; elsewhere they are words. */
  protected readonly compact = inject(LayoutService).compact;

  private readonly store = inject(SpacesStore);
  private readonly automations = inject(AutomationSummaryStore);
  /** The next scheduled action and a ladder that gave up, from one read of the rules for all cards. */
  protected readonly automation = computed(() => this.automations.of(this.space().id));
  /** Stage, load and hardware of this Space, as the template reads them. */
  protected readonly view = spaceSignals(this.space, this.store);
  /** Its page: history, uptime, incidents. */
  protected readonly pageLink = computed(() => ['/spaces', this.space().owner, this.space().name]);
  protected readonly uptime = computed(() => this.store.uptime(this.space().id));
  protected readonly uptimeText = computed(() => formatUptime(this.uptime()?.windows[0]?.ratio ?? null, this.lang()));
  /** "of 16 GB" beside the memory percentage; the Hub does not always report the total. */
  protected readonly memoryTotal = computed(() => {
    const total = this.view.sample()?.memoryTotalBytes;
    return total ? formatBytes(total, this.lang()) : null;
  });
  protected readonly domId = computed(() => `space-${this.space().id.replace(/[^\w-]/g, '_')}`);
  /** Its app (when the Hub gives it an address) and its Hub page, each opening in a new tab. */
  protected readonly links = computed<CardLink[]>(() => {
    const { appUrl, hubUrl } = this.space();
    const hub: CardLink = { testId: 'open-hub', href: hubUrl, icon: 'article', label: 'card.openHubShort' };
    return appUrl ? [{ testId: 'open-app', href: appUrl, icon: 'open-in-new', label: 'card.openAppShort' }, hub] : [hub];
  });

  protected readonly chartOpen = signal(false);
}
