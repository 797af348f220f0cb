import { Injectable } from '@nestjs/common';
import {
  ERROR_CODES,
  STATUS_BAR_SLOTS,
  UPTIME_WINDOW_MS,
  UPTIME_WINDOWS,
  type HistoryResponse,
  type Incident,
  type IncidentsResponse,
  type RuntimeStage,
  type SpaceSummary,
  type SpaceUptime,
  type SpaceUptimeResponse,
  type TransitionSource,
  type AvailabilityState,
  type UptimeFigure,
  type UptimeBarOption,
  type UptimeResponse,
  type UptimeWindow,
} from '@hfd/contracts';
import { Persistence } from '@hfd/persistence';
import { ApiException } from '../common/errors/api.exception';
import type { Principal } from '../common/http/principal';
import { AppConfigService } from '../config/app-config.service';
import { HistoryAccess } from './history-access';
import { HistoryClock } from './history-clock';
import { incidentsOf, periodsBySpace, statusBar, stripOf, sumFigures, uptimeFigure } from './timeline';

const DAY_MS = 86_400_000;
/** Transitions one history answer carries at most (newest first). */
export const HISTORY_LIMIT = 1000;
/** The default range of the incident list: the last 30 days. */
const INCIDENTS_DEFAULT_MS = 30 * DAY_MS;
/** Uptime gauges are this fresh at most: scrapers come every 15 s or so, uptime moves slowly. */
const GAUGE_TTL_MS = 60_000;

/** A `?from&to` pair, checked: both times, from before to, at most the retention apart. */
export interface TimeRange {
  from?: string;
  to?: string;
}

/** History, uptime and incidents, read from the stored transitions under the caller's visibility. */
@Injectable()
export class HistoryService {
  private readonly stuckMs: number;
  private readonly retentionMs: number;
  private gauges: { key: string; at: number; figures: Promise<Map<string, UptimeFigure[]>> } | null = null;

  constructor(
    private readonly persistence: Persistence,
    private readonly access: HistoryAccess,
    private readonly clock: HistoryClock,
    config: AppConfigService,
  ) {
    this.stuckMs = config.get('INCIDENT_STUCK_AFTER');
    this.retentionMs = config.get('HISTORY_RETENTION');
  }

  async history(owner: string, name: string, range: TimeRange, principal: Principal | null): Promise<HistoryResponse> {
    const space = this.access.visibleSpace(owner, name, principal);
    const { from, to } = this.range(range, DAY_MS);
    const records = await this.persistence.history.list(space.id, from, to, HISTORY_LIMIT);
    return {
      spaceId: space.id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      transitions: records.map((record) => ({
        spaceId: space.id,
        at: new Date(record.at).toISOString(),
        from: record.from as RuntimeStage | null,
        to: record.to as RuntimeStage | null,
        source: record.source as TransitionSource,
        actor: record.actor,
        state: record.state as AvailabilityState,
      })),
    };
  }

  async spaceUptime(owner: string, name: string, windows: readonly UptimeWindow[] | undefined, principal: Principal | null): Promise<SpaceUptimeResponse> {
    const space = this.access.visibleSpace(owner, name, principal);
    const now = this.clock.now();
    const [uptime] = await this.uptimeOf([space], windows ?? UPTIME_WINDOWS, 'true', now);
    return { at: new Date(now).toISOString(), ...uptime };
  }

  async uptime(windows: readonly UptimeWindow[] | undefined, bar: UptimeBarOption, principal: Principal | null): Promise<UptimeResponse> {
    const spaces = this.access.visibleSpaces(principal);
    const now = this.clock.now();
    const chosen = windows ?? ['24h'];
    const perSpace = await this.uptimeOf(spaces, chosen, bar, now);
    const byAccount = new Map<string, UptimeFigure[][]>();
    for (const [index, space] of spaces.entries()) {
      const list = byAccount.get(space.owner) ?? [];
      list.push(perSpace[index].windows);
      byAccount.set(space.owner, list);
    }
    const sum = (figures: UptimeFigure[][]) => chosen.map((window, index) => sumFigures(window, figures.map((each) => each[index])));
    return {
      at: new Date(now).toISOString(),
      spaces: perSpace,
      accounts: [...byAccount].map(([account, figures]) => ({ account, windows: sum(figures) })),
      fleet: sum(perSpace.map((space) => space.windows)),
    };
  }

