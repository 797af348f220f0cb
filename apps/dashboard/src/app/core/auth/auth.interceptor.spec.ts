import { HttpClient, HttpContext } from '@angular/common/http';
import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API_ROUTES, ERROR_CODES, type LoginResponse } from '@hfd/contracts';
import { provideTestDefaults } from '../../../testing/test-providers';
import { Notifier } from '../notify/notifier.service';
import { SILENT_UNAUTHORIZED } from './auth-api.service';
import { SessionStore } from './session.store';

const LOGIN: LoginResponse = {
  accessToken: 'jwt-123',
  tokenType: 'Bearer',
  expiresAt: new Date(Date.now() + 3_600_000).toISOString(),
  username: 'admin',
  role: 'admin',
  accounts: null,
};

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let session: SessionStore;
  let notifier: { info: jest.Mock; error: jest.Mock };

  function logIn(): void {
    session.login({ username: 'admin', password: 'pw' }).subscribe();
    backend.expectOne(API_ROUTES.login).flush(LOGIN);
  }

  beforeEach(() => {
    localStorage.clear();
    notifier = { info: jest.fn(), error: jest.fn() };
    TestBed.configureTestingModule({
      providers: [...provideTestDefaults(), { provide: Notifier, useValue: notifier }],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    session = TestBed.inject(SessionStore);
  });

  afterEach(() => backend.verify());

  it('sends no Authorization header without a session', () => {
    http.get(API_ROUTES.spaces).subscribe();
    expect(backend.expectOne(API_ROUTES.spaces).request.headers.has('Authorization')).toBe(false);
  });

  it('sends the session token as a Bearer header to our API', () => {
    logIn();
    http.get(API_ROUTES.spaces).subscribe();
    const request = backend.expectOne(API_ROUTES.spaces).request;
    expect(request.headers.get('Authorization')).toBe('Bearer jwt-123');
    expect(request.urlWithParams).not.toContain('jwt-123');
  });

  it('never sends the token to another origin', () => {
    logIn();
    http.get('https://huggingface.co/api/spaces').subscribe();
    expect(backend.expectOne('https://huggingface.co/api/spaces').request.headers.has('Authorization')).toBe(false);
  });

  it('turns a 401 into a read-only page with a notice', () => {
    logIn();
    let failed = false;
    http.post('/api/v1/spaces/a/b/restart', null).subscribe({ error: () => (failed = true) });
    backend
      .expectOne('/api/v1/spaces/a/b/restart')
      .flush({ error: 'Session revoked', code: ERROR_CODES.sessionRevoked }, { status: 401, statusText: 'Unauthorized' });

    expect(failed).toBe(true);
    expect(session.loggedIn()).toBe(false);
    expect(notifier.error).toHaveBeenCalledWith('auth.sessionExpired');
  });

  it('stays quiet when a 401 is expected (logging out with a revoked token)', () => {
    logIn();
    http
      .post(API_ROUTES.logout, null, { context: new HttpContext().set(SILENT_UNAUTHORIZED, true) })
      .subscribe({ error: () => undefined });
    backend.expectOne(API_ROUTES.logout).flush(null, { status: 401, statusText: 'Unauthorized' });
    expect(notifier.error).not.toHaveBeenCalled();
  });

  it('does not report a session expiry for an anonymous 401 (a wrong password)', () => {
    http.post(API_ROUTES.login, {}).subscribe({ error: () => undefined });
    backend
      .expectOne(API_ROUTES.login)
      .flush({ error: 'Invalid', code: ERROR_CODES.invalidCredentials }, { status: 401, statusText: 'Unauthorized' });
    expect(notifier.error).not.toHaveBeenCalled();
  });
});
