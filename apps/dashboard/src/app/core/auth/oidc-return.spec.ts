import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { API_ROUTES } from '@hfd/contracts';
import { provideTestDefaults } from '../../../testing/test-providers';
import { Notifier } from '../notify/notifier.service';
import { handleOidcReturn } from './oidc-return';
import { SessionStore } from './session.store';

describe('handleOidcReturn', () => {
  let notifier: { info: jest.Mock; error: jest.Mock };

  function run(search: string): HttpTestingController {
    window.history.replaceState(null, '', `/people/audit${search}#top`);
    notifier = { info: jest.fn(), error: jest.fn() };
    TestBed.configureTestingModule({ providers: [...provideTestDefaults(), { provide: Notifier, useValue: notifier }] });
    TestBed.runInInjectionContext(() => handleOidcReturn());
    return TestBed.inject(HttpTestingController);
  }

  beforeEach(() => localStorage.clear());
  afterEach(() => window.history.replaceState(null, '', '/'));

  it('exchanges the one-time ticket for the session, and takes it out of the address bar first', () => {
    const backend = run('?view=list&oidcTicket=t-123');
    expect(window.location.pathname + window.location.search + window.location.hash).toBe('/people/audit?view=list#top');
    const request = backend.expectOne(API_ROUTES.oidcToken);
    expect(request.request.body).toEqual({ ticket: 't-123' });
    request.flush({ accessToken: 'jwt', tokenType: 'Bearer', expiresAt: '2999-01-01T00:00:00Z', username: 'sso-user', role: 'operator', accounts: null });
    expect(TestBed.inject(SessionStore).role()).toBe('operator');
    expect(notifier.info).toHaveBeenCalledWith('auth.loggedIn', { username: 'sso-user' });
  });

  it('says why single sign-on failed, and sends nothing', () => {
    const backend = run('?oidcError=OIDC_NO_ROLE');
    expect(window.location.search).toBe('');
    backend.expectNone(API_ROUTES.oidcToken);
    expect(notifier.error).toHaveBeenCalledWith('sso.errors.OIDC_NO_ROLE');
  });

  it('does nothing on an ordinary visit', () => {
    const backend = run('?view=list');
    expect(window.location.search).toBe('?view=list');
    backend.verify();
    expect(notifier.error).not.toHaveBeenCalled();
  });
});
