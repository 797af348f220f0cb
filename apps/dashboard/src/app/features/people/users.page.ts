import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialog, MatDialogModule, MatDialogRef } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { MatSlideToggleModule } from '@angular/material/slide-toggle';
import { ROLES, type Role, type UpdateUserRequest, type User } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, switchMap } from 'rxjs';
import { SessionStore } from '../../core/auth/session.store';
import { ConfigStore } from '../../core/config/config.store';
import { Notifier } from '../../core/notify/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { PeopleApiService } from './people-api.service';
import { peopleErrorKey } from './people-errors';
import { WhenPipe } from './when.pipe';
import { NotAllowedComponent, PeopleConfirmComponent, type ConfirmData } from './people-ui';

/** No accounts chosen means every account: the API's `accounts` left out (or null when editing). */
function scopeOf(accounts: string[]): string[] | undefined {
  return accounts.length > 0 ? accounts : undefined;
}

@Component({
  selector: 'hf-users-page',
  imports: [
    WhenPipe,
    MatButtonModule,
    MatFormFieldModule,
    MatInputModule,
    MatSelectModule,
    ReactiveFormsModule,
    TranslocoPipe,
    NotAllowedComponent,
  ],
  template: `
    @if (!session.isAdmin()) {
      <hf-not-allowed least="admin" />
    } @else {
      <h2>{{ 'people.users.title' | transloco }}</h2>
      <form class="panel" [formGroup]="form" (ngSubmit)="create()" data-testid="user-create" novalidate>
        <h3>{{ 'people.users.create' | transloco }}</h3>
        <div class="form-row">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.fields.username' | transloco }}</mat-label>
            <input matInput formControlName="username" data-testid="user-username" autocomplete="off" required />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.fields.password' | transloco }}</mat-label>
            <input matInput type="password" formControlName="password" data-testid="user-password" autocomplete="new-password" required />
            <mat-hint>{{ 'people.passwordRule' | transloco }}</mat-hint>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.fields.role' | transloco }}</mat-label>
            <mat-select formControlName="role" data-testid="user-role">
              @for (role of roles; track role) {
                <mat-option [value]="role" [attr.data-value]="role">{{ 'people.roles.' + role | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.fields.accounts' | transloco }}</mat-label>
            <mat-select formControlName="accounts" multiple data-testid="user-accounts">
              @for (account of accounts(); track account) {
                <mat-option [value]="account" [attr.data-value]="account">{{ account }}</mat-option>
              }
            </mat-select>
            <mat-hint>{{ 'people.allAccountsHint' | transloco }}</mat-hint>
          </mat-form-field>
        </div>
        @if (formError(); as key) {
          <p class="error" role="alert" data-testid="user-error">{{ key | transloco }}</p>
        }
        <button mat-flat-button type="submit" data-testid="user-submit" [disabled]="busy()">{{ 'people.users.createButton' | transloco }}</button>
      </form>

      @if (listError(); as key) {
        <p class="error" role="alert" data-testid="users-error">{{ key | transloco }}</p>
      }
      <div class="table-wrap">
        <table data-testid="users-table">
          <caption class="visually-hidden">{{ 'people.users.title' | transloco }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'people.fields.username' | transloco }}</th>
              <th scope="col">{{ 'people.fields.role' | transloco }}</th>
              <th scope="col">{{ 'people.fields.accounts' | transloco }}</th>
              <th scope="col">{{ 'people.fields.status' | transloco }}</th>
              <th scope="col">{{ 'people.fields.lastLogin' | transloco }}</th>
              <th scope="col"><span class="visually-hidden">{{ 'people.fields.actions' | transloco }}</span></th>
            </tr>
          </thead>
          <tbody>
            @for (user of users(); track user.id) {
              <tr data-testid="user-row" [attr.data-username]="user.username">
                <td>{{ user.username }}</td>
                <td [attr.data-label]="'people.fields.role' | transloco">{{ 'people.roles.' + user.role | transloco }}</td>
                <td [attr.data-label]="'people.fields.accounts' | transloco">
                  {{ user.accounts ? user.accounts.join(', ') : ('people.allAccounts' | transloco) }}
                </td>
                <td [attr.data-label]="'people.fields.status' | transloco">
                  {{ (user.disabled ? 'people.users.disabled' : 'people.users.active' ) | transloco }}@if (user.totpEnabled) {, {{ 'people.users.totp' | transloco }}}
                </td>
                <td [attr.data-label]="'people.fields.lastLogin' | transloco">
                  {{ user.lastLoginAt ? (user.lastLoginAt | when: lang()) : ('people.never' | transloco) }}
                </td>
                <td class="actions-cell">
                  <button mat-button type="button" data-testid="user-edit" (click)="edit(user)" [attr.aria-label]="'people.users.editNamed' | transloco: { username: user.username }">
                    {{ 'people.edit' | transloco }}
                  </button>
                  <button mat-button type="button" data-testid="user-delete" (click)="remove(user)" [attr.aria-label]="'people.users.deleteNamed' | transloco: { username: user.username }">
                    {{ 'people.delete' | transloco }}
                  </button>
                </td>
              </tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styleUrl: './people-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class UsersPageComponent {
  protected readonly lang = inject(LanguageService).lang;
  private readonly api = inject(PeopleApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  protected readonly session = inject(SessionStore);
  /** Resetting through the directive also forgets that the form was submitted (or every field would show as in error). */
  private readonly formDirective = viewChild(FormGroupDirective);
  protected readonly roles = ROLES;
  private readonly config = inject(ConfigStore);
  protected readonly accounts = computed(() => (this.config.config()?.accounts ?? []).map((account) => account.name));
  protected readonly users = signal<User[]>([]);
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly listError = signal<string | null>(null);

  protected readonly form = new FormGroup({
    username: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    password: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    role: new FormControl<Role>('viewer', { nonNullable: true }),
    accounts: new FormControl<string[]>([], { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      if (this.session.isAdmin()) this.load();
    });
  }

  protected create(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, password, role, accounts } = this.form.getRawValue();
    this.busy.set(true);
    this.formError.set(null);
    this.api.createUser({ username: username.trim(), password, role, accounts: scopeOf(accounts) }).subscribe({
      next: (user) => {
        this.busy.set(false);
        this.formDirective()?.resetForm();
        this.notifier.info('people.users.created', { username: user.username });
        this.load();
      },
      error: (error: unknown) => {
        this.busy.set(false);
        this.formError.set(peopleErrorKey(error, password));
      },
    });
  }

  protected edit(user: User): void {
    this.dialog
      .open<EditUserDialogComponent, EditUserData, boolean>(EditUserDialogComponent, {
        data: { user, accounts: this.accounts() },
        maxWidth: 'min(520px, calc(100vw - 32px))',
      })
      .afterClosed()
      .subscribe((changed) => {
        if (changed) this.load();
      });
  }

  protected remove(user: User): void {
    const data: ConfirmData = {
      title: 'people.users.deleteTitle',
      message: 'people.users.deleteMessage',
      confirm: 'people.delete',
      params: { username: user.username },
    };
    this.dialog
      .open<PeopleConfirmComponent, ConfirmData, boolean>(PeopleConfirmComponent, { data })
      .afterClosed()
      .pipe(
        filter((yes) => yes === true),
        switchMap(() => this.api.deleteUser(user.id)),
      )
      .subscribe({
        next: () => {
          this.notifier.info('people.users.deleted', { username: user.username });
          this.load();
        },
        error: (error: unknown) => this.listError.set(peopleErrorKey(error)),
      });
  }

  private load(): void {
    this.api.users().subscribe({
      next: (answer) => {
        this.users.set(answer.users);
        this.listError.set(null);
      },
      error: (error: unknown) => this.listError.set(peopleErrorKey(error)),
    });
  }
}

interface EditUserData {
  user: User;
  accounts: string[];
}

/** Role, scope, disabled, and a new password (the user's sessions end with any of them). */
@Component({
  selector: 'hf-edit-user-dialog',
  imports: [MatButtonModule, MatDialogModule, MatFormFieldModule, MatInputModule, MatSelectModule, MatSlideToggleModule, ReactiveFormsModule, TranslocoPipe],
  template: `
    <h2 mat-dialog-title>{{ 'people.users.editNamed' | transloco: { username: data.user.username } }}</h2>
    <form [formGroup]="form" (ngSubmit)="save()" novalidate>
      <mat-dialog-content class="edit">
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'people.fields.role' | transloco }}</mat-label>
          <mat-select formControlName="role" data-testid="edit-role">
            @for (role of roles; track role) {
              <mat-option [value]="role" [attr.data-value]="role">{{ 'people.roles.' + role | transloco }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'people.fields.accounts' | transloco }}</mat-label>
          <mat-select formControlName="accounts" multiple data-testid="edit-accounts">
            @for (account of data.accounts; track account) {
              <mat-option [value]="account">{{ account }}</mat-option>
            }
          </mat-select>
          <mat-hint>{{ 'people.allAccountsHint' | transloco }}</mat-hint>
        </mat-form-field>
        <mat-slide-toggle formControlName="disabled" data-testid="edit-disabled">{{ 'people.users.disable' | transloco }}</mat-slide-toggle>
        <mat-form-field appearance="outline" subscriptSizing="dynamic">
          <mat-label>{{ 'people.users.resetPassword' | transloco }}</mat-label>
          <input matInput type="password" formControlName="password" data-testid="edit-password" autocomplete="new-password" />
          <mat-hint>{{ 'people.users.resetHint' | transloco }}</mat-hint>
        </mat-form-field>
        @if (error(); as key) {
          <p class="error" role="alert" data-testid="edit-error">{{ key | transloco }}</p>
        }
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>{{ 'common.cancel' | transloco }}</button>
        <button mat-flat-button type="submit" data-testid="edit-save" [disabled]="busy()">{{ 'people.save' | transloco }}</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .edit {
      display: grid;
      gap: 12px;
    }
    .error {
      margin: 0;
      padding: 8px 12px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class EditUserDialogComponent {
  protected readonly data = inject<EditUserData>(MAT_DIALOG_DATA);
  private readonly api = inject(PeopleApiService);
  private readonly ref = inject<MatDialogRef<EditUserDialogComponent, boolean>>(MatDialogRef);
  protected readonly roles = ROLES;
  protected readonly busy = signal(false);
  protected readonly error = signal<string | null>(null);
  protected readonly form = new FormGroup({
    role: new FormControl<Role>(this.data.user.role, { nonNullable: true }),
    accounts: new FormControl<string[]>(this.data.user.accounts ?? [], { nonNullable: true }),
    disabled: new FormControl(this.data.user.disabled, { nonNullable: true }),
    password: new FormControl('', { nonNullable: true }),
  });

  protected save(): void {
    const { role, accounts, disabled, password } = this.form.getRawValue();
    const user = this.data.user;
    const body: UpdateUserRequest = {};
    if (role !== user.role) body.role = role;
    const scope = accounts.length > 0 ? [...accounts].sort() : null;
    if (JSON.stringify(scope) !== JSON.stringify(user.accounts ? [...user.accounts].sort() : null)) body.accounts = scope;
    if (disabled !== user.disabled) body.disabled = disabled;
    if (password) body.password = password;
    if (Object.keys(body).length === 0) {
      this.ref.close(false);
      return;
    }
    this.busy.set(true);
    this.api.updateUser(user.id, body).subscribe({
      next: () => this.ref.close(true),
      error: (error: unknown) => {
        this.busy.set(false);
        this.error.set(peopleErrorKey(error, password || undefined));
      },
    });
  }
}
