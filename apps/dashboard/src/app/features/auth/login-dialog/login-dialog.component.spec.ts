import { HttpTestingController } from '@angular/common/http/testing';
import { TestBed, type ComponentFixture } from '@angular/core/testing';
import { MatDialogRef } from '@angular/material/dialog';
import { API_ROUTES, ERROR_CODES } from '@hfd/contracts';
import { provideTestDefaults } from '../../../../testing/test-providers';
import { SessionStore } from '../../../core/auth/session.store';
import { ConfigStore } from '../../../core/config/config.store';
import { Notifier } from '../../../core/notify/notifier.service';
import { LoginDialogComponent } from './login-dialog.component';

describe('LoginDialogComponent', () => {
  let fixture: ComponentFixture<LoginDialogComponent>;
  let backend: HttpTestingController;
  let close: jest.Mock;
  let notifier: { info: jest.Mock; error: jest.Mock };

  beforeEach(async () => {
    localStorage.clear();
    close = jest.fn();
    notifier = { info: jest.fn(), error: jest.fn() };
    TestBed.configureTestingModule({
      providers: [
        ...provideTestDefaults(),
        { provide: MatDialogRef, useValue: { close } },
        { provide: Notifier, useValue: notifier },
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(LoginDialogComponent);
    await fixture.whenStable();
  });

  afterEach(() => {
    backend.verify();
    jest.useRealTimers();
  });

  const element = (): HTMLElement => fixture.nativeElement as HTMLElement;
  const submitButton = (): HTMLButtonElement => element().querySelector('button[type="submit"]') as HTMLButtonElement;
  const alertText = (): string | undefined => element().querySelector('[role="alert"]')?.textContent?.trim();

  async function submit(username: string, password: string): Promise<void> {
    const [user, pass] = Array.from(element().querySelectorAll('input'));
    user.value = username;
    user.dispatchEvent(new Event('input'));
    pass.value = password;
    pass.dispatchEvent(new Event('input'));
    submitButton().click();
    await fixture.whenStable();
  }

  it('asks for the TOTP code when the password was right, and sends all three', async () => {
    await submit('vera', 'pw-pw-pw-pw-pw');
    backend
      .expectOne(API_ROUTES.login)
      .flush({ error: 'Code required', code: ERROR_CODES.totpRequired }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(element().querySelector('[data-testid="login-code-step"]')).not.toBeNull();
    expect(alertText()).toBeUndefined();

    const code = element().querySelector<HTMLInputElement>('[data-testid="login-code"]');
    if (!code) throw new Error('no code field');
    code.value = ' 123456 ';
    code.dispatchEvent(new Event('input'));
    submitButton().click();
    await fixture.whenStable();
    const request = backend.expectOne(API_ROUTES.login);
    expect(request.request.body).toEqual({ username: 'vera', password: 'pw-pw-pw-pw-pw', code: '123456' });
    request.flush({ error: 'Wrong', code: ERROR_CODES.invalidTotpCode }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();
    expect(alertText()).toBe('That code is wrong or was already used.');
  });

  it('offers single sign-on only when the server has it', async () => {
    expect(element().querySelector('[data-testid="login-sso"]')).toBeNull();
    TestBed.inject(ConfigStore).load();
    backend.expectOne(API_ROUTES.config).flush({ accounts: [], showPrivate: false, demo: false, version: '1', refreshIntervalSeconds: 60, singleSignOn: true, storage: { kind: 'sqlite', ephemeral: false } });
    await fixture.whenStable();
    expect(element().querySelector('[data-testid="login-sso"]')?.getAttribute('href')).toBe(API_ROUTES.oidcLogin);
  });

  it('logs in, closes, and says so', async () => {
    await submit('admin', 's3cret');
    const request = backend.expectOne(API_ROUTES.login);
    expect(request.request.body).toEqual({ username: 'admin', password: 's3cret' });
    request.flush({ accessToken: 'jwt', tokenType: 'Bearer', expiresAt: '2999-01-01T00:00:00Z', username: 'admin' });
    await fixture.whenStable();

    expect(TestBed.inject(SessionStore).loggedIn()).toBe(true);
    expect(close).toHaveBeenCalledWith(true);
    expect(notifier.info).toHaveBeenCalledWith('auth.loggedIn', { username: 'admin' });
  });

  it('sends nothing while a field is empty', async () => {
    await submit('admin', '');
    backend.expectNone(API_ROUTES.login);
    expect(element().textContent).toContain('Required');
  });

  it('says the credentials are wrong and stays open, the password kept and selected for retyping, with no "Required"', async () => {
    await submit('admin', 'wrong');
    backend
      .expectOne(API_ROUTES.login)
      .flush({ error: 'Invalid credentials', code: ERROR_CODES.invalidCredentials }, { status: 401, statusText: 'Unauthorized' });
    await fixture.whenStable();

    expect(alertText()).toBe('Wrong user name or password.');
    const password = element().querySelectorAll('input')[1];
    expect(password.value).toBe('wrong');
    expect(document.activeElement).toBe(password);
    expect([password.selectionStart, password.selectionEnd]).toEqual([0, 'wrong'.length]);
    expect(element().textContent).not.toContain('Required');
    expect(close).not.toHaveBeenCalled();
    expect(TestBed.inject(SessionStore).loggedIn()).toBe(false);
    expect(notifier.error).not.toHaveBeenCalled();
  });

  it('when throttled, counts down the Retry-After and blocks the button until then', async () => {
    await submit('admin', 'again');
    // The countdown's interval starts with the answer; from here on time is in the test's hands.
    jest.useFakeTimers();
    backend
      .expectOne(API_ROUTES.login)
      .flush(
        { error: 'Too many attempts', code: ERROR_CODES.loginThrottled },
        { status: 429, statusText: 'Too Many Requests', headers: { 'Retry-After': '3' } },
      );
    fixture.detectChanges();
    expect(alertText()).toBe('Too many failed attempts. Try again in 3 s.');
    expect(submitButton().disabled).toBe(true);

    jest.advanceTimersByTime(1000);
    fixture.detectChanges();
    expect(alertText()).toBe('Too many failed attempts. Try again in 2 s.');

    jest.advanceTimersByTime(2000);
    fixture.detectChanges();
    expect(submitButton().disabled).toBe(false);
    expect(alertText()).toBeUndefined();
  });

  it('says when the server cannot be reached', async () => {
    await submit('admin', 'pw');
    backend.expectOne(API_ROUTES.login).error(new ProgressEvent('error'));
    await fixture.whenStable();
    expect(alertText()).toBe('The dashboard server could not be reached. Check your connection.');
  });
});
