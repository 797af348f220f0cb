import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_ROUTES,
  type MetricHistoryResponse,
  type SpaceAction,
  type SpaceActionResponse,
  type SpacesListResponse,
} from '@hfd/contracts';
import type { Observable } from 'rxjs';
import { spacePath } from '../../../core/api/api-paths';

@Injectable({ providedIn: 'root' })
export class SpacesApiService {
  private readonly http = inject(HttpClient);

  list(): Observable<SpacesListResponse> {
    return this.http.get<SpacesListResponse>(API_ROUTES.spaces);
  }

  /** Asks the server to re-read the inventory from the Hub now (needs a session); answers that inventory. */
  refresh(): Observable<SpacesListResponse> {
    return this.http.post<SpacesListResponse>(API_ROUTES.spacesRefresh, null);
  }

  metricHistory(spaceId: string): Observable<MetricHistoryResponse> {
    return this.http.get<MetricHistoryResponse>(spacePath(spaceId, 'metrics'));
  }

  runAction(spaceId: string, action: SpaceAction): Observable<SpaceActionResponse> {
    return this.http.post<SpaceActionResponse>(spacePath(spaceId, action), null);
  }
}
