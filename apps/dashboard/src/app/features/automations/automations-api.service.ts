import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_ROUTES,
  type Automation,
  type AutomationList,
  type AutomationRunList,
  type AutomationRunResponse,
  type CreateAutomationRequest,
  type UpdateAutomationRequest,
} from '@hfd/contracts';
import type { Observable } from 'rxjs';

/** The automations routes; every call goes through the auth interceptor. */
@Injectable({ providedIn: 'root' })
export class AutomationsApiService {
  private readonly http = inject(HttpClient);

  list(space?: string): Observable<AutomationList> {
    const params = space === undefined ? undefined : new HttpParams().set('space', space);
    return this.http.get<AutomationList>(API_ROUTES.automations, { params });
  }

  create(body: CreateAutomationRequest): Observable<Automation> {
    return this.http.post<Automation>(API_ROUTES.automations, body);
  }

  update(id: string, body: UpdateAutomationRequest): Observable<Automation> {
    return this.http.patch<Automation>(`${API_ROUTES.automations}/${encodeURIComponent(id)}`, body);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`${API_ROUTES.automations}/${encodeURIComponent(id)}`);
  }

  run(id: string, dryRun: boolean): Observable<AutomationRunResponse> {
    return this.http.post<AutomationRunResponse>(`${API_ROUTES.automations}/${encodeURIComponent(id)}/run`, null, { params: new HttpParams().set('dryRun', String(dryRun)) });
  }

  runs(id: string): Observable<AutomationRunList> {
    return this.http.get<AutomationRunList>(`${API_ROUTES.automations}/${encodeURIComponent(id)}/runs`, { params: new HttpParams().set('limit', '50') });
  }
}