  async incidents(range: TimeRange, principal: Principal | null, only?: { owner: string; name: string }): Promise<IncidentsResponse> {
    const spaces = only ? [this.access.visibleSpace(only.owner, only.name, principal)] : this.access.visibleSpaces(principal);
    const { from, to } = this.range(range, INCIDENTS_DEFAULT_MS);
    const now = Math.min(to, this.clock.now());
    const records = await this.persistence.history.spans(this.idsOf(spaces, only !== undefined), from, to);
    const visible = new Set(spaces.map((space) => space.id));
    const incidents: Incident[] = [];
    for (const [spaceId, periods] of periodsBySpace(records, now)) {
      if (visible.has(spaceId)) incidents.push(...incidentsOf(spaceId, periods, now, this.stuckMs));
    }
    // Open first, then the newest.
    incidents.sort((a, b) => Number(a.end !== null) - Number(b.end !== null) || b.start.localeCompare(a.start));
    return { from: new Date(from).toISOString(), to: new Date(to).toISOString(), incidents };
  }

  /**
   * The figures of each of `spaces` (already filtered by the caller's visibility) for the
   * Prometheus gauges: every Space's, computed at most once per GAUGE_TTL_MS however often
   * and by whom it is scraped (a 30-day window of every Space is the costliest query here).
   */
  async figuresOf(spaces: readonly SpaceSummary[], windows: readonly UptimeWindow[]): Promise<UptimeFigure[][]> {
    const key = windows.join(',');
    const now = this.clock.now();
    if (!this.gauges || this.gauges.key !== key || now - this.gauges.at >= GAUGE_TTL_MS) {
      const all = this.access.allSpaces();
      const computed = this.uptimeOf(all, windows, 'false', now).then((figures) => new Map(figures.map((space) => [space.spaceId, space.windows])));
      this.gauges = { key, at: now, figures: computed };
      // A failed read is not kept: the next scrape tries again.
      computed.catch(() => {
        if (this.gauges?.figures === computed) this.gauges = null;
      });
    }
    const figures = await this.gauges.figures;
    return spaces.map((space) => figures.get(space.id) ?? windows.map((window) => uptimeFigure(window, UPTIME_WINDOW_MS[window], undefined)));
  }

  /**
   * The incident of one Space that opened or closed at `at` (a transition just recorded), if
   * any: what the stream announces. Read from the database, so after the transition's write.
   */
  async incidentChangedAt(spaceId: string, at: number): Promise<Incident | null> {
    const now = this.clock.now();
    const records = await this.persistence.history.spans([spaceId], now - INCIDENTS_DEFAULT_MS, now + 1);
    const periods = periodsBySpace(records, now).get(spaceId) ?? [];
    const when = new Date(at).toISOString();
    return incidentsOf(spaceId, periods, now, this.stuckMs).find((incident) => incident.start === when || incident.end === when) ?? null;
  }

  /** `bar`: see UPTIME_BAR_OPTIONS. */
  private async uptimeOf(spaces: readonly SpaceSummary[], windows: readonly UptimeWindow[], bar: UptimeBarOption, now: number): Promise<SpaceUptime[]> {
    const ids = this.idsOf(spaces, spaces.length === 1);
    const from = now - DAY_MS;
    // Together: on PostgreSQL each query has a connection of its own, so the answer waits for the slowest, not for the sum.
    const [sums, records] = await Promise.all([
      Promise.all(windows.map((window) => this.persistence.history.sums(ids, now - UPTIME_WINDOW_MS[window], now))),
      bar === 'false' ? null : this.persistence.history.spans(ids, from, now),
    ]);
    let bars: Map<string, ReturnType<typeof statusBar>> | null = null;
    if (records !== null) {
      const periods = periodsBySpace(records, now);
      bars = new Map(spaces.map((space) => [space.id, statusBar(periods.get(space.id) ?? [], from, now, STATUS_BAR_SLOTS)]));
    }
    return spaces.map((space) => {
      const figures = { spaceId: space.id, windows: windows.map((window, index) => uptimeFigure(window, UPTIME_WINDOW_MS[window], sums[index].get(space.id))) };
      const slots = bars?.get(space.id);
      if (slots === undefined) return figures;
      return bar === 'strip' ? { ...figures, strip: stripOf(slots) } : { ...figures, bar: slots };
    });
  }

  /**
   * The ids to ask the database for: the one Space, or null (every Space: one scan beats a long
   * IN list) when the caller sees many; what the caller may not see is dropped afterwards.
   */
  private idsOf(spaces: readonly SpaceSummary[], single: boolean): string[] | null {
    return single || spaces.length <= 20 ? spaces.map((space) => space.id) : null;
  }

  private range(range: TimeRange, defaultSpanMs: number): { from: number; to: number } {
    const to = range.to === undefined ? this.clock.now() : Date.parse(range.to);
    const from = range.from === undefined ? to - defaultSpanMs : Date.parse(range.from);
    if (!(from < to)) throw new ApiException(400, ERROR_CODES.invalidTimeRange, 'from must be before to');
    if (to - from > this.retentionMs + DAY_MS) throw new ApiException(400, ERROR_CODES.invalidTimeRange, 'The range may not be longer than HISTORY_RETENTION');
    return { from, to };
  }
}
