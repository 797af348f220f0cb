import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API_ROUTES } from '@hfd/contracts';
import { provideTestDefaults } from '../../../testing/test-providers';
import { Notifier } from '../notify/notifier.service';
import { STORAGE_KEYS } from '../storage/browser-storage';
import { SessionStore } from './session.store';

describe('SessionStore', () => {
  let notifier: { info: jest.Mock; error: jest.Mock };

  function setUp(): { session: SessionStore; backend: HttpTestingController } {
    notifier = { info: jest.fn(), error: jest.fn() };
    TestBed.configureTestingModule({
      providers: [...provideTestDefaults(), { provide: Notifier, useValue: notifier }],
    });
    return { session: TestBed.inject(SessionStore), backend: TestBed.inject(HttpTestingController) };
  }

  beforeEach(() => localStorage.clear());
  afterEach(() => jest.useRealTimers());

  it('starts a session from the login answer and remembers it', () => {
    const { session, backend } = setUp();
    session.login({ username: 'admin', password: 'pw' }).subscribe();
    const request = backend.expectOne(API_ROUTES.login);
    expect(request.request.body).toEqual({ username: 'admin', password: 'pw' });
    request.flush({ accessToken: 't', tokenType: 'Bearer', expiresAt: '2999-01-01T00:00:00.000Z', username: 'admin' });

    expect(session.loggedIn()).toBe(true);
    expect(session.username()).toBe('admin');
    expect(JSON.parse(localStorage.getItem(STORAGE_KEYS.session) ?? '{}')).toMatchObject({ token: 't' });
  });

  it('restores a remembered session that has not expired, and drops one that has', () => {
    localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'admin', expiresAt: Date.now() + 60_000 }));
    expect(setUp().session.token()).toBe('t');

    TestBed.resetTestingModule();
    localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'admin', expiresAt: Date.now() - 1 }));
    expect(setUp().session.loggedIn()).toBe(false);
    expect(localStorage.getItem(STORAGE_KEYS.session)).toBeNull();
  });

  it('keeps the role of the login answer, and remembers it', () => {
    const { session, backend } = setUp();
    session.login({ username: 'vera', password: 'pw' }).subscribe();
    backend
      .expectOne(API_ROUTES.login)
      .flush({ accessToken: 't', tokenType: 'Bearer', expiresAt: '2999-01-01T00:00:00.000Z', username: 'vera', role: 'viewer', accounts: ['alice'] });
    expect(session.role()).toBe('viewer');
    expect(session.canAct()).toBe(false);
    expect(session.isAdmin()).toBe(false);
    expect(JSON.parse(localStorage.getItem(STORAGE_KEYS.session) ?? '{}')).toMatchObject({ role: 'viewer', accounts: ['alice'] });
  });

  it('offers the least to a session remembered without a role until /auth/me says more', () => {
    localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'admin', expiresAt: Date.now() + 60_000 }));
    const { session, backend } = setUp();
    expect(session.role()).toBe('viewer');
    session.verify();
    backend.expectOne(API_ROUTES.me).flush({ username: 'admin', expiresAt: '2999-01-01T00:00:00.000Z', role: 'admin', accounts: null, totpEnabled: false, sessionId: 's' });
    expect(session.isAdmin()).toBe(true);
  });

  it('ends the session the server ended, with its own notice', () => {
    localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'admin', expiresAt: Date.now() + 60_000, role: 'admin', accounts: null }));
    const { session } = setUp();
    session.ended();
    expect(session.loggedIn()).toBe(false);
    expect(notifier.error).toHaveBeenCalledWith('auth.sessionEnded');
  });

  it('ignores a tampered remembered session', () => {
    localStorage.setItem(STORAGE_KEYS.session, '{"token": 42}');
    expect(setUp().session.loggedIn()).toBe(false);
  });

  it('ends the session by itself when its time is up, with a notice', () => {
    jest.useFakeTimers();
    localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'admin', expiresAt: Date.now() + 5_000 }));
    const { session } = setUp();
    expect(session.loggedIn()).toBe(true);
    jest.advanceTimersByTime(5_001);
    expect(session.loggedIn()).toBe(false);
    expect(notifier.error).toHaveBeenCalledWith('auth.sessionExpired');
  });

  it('logs out: revokes the token on the server and goes read-only at once', () => {
    localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'admin', expiresAt: Date.now() + 60_000 }));
    const { session, backend } = setUp();
    session.logout();
    expect(session.loggedIn()).toBe(false);
    const request = backend.expectOne(API_ROUTES.logout);
    expect(request.request.headers.get('Authorization')).toBe('Bearer t');
    request.flush(null, { status: 401, statusText: 'Unauthorized' });
    expect(notifier.info).toHaveBeenCalledWith('auth.loggedOut');
    expect(notifier.error).not.toHaveBeenCalled();
  });

  it('checks a remembered session with the server and ends it if refused', () => {
    localStorage.setItem(STORAGE_KEYS.session, JSON.stringify({ token: 't', username: 'admin', expiresAt: Date.now() + 60_000 }));
    const { session, backend } = setUp();
    session.verify();
    backend.expectOne(API_ROUTES.me).flush({ error: 'revoked', code: 'SESSION_REVOKED' }, { status: 401, statusText: 'Unauthorized' });
    expect(session.loggedIn()).toBe(false);
    expect(notifier.error).toHaveBeenCalledWith('auth.sessionExpired');
  });
});
