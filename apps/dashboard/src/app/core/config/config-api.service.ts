import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_ROUTES, type AppConfigResponse } from '@hfd/contracts';
import type { Observable } from 'rxjs';

@Injectable({ providedIn: 'root' })
export class ConfigApiService {
  private readonly http = inject(HttpClient);

  get(): Observable<AppConfigResponse> {
    return this.http.get<AppConfigResponse>(API_ROUTES.config);
  }
}
