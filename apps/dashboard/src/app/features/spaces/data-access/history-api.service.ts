import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_ROUTES,
  type HistoryResponse,
  type IncidentsResponse,
  type MetricHistoryResponse,
  type MetricRange,
  type MetricRollupResponse,
  type SpaceUptimeResponse,
  type UptimeResponse,
} from '@hfd/contracts';
import type { Observable } from 'rxjs';
import { spacePath } from '../../../core/api/api-paths';

/** History, uptime, incidents and metric rollups, as the server answers them under the visibility rule. */
@Injectable({ providedIn: 'root' })
export class HistoryApiService {
  private readonly http = inject(HttpClient);

  /** Every visible Space's 24-hour uptime and strip (what a card shows), per account and for the fleet. */
  fleetUptime(): Observable<UptimeResponse> {
    return this.http.get<UptimeResponse>(API_ROUTES.uptime, {
      params: { windows: '24h', bar: 'strip' },
    });
  }

  fleetIncidents(): Observable<IncidentsResponse> {
    return this.http.get<IncidentsResponse>(API_ROUTES.incidents);
  }

  uptime(spaceId: string): Observable<SpaceUptimeResponse> {
    return this.http.get<SpaceUptimeResponse>(spacePath(spaceId, 'uptime'));
  }

  history(spaceId: string): Observable<HistoryResponse> {
    return this.http.get<HistoryResponse>(spacePath(spaceId, 'history'));
  }

  incidents(spaceId: string): Observable<IncidentsResponse> {
    return this.http.get<IncidentsResponse>(spacePath(spaceId, 'incidents'));
  }

  rollups(
    spaceId: string,
    range: Exclude<MetricRange, '5m'>,
  ): Observable<MetricRollupResponse> {
    return this.http.get<MetricRollupResponse>(spacePath(spaceId, 'metrics'), {
      params: { range },
    });
  }

  samples(spaceId: string): Observable<MetricHistoryResponse> {
    return this.http.get<MetricHistoryResponse>(spacePath(spaceId, 'metrics'));
  }
}
