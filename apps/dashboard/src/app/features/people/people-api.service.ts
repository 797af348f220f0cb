import { HttpClient, HttpParams } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import {
  API_ROUTES,
  type ApiKeysListResponse,
  type AuditPage,
  type AuditQuery,
  type ChangePasswordRequest,
  type CreateApiKeyRequest,
  type CreateApiKeyResponse,
  type CreateUserRequest,
  type LoginResponse,
  type MeResponse,
  type SessionsListResponse,
  type TotpDisableRequest,
  type TotpEnableResponse,
  type TotpSetupResponse,
  type UpdateUserRequest,
  type User,
  type UsersListResponse,
} from '@hfd/contracts';
import type { Observable } from 'rxjs';

/** Users, keys, sessions, TOTP and the audit log. Every call goes through the auth interceptor (the header, never the URL). */
@Injectable({ providedIn: 'root' })
export class PeopleApiService {
  private readonly http = inject(HttpClient);

  me(): Observable<MeResponse> {
    return this.http.get<MeResponse>(API_ROUTES.me);
  }

  changePassword(body: ChangePasswordRequest): Observable<LoginResponse> {
    return this.http.post<LoginResponse>(API_ROUTES.password, body);
  }

  totpSetup(password: string): Observable<TotpSetupResponse> {
    return this.http.post<TotpSetupResponse>(`${API_ROUTES.totp}/setup`, { password });
  }

  totpEnable(code: string): Observable<TotpEnableResponse> {
    return this.http.post<TotpEnableResponse>(`${API_ROUTES.totp}/enable`, { code });
  }

  totpDisable(body: TotpDisableRequest): Observable<void> {
    return this.http.post<void>(`${API_ROUTES.totp}/disable`, body);
  }

  sessions(): Observable<SessionsListResponse> {
    return this.http.get<SessionsListResponse>(API_ROUTES.sessions);
  }

  revokeSession(id: string): Observable<void> {
    return this.http.delete<void>(`${API_ROUTES.sessions}/${encodeURIComponent(id)}`);
  }

  users(): Observable<UsersListResponse> {
    return this.http.get<UsersListResponse>(API_ROUTES.users);
  }

  createUser(body: CreateUserRequest): Observable<User> {
    return this.http.post<User>(API_ROUTES.users, body);
  }

  updateUser(id: string, body: UpdateUserRequest): Observable<User> {
    return this.http.patch<User>(`${API_ROUTES.users}/${encodeURIComponent(id)}`, body);
  }

  deleteUser(id: string): Observable<void> {
    return this.http.delete<void>(`${API_ROUTES.users}/${encodeURIComponent(id)}`);
  }

  apiKeys(): Observable<ApiKeysListResponse> {
    return this.http.get<ApiKeysListResponse>(API_ROUTES.apiKeys);
  }

  createApiKey(body: CreateApiKeyRequest): Observable<CreateApiKeyResponse> {
    return this.http.post<CreateApiKeyResponse>(API_ROUTES.apiKeys, body);
  }

  revokeApiKey(id: string): Observable<void> {
    return this.http.delete<void>(`${API_ROUTES.apiKeys}/${encodeURIComponent(id)}`);
  }

  audit(query: AuditQuery): Observable<AuditPage> {
    return this.http.get<AuditPage>(API_ROUTES.audit, { params: auditParams(query) });
  }

  /** The CSV as a file, fetched with the session header like every other call. */
  auditCsv(query: AuditQuery): Observable<Blob> {
    return this.http.get(API_ROUTES.auditCsv, { params: auditParams({ ...query, cursor: undefined, limit: undefined }), responseType: 'blob' });
  }
}

function auditParams(query: AuditQuery): HttpParams {
  let params = new HttpParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params = params.set(key, String(value));
  }
  return params;
}
