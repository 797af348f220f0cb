import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import type { TotpSetupResponse } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore } from '../../core/auth/session.store';
import { Notifier } from '../../core/notify/notifier.service';
import { PeopleApiService } from './people-api.service';
import { peopleErrorKey } from './people-errors';
import type { Observable } from 'rxjs';
import { ShownOnceComponent } from './people-ui';
import { SessionsTableComponent } from './sessions.page';

const DIALOG_STYLES = `
  .body {
    display: grid;
    gap: 12px;
    min-inline-size: min(380px, calc(100vw - 96px));
  }
  .error {
    margin: 0;
    padding: 8px 12px;
    border-radius: var(--mat-sys-corner-small);
    background: var(--mat-sys-error-container);
    color: var(--mat-sys-on-error-container);
  }
  .qr {
    inline-size: 200px;
    block-size: 200px;
    background: #fff;
    padding: 8px;
  }
  p {
    margin: 0;
  }
`;

/** One's own password: every other session ends, and this one continues with the fresh token. */
@Component({
  selector: 'hf-password-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule, TranslocoPipe],
  template: `
    <h2 mat-dialog-title>{{ 'profile.password.title' | transloco }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="body">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'profile.password.current' | transloco }}</mat-label>
          <input matInput type="password" formControlName="currentPassword" data-testid="password-current" autocomplete="current-password" required />
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'profile.password.new' | transloco }}</mat-label>
          <input matInput type="password" formControlName="newPassword" data-testid="password-new" autocomplete="new-password" required />
          <mat-hint>{{ 'people.passwordRule' | transloco }}</mat-hint>
        </mat-form-field>
        @if (error(); as key) {
          <p class="error" role="alert" data-testid="password-error">{{ key | transloco }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" data-testid="password-save" [disabled]="busy()">{{ 'people.save' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: DIALOG_STYLES,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PasswordDialogComponent {
  private readonly api = inject(PeopleApiService);
  private readonly session = inject(SessionStore);
  private readonly notifier = inject(Notifier);
  private readonly ref = inject(MatDialogRef);
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    currentPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    newPassword: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
  });

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const body = this.form.getRawValue();
    this.busy.set(true);
    this.error.set(null);
    this.api.changePassword(body).subscribe({
      next: (fresh) => {
        this.session.adopt(fresh);
        this.notifier.info('profile.password.changed');
        this.ref.close();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(peopleErrorKey(error, body.newPassword));
      },
    });
  }
}

type TotpStep = 'loading' | 'password' | 'scan' | 'codes' | 'on';

/** TOTP: enrol (password, then the QR shown once, a code, the recovery codes shown once), or turn it off. */
@Component({
  selector: 'hf-totp-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, ReactiveFormsModule, TranslocoPipe, ShownOnceComponent],
  template: `
    <h2 mat-dialog-title>{{ 'profile.totp.title' | transloco }}</h2>
    <mat-dialog-content class="body" data-testid="totp-dialog" [attr.data-step]="step()">
      @switch (step()) {
        @case ('password') {
          <p>{{ 'profile.totp.intro' | transloco }}</p>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'profile.password.current' | transloco }}</mat-label>
            <input matInput type="password" [formControl]="password" data-testid="totp-password" autocomplete="current-password" (keydown.enter)="setup()" />
          </mat-form-field>
        }
        @case ('scan') {
          @if (setupAnswer(); as answer) {
            <p>{{ 'profile.totp.scan' | transloco }}</p>
            <img class="qr" [src]="answer.qrCode" [alt]="'profile.totp.qrAlt' | transloco" data-testid="totp-qr" />
            <p>{{ 'profile.totp.manual' | transloco }}</p>
            <code data-testid="totp-secret">{{ answer.secret }}</code>
            <mat-form-field appearance="outline" subscriptSizing="dynamic">
              <mat-label>{{ 'login.code' | transloco }}</mat-label>
              <input matInput [formControl]="code" data-testid="totp-code" autocomplete="one-time-code" inputmode="numeric" (keydown.enter)="enable()" />
            </mat-form-field>
          }
        }
        @case ('codes') {
          <p>{{ 'profile.totp.enabled' | transloco }}</p>
          <hf-shown-once [value]="recoveryCodes().join('\\n')" label="profile.totp.recovery" testId="totp-recovery" />
        }
        @case ('on') {
          <p>{{ 'profile.totp.isOn' | transloco }}</p>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'profile.password.current' | transloco }}</mat-label>
            <input matInput type="password" [formControl]="password" data-testid="totp-password" autocomplete="current-password" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'login.code' | transloco }}</mat-label>
            <input matInput [formControl]="code" data-testid="totp-code" autocomplete="one-time-code" (keydown.enter)="disable()" />
            <mat-hint>{{ 'login.codeHint' | transloco }}</mat-hint>
          </mat-form-field>
        }
        @default {
          <p>{{ 'profile.loading' | transloco }}</p>
        }
      }
      @if (error(); as key) {
        <p class="error" role="alert" data-testid="totp-error">{{ key | transloco }}</p>
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      @switch (step()) {
        @case ('password') {
          <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
          <button mat-flat-button type="button" data-testid="totp-next" [disabled]="busy()" (click)="setup()">{{ 'profile.totp.next' | transloco }}</button>
        }
        @case ('scan') {
          <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
          <button mat-flat-button type="button" data-testid="totp-enable" [disabled]="busy()" (click)="enable()">{{ 'profile.totp.enable' | transloco }}</button>
        }
        @case ('on') {
          <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
          <button mat-flat-button type="button" data-testid="totp-disable" [disabled]="busy()" (click)="disable()">{{ 'profile.totp.disable' | transloco }}</button>
        }
        @default {
          <button mat-flat-button type="button" data-testid="totp-close" mat-dialog-close>{{ 'people.done' | transloco }}</button>
        }
      }
    </mat-dialog-actions>
  `,
  styles: DIALOG_STYLES,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class TotpDialogComponent {
  private readonly api = inject(PeopleApiService);
  private readonly notifier = inject(Notifier);
  private readonly ref = inject(MatDialogRef);
  protected readonly step = signal<TotpStep>('loading');
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly setupAnswer = signal<TotpSetupResponse | null>(null);
  protected readonly recoveryCodes = signal<string[]>([]);
  protected readonly password = new FormControl('', { nonNullable: true });
  protected readonly code = new FormControl('', { nonNullable: true });

  constructor() {
    this.api.me().subscribe({
      next: (me) => this.step.set(me.totpEnabled ? 'on' : 'password'),
      error: (error: unknown) => this.error.set(peopleErrorKey(error)),
    });
  }

  protected setup(): void {
    this.run(this.api.totpSetup(this.password.value), (answer) => {
      this.setupAnswer.set(answer);
      this.password.reset();
      this.step.set('scan');
    });
  }

  protected enable(): void {
    this.run(this.api.totpEnable(this.code.value.trim()), (answer) => {
      // The seed is not needed any more: out of the page with it.
      this.setupAnswer.set(null);
      this.recoveryCodes.set(answer.recoveryCodes);
      this.step.set('codes');
    });
  }

  protected disable(): void {
    this.run(this.api.totpDisable({ password: this.password.value, code: this.code.value.trim() }), () => {
      this.notifier.info('profile.totp.disabled');
      this.ref.close();
    });
  }

  private run<T>(call: Observable<T>, next: (answer: T) => void): void {
    this.busy.set(true);
    this.error.set(null);
    call.subscribe({
      next: (answer) => {
        this.busy.set(false);
        next(answer);
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(peopleErrorKey(error));
      },
    });
  }
}

@Component({
  selector: 'hf-my-sessions-dialog',
  imports: [MatButtonModule, MatDialogModule, TranslocoPipe, SessionsTableComponent],
  template: `
    <h2 mat-dialog-title>{{ 'people.sessions.title' | transloco }}</h2>
    <mat-dialog-content>
      <hf-sessions-table [mine]="true" />
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-flat-button type="button" mat-dialog-close>{{ 'people.done' | transloco }}</button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class MySessionsDialogComponent {}
