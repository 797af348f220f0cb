import { HttpClient, HttpContext, HttpContextToken } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { API_ROUTES, type LoginRequest, type LoginResponse, type MeResponse, type OidcTokenRequest } from '@hfd/contracts';
import type { Observable } from 'rxjs';

/** Marks a request whose 401 must not be reported as an expired session (logging out, for one). */
export const SILENT_UNAUTHORIZED = new HttpContextToken<boolean>(() => false);

@Injectable({ providedIn: 'root' })
export class AuthApiService {
  private readonly http = inject(HttpClient);

  login(credentials: LoginRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(API_ROUTES.login, credentials);
  }

  oidcToken(ticket: string): Observable<LoginResponse> {
    const body: OidcTokenRequest = { ticket };
    return this.http.post<LoginResponse>(API_ROUTES.oidcToken, body);
  }

  me(): Observable<MeResponse> {
    return this.http.get<MeResponse>(API_ROUTES.me);
  }

  logout(): Observable<void> {
    return this.http.post<void>(API_ROUTES.logout, null, {
      context: new HttpContext().set(SILENT_UNAUTHORIZED, true),
    });
  }
}
