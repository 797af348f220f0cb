import { ChangeDetectionStrategy, Component, DestroyRef, ElementRef, Injector, afterNextRender, computed, inject, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { API_ROUTES, ERROR_CODES } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { finalize } from 'rxjs';
import { toApiFailure, type ApiFailure } from '../../../core/api/api-failure';
import { SessionStore } from '../../../core/auth/session.store';
import { ConfigStore } from '../../../core/config/config.store';
import { Notifier } from '../../../core/notify/notifier.service';

interface LoginError {
  key: string;
  params?: Record<string, number>;
}

/** When the server gives no Retry-After, wait this long before allowing another try. */
const DEFAULT_THROTTLE_SECONDS = 30;

function loginError(failure: ApiFailure): LoginError {
  if (failure.status === 0) return { key: 'errors.network' };
  if (failure.code === ERROR_CODES.invalidTotpCode) return { key: 'login.invalidCode' };
  if (failure.code === ERROR_CODES.userDisabled) return { key: 'login.disabled' };
  if (failure.status === 401 || failure.code === ERROR_CODES.invalidCredentials) return { key: 'login.invalid' };
  if (failure.status === 429 || failure.code === ERROR_CODES.loginThrottled) return { key: 'login.throttled' };
  return { key: 'errors.unexpected', params: { status: failure.status } };
}

@Component({
  selector: 'hf-login-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule, TranslocoPipe],
  templateUrl: './login-dialog.component.html',
  styleUrl: './login-dialog.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class LoginDialogComponent {
  private readonly session = inject(SessionStore);
  private readonly notifier = inject(Notifier);
  private readonly dialogRef = inject<MatDialogRef<LoginDialogComponent, boolean>>(MatDialogRef);
  private readonly injector = inject(Injector);
  private readonly passwordInput = viewChild<ElementRef<HTMLInputElement>>('password');
  private readonly codeInput = viewChild<ElementRef<HTMLInputElement>>('code');
  private readonly config = inject(ConfigStore);
  protected readonly singleSignOn = computed(() => this.config.config()?.singleSignOn ?? false);
  protected readonly ssoUrl = API_ROUTES.oidcLogin;
  /** The password was right and the user has TOTP on: the second step asks for a code. */
  protected readonly codeStep = signal(false);
  protected readonly codeControl = new FormControl('', { nonNullable: true, validators: [Validators.required] });

  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });
  protected readonly submitting = signal(false);
  protected readonly error = signal<LoginError | null>(null);
  /** Seconds left before the server accepts another attempt after a 429. */
  protected readonly waitSeconds = signal(0);
  protected readonly blocked = computed(() => this.submitting() || this.waitSeconds() > 0);
  private countdown: ReturnType<typeof setInterval> | null = null;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.stopCountdown());
  }

  protected submit(): void {
    if (this.blocked()) return;
    if (this.form.invalid || (this.codeStep() && this.codeControl.invalid)) {
      this.form.markAllAsTouched();
      this.codeControl.markAsTouched();
      return;
    }
    this.submitting.set(true);
    this.error.set(null);
    const code = this.codeStep() ? { code: this.codeControl.value.trim() } : {};
    this.session
      .login({ ...this.form.getRawValue(), ...code })
      .pipe(finalize(() => this.submitting.set(false)))
      .subscribe({
        next: (response) => {
          this.notifier.info('auth.loggedIn', { username: response.username });
          this.dialogRef.close(true);
        },
        error: (error: unknown) => {
          const failure = toApiFailure(error);
          if (failure.code === ERROR_CODES.totpRequired) {
            this.codeStep.set(true);
            afterNextRender({ write: () => this.codeInput()?.nativeElement.focus() }, { injector: this.injector });
            return;
          }
          const message = loginError(failure);
          this.error.set(message);
          if (message.key === 'login.throttled') this.startCountdown(failure.retryAfterSeconds ?? DEFAULT_THROTTLE_SECONDS);
          // The password stays (a cleared field would also claim "Required"), selected so it can be retyped at once.
          afterNextRender({ write: () => this.selectRetry() }, { injector: this.injector });
        },
      });
  }

  private selectRetry(): void {
    const input = (this.codeStep() ? this.codeInput() : this.passwordInput())?.nativeElement;
    input?.focus();
    input?.select();
  }

  private startCountdown(seconds: number): void {
    this.stopCountdown();
    this.waitSeconds.set(seconds);
    this.countdown = setInterval(() => {
      const left = this.waitSeconds() - 1;
      this.waitSeconds.set(Math.max(0, left));
      if (left <= 0) {
        this.stopCountdown();
        this.error.set(null);
      }
    }, 1000);
  }

  private stopCountdown(): void {
    if (this.countdown !== null) clearInterval(this.countdown);
    this.countdown = null;
  }
}
