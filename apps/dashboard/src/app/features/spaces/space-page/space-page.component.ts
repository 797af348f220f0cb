import {
  ChangeDetectionStrategy,
  Component,
  DestroyRef,
  computed,
  inject,
  input,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toObservable } from '@angular/core/rxjs-interop';
import { MatButtonToggleModule } from '@angular/material/button-toggle';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import {
  API_ROUTES,
  AUTH_HEADER,
  METRIC_RANGES,
  STREAM_EVENT,
  STREAM_HEARTBEAT_SECONDS,
  type HistoryResponse,
  type IncidentsResponse,
  type MetricRange,
  type SpaceUptimeResponse,
} from '@hfd/contracts';
import { sseStream } from '@hfd/sse-client';
import { TranslocoPipe } from '@jsverse/transloco';
import {
  EMPTY,
  catchError,
  combineLatest,
  debounceTime,
  filter,
  forkJoin,
  merge,
  of,
  startWith,
  switchMap,
  timer,
} from 'rxjs';
import { SessionStore } from '../../../core/auth/session.store';
import { SpaceAutomationsComponent } from '../../automations/space-automations.component';
import { LanguageService } from '../../../core/i18n/language.service';
import {
  formatDateTime,
  formatPreciseDuration,
  formatUptime,
} from '../../../shared/format/formatters';
import { StatusBarComponent } from '../../../shared/ui/status-bar.component';
import { HistoryApiService } from '../data-access/history-api.service';
import { SpacesStore } from '../data-access/spaces.store';
import { IncidentListComponent } from '../incidents-panel/incident-list.component';
import { RollupChartComponent } from '../rollup-chart/rollup-chart.component';
import { SpaceCardComponent } from '../space-card/space-card.component';
import { SpaceChartComponent } from '../space-chart/space-chart.component';

/** The page's figures are read again this often, and at once after each recorded transition. */
const REFRESH_MS = 60_000;

interface PageData {
  uptime: SpaceUptimeResponse;
  history: HistoryResponse;
  incidents: IncidentsResponse;
}

/**
 * One Space: its live card as the header, the last 24 hours as a status bar, uptime over four
 * windows (with the time this server did not watch), its load over four ranges, its incidents
 * and its transitions. While the page is open the server holds the Space's Hub status stream
 * (the page's own narrowed stream with `watch=true`), so no stage change is missed.
 */
@Component({
  selector: 'hf-space-page',
  imports: [
    MatButtonToggleModule,
    MatIconModule,
    RouterLink,
    TranslocoPipe,
    IncidentListComponent,
    RollupChartComponent,
    SpaceAutomationsComponent,
    SpaceCardComponent,
    SpaceChartComponent,
    StatusBarComponent,
  ],
  templateUrl: './space-page.component.html',
  styleUrl: './space-page.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpacePageComponent {
  /** Route parameters. */
  readonly owner = input.required<string>();
  readonly name = input.required<string>();

  protected readonly store = inject(SpacesStore);
  private readonly api = inject(HistoryApiService);
  private readonly session = inject(SessionStore);
  protected readonly lang = inject(LanguageService).lang;
  protected readonly ranges = METRIC_RANGES;

  protected readonly spaceId = computed(() => `${this.owner()}/${this.name()}`);
  protected readonly space = computed(() => {
    const id = this.spaceId().toLowerCase();
    return (
      this.store.spaces().find((space) => space.id.toLowerCase() === id) ?? null
    );
  });
  protected readonly data = signal<PageData | null>(null);
  protected readonly failed = signal(false);
  protected readonly range = signal<MetricRange>('5m');
  /** The range when the chart draws stored rollups; null for the live samples of the last 5 minutes. */
  protected readonly rollupRange = computed(() => {
    const range = this.range();
    return range === '5m' ? null : range;
  });

  constructor() {
    this.store.connect();
    const destroyRef = inject(DestroyRef);
    const id$ = toObservable(this.spaceId);
    const token$ = toObservable(this.session.token);
    // The page's own stream, narrowed to this Space and asking the server to watch its status.
    const recorded$ = combineLatest([id$, token$]).pipe(
      switchMap(() =>
        sseStream(
          () => ({
            url: `${API_ROUTES.stream}?spaces=${encodeURIComponent(this.spaceId())}&watch=true`,
            init: { headers: this.authHeaders(), cache: 'no-store' },
          }),
          {
            idleTimeoutMs: STREAM_HEARTBEAT_SECONDS * 2 * 1000 + 5000,
            maxDelayMs: 30_000,
          },
        ).pipe(catchError(() => EMPTY)),
      ),
      filter((event) => event.event === STREAM_EVENT.history),
      // A change and the next often come together (a restart's stages): one read for them.
      debounceTime(500),
    );
    merge(id$, token$, recorded$, timer(REFRESH_MS, REFRESH_MS))
      .pipe(
        startWith(null),
        debounceTime(0),
        switchMap(() =>
          forkJoin({
            uptime: this.api.uptime(this.spaceId()),
            history: this.api.history(this.spaceId()),
            incidents: this.api.incidents(this.spaceId()),
          }).pipe(
            catchError(() => {
              this.failed.set(true);
              return of(null);
            }),
          ),
        ),
        takeUntilDestroyed(destroyRef),
      )
      .subscribe((data) => {
        if (!data) return;
        this.failed.set(false);
        this.data.set(data);
      });
  }

  protected uptimeText(ratio: number | null): string {
    return formatUptime(ratio, this.lang());
  }

  protected duration(ms: number): string {
    return formatPreciseDuration(ms, this.lang());
  }

  protected time(value: string): string {
    return formatDateTime(value, this.lang());
  }

  private authHeaders(): Record<string, string> {
    const token = this.session.token();
    return token ? { [AUTH_HEADER]: `Bearer ${token}` } : {};
  }
}
