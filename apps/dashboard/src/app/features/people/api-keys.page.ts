import { ChangeDetectionStrategy, Component, computed, effect, inject, signal, viewChild } from '@angular/core';
import { FormControl, FormGroup, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { ROLES, type ApiKeyInfo, type CreateApiKeyResponse, type Role } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, switchMap } from 'rxjs';
import { SessionStore } from '../../core/auth/session.store';
import { ConfigStore } from '../../core/config/config.store';
import { Notifier } from '../../core/notify/notifier.service';
import { LanguageService } from '../../core/i18n/language.service';
import { PeopleApiService } from './people-api.service';
import { peopleErrorKey } from './people-errors';
import { WhenPipe } from './when.pipe';
import { NotAllowedComponent, PeopleConfirmComponent, ShownOnceComponent, type ConfirmData } from './people-ui';

@Component({
  selector: 'hf-api-keys-page',
  imports: [
    WhenPipe,
    MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, ReactiveFormsModule, TranslocoPipe, NotAllowedComponent, ShownOnceComponent],
  template: `
    @if (!session.isAdmin()) {
      <hf-not-allowed least="admin" />
    } @else {
      <h2>{{ 'people.keys.title' | transloco }}</h2>
      <form class="panel" [formGroup]="form" (ngSubmit)="create()" data-testid="key-create" novalidate>
        <h3>{{ 'people.keys.create' | transloco }}</h3>
        <div class="form-row">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.fields.name' | transloco }}</mat-label>
            <input matInput formControlName="name" data-testid="key-name" autocomplete="off" required />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.fields.role' | transloco }}</mat-label>
            <mat-select formControlName="role" data-testid="key-role">
              @for (role of roles; track role) {
                <mat-option [value]="role" [attr.data-value]="role">{{ 'people.roles.' + role | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.fields.accounts' | transloco }}</mat-label>
            <mat-select formControlName="accounts" multiple data-testid="key-accounts">
              @for (account of accounts(); track account) {
                <mat-option [value]="account">{{ account }}</mat-option>
              }
            </mat-select>
            <mat-hint>{{ 'people.allAccountsHint' | transloco }}</mat-hint>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.fields.expires' | transloco }}</mat-label>
            <input matInput type="date" formControlName="expires" data-testid="key-expires" />
            <mat-hint>{{ 'people.keys.noExpiryHint' | transloco }}</mat-hint>
          </mat-form-field>
        </div>
        @if (formError(); as key) {
          <p class="error" role="alert" data-testid="key-error">{{ key | transloco }}</p>
        }
        <button mat-flat-button type="submit" data-testid="key-submit" [disabled]="busy()">{{ 'people.keys.createButton' | transloco }}</button>
      </form>

      @if (created(); as key) {
        <section class="panel" data-testid="key-created" aria-live="polite">
          <h3>{{ 'people.keys.createdTitle' | transloco: { name: key.name } }}</h3>
          <hf-shown-once [value]="key.key" label="people.keys.createdTitle" testId="key-value" />
          <p class="muted">{{ 'people.keys.usage' | transloco }}</p>
          <button mat-button type="button" data-testid="key-created-done" (click)="created.set(null)">{{ 'people.done' | transloco }}</button>
        </section>
      }

      @if (listError(); as key) {
        <p class="error" role="alert">{{ key | transloco }}</p>
      }
      <div class="table-wrap">
        <table data-testid="keys-table">
          <caption class="visually-hidden">{{ 'people.keys.title' | transloco }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'people.fields.name' | transloco }}</th>
              <th scope="col">{{ 'people.fields.role' | transloco }}</th>
              <th scope="col">{{ 'people.fields.accounts' | transloco }}</th>
              <th scope="col">{{ 'people.fields.expires' | transloco }}</th>
              <th scope="col">{{ 'people.fields.lastUsed' | transloco }}</th>
              <th scope="col">{{ 'people.fields.createdBy' | transloco }}</th>
              <th scope="col"><span class="visually-hidden">{{ 'people.fields.actions' | transloco }}</span></th>
            </tr>
          </thead>
          <tbody>
            @for (key of keys(); track key.id) {
              <tr data-testid="key-row" [attr.data-name]="key.name">
                <td>{{ key.name }}</td>
                <td [attr.data-label]="'people.fields.role' | transloco">{{ 'people.roles.' + key.role | transloco }}</td>
                <td [attr.data-label]="'people.fields.accounts' | transloco">{{ key.accounts ? key.accounts.join(', ') : ('people.allAccounts' | transloco) }}</td>
                <td [attr.data-label]="'people.fields.expires' | transloco">{{ key.expiresAt ? (key.expiresAt | when: lang() : 'date') : ('people.keys.never' | transloco) }}</td>
                <td [attr.data-label]="'people.fields.lastUsed' | transloco" data-testid="key-last-used">
                  {{ key.lastUsedAt ? (key.lastUsedAt | when: lang()) : ('people.never' | transloco) }}
                </td>
                <td [attr.data-label]="'people.fields.createdBy' | transloco">{{ key.createdBy }}</td>
                <td class="actions-cell">
                  <button mat-button type="button" data-testid="key-revoke" (click)="revoke(key)" [attr.aria-label]="'people.keys.revokeNamed' | transloco: { name: key.name }">
                    {{ 'people.revoke' | transloco }}
                  </button>
                </td>
              </tr>
            } @empty {
              <tr><td colspan="7" class="muted">{{ 'people.keys.none' | transloco }}</td></tr>
            }
          </tbody>
        </table>
      </div>
    }
  `,
  styleUrl: './people-page.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ApiKeysPageComponent {
  protected readonly lang = inject(LanguageService).lang;
  private readonly api = inject(PeopleApiService);
  private readonly dialog = inject(MatDialog);
  private readonly notifier = inject(Notifier);
  private readonly config = inject(ConfigStore);
  protected readonly session = inject(SessionStore);
  /** Resetting through the directive also forgets that the form was submitted (or every field would show as in error). */
  private readonly formDirective = viewChild(FormGroupDirective);
  protected readonly roles = ROLES;
  protected readonly accounts = computed(() => (this.config.config()?.accounts ?? []).map((account) => account.name));
  protected readonly keys = signal<ApiKeyInfo[]>([]);
  /** The answer to the creation, with the key: on screen until dismissed, never fetched again. */
  protected readonly created = signal<CreateApiKeyResponse | null>(null);
  protected readonly busy = signal(false);
  protected readonly formError = signal<string | null>(null);
  protected readonly listError = signal<string | null>(null);

  protected readonly form = new FormGroup({
    name: new FormControl('', { nonNullable: true, validators: [Validators.required] }),
    role: new FormControl<Role>('operator', { nonNullable: true }),
    accounts: new FormControl<string[]>([], { nonNullable: true }),
    /** yyyy-mm-dd; the key ends at the start of that day, local time. */
    expires: new FormControl('', { nonNullable: true }),
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
    const { name, role, accounts, expires } = this.form.getRawValue();
    this.busy.set(true);
    this.formError.set(null);
    const expiresAt = expires ? new Date(`${expires}T00:00:00`).toISOString() : undefined;
    this.api
      .createApiKey({ name: name.trim(), role, ...(accounts.length > 0 ? { accounts } : {}), ...(expiresAt ? { expiresAt } : {}) })
      .subscribe({
        next: (key) => {
          this.busy.set(false);
          this.created.set(key);
          this.formDirective()?.resetForm();
          this.load();
        },
        error: (error: unknown) => {
          this.busy.set(false);
          this.formError.set(peopleErrorKey(error));
        },
      });
  }

  protected revoke(key: ApiKeyInfo): void {
    const data: ConfirmData = { title: 'people.keys.revokeTitle', message: 'people.keys.revokeMessage', confirm: 'people.revoke', params: { name: key.name } };
    this.dialog
      .open<PeopleConfirmComponent, ConfirmData, boolean>(PeopleConfirmComponent, { data })
      .afterClosed()
      .pipe(
        filter((yes) => yes === true),
        switchMap(() => this.api.revokeApiKey(key.id)),
      )
      .subscribe({
        next: () => {
          this.notifier.info('people.keys.revoked', { name: key.name });
          this.load();
        },
        error: (error: unknown) => this.listError.set(peopleErrorKey(error)),
      });
  }

  private load(): void {
    this.api.apiKeys().subscribe({
      next: (answer) => {
        this.keys.set(answer.keys);
        this.listError.set(null);
      },
      error: (error: unknown) => this.listError.set(peopleErrorKey(error)),
    });
  }
}
