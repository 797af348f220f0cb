import { DOCUMENT } from '@angular/common';
import { ChangeDetectionStrategy, Component, effect, inject, signal } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule } from '@angular/forms';
import { MatButtonModule } from '@angular/material/button';
import { MatFormFieldModule } from '@angular/material/form-field';
import { MatInputModule } from '@angular/material/input';
import { MatSelectModule } from '@angular/material/select';
import { AUDIT_KINDS, AUDIT_RESULTS, type AuditEntry, type AuditKind, type AuditQuery, type AuditResult } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { SessionStore } from '../../core/auth/session.store';
import { LanguageService } from '../../core/i18n/language.service';
import { PeopleApiService } from './people-api.service';
import { peopleErrorKey } from './people-errors';
import { WhenPipe } from './when.pipe';
import { NotAllowedComponent } from './people-ui';

const PAGE_SIZE = 50;

/** `datetime-local` gives local time without a zone; the API takes ISO. */
function isoOf(local: string): string | undefined {
  return local ? new Date(local).toISOString() : undefined;
}

/** The audit log: filters, newest first, older pages on request, and the same filters as CSV. Operators get their own entries (the API decides). */
@Component({
  selector: 'hf-audit-page',
  imports: [
    WhenPipe,
    MatButtonModule, MatFormFieldModule, MatInputModule, MatSelectModule, ReactiveFormsModule, TranslocoPipe, NotAllowedComponent],
  template: `
    @if (!session.canAct()) {
      <hf-not-allowed least="operator" />
    } @else {
      <h2>{{ 'people.audit.title' | transloco }}</h2>
      @if (!session.isAdmin()) {
        <p class="muted" data-testid="audit-own-only">{{ 'people.audit.ownOnly' | transloco }}</p>
      }
      <form class="panel" [formGroup]="filters" (ngSubmit)="search()" data-testid="audit-filters" novalidate>
        <div class="form-row">
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.audit.actor' | transloco }}</mat-label>
            <input matInput formControlName="actor" data-testid="audit-actor" autocomplete="off" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.audit.space' | transloco }}</mat-label>
            <input matInput formControlName="space" data-testid="audit-space" placeholder="owner/name" autocomplete="off" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.audit.kind' | transloco }}</mat-label>
            <mat-select formControlName="kind" data-testid="audit-kind">
              <mat-option [value]="''">{{ 'people.audit.any' | transloco }}</mat-option>
              @for (kind of kinds; track kind) {
                <mat-option [value]="kind" [attr.data-value]="kind">{{ kind }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.audit.result' | transloco }}</mat-label>
            <mat-select formControlName="result" data-testid="audit-result">
              <mat-option [value]="''">{{ 'people.audit.any' | transloco }}</mat-option>
              @for (result of results; track result) {
                <mat-option [value]="result" [attr.data-value]="result">{{ 'people.audit.results.' + result | transloco }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.audit.from' | transloco }}</mat-label>
            <input matInput type="datetime-local" formControlName="from" data-testid="audit-from" />
          </mat-form-field>
          <mat-form-field appearance="outline" subscriptSizing="dynamic">
            <mat-label>{{ 'people.audit.to' | transloco }}</mat-label>
            <input matInput type="datetime-local" formControlName="to" data-testid="audit-to" />
          </mat-form-field>
        </div>
        <div class="buttons">
          <button mat-flat-button type="submit" data-testid="audit-search">{{ 'people.audit.search' | transloco }}</button>
          <button mat-stroked-button type="button" data-testid="audit-csv" [disabled]="downloading()" (click)="downloadCsv()">{{ 'people.audit.csv' | transloco }}</button>
        </div>
      </form>
      @if (error(); as key) {
        <p class="error" role="alert" data-testid="audit-error">{{ key | transloco }}</p>
      }
      <div class="table-wrap">
        <table data-testid="audit-table">
          <caption class="visually-hidden">{{ 'people.audit.title' | transloco }}</caption>
          <thead>
            <tr>
              <th scope="col">{{ 'people.audit.time' | transloco }}</th>
              <th scope="col">{{ 'people.audit.actor' | transloco }}</th>
              <th scope="col">{{ 'people.audit.kind' | transloco }}</th>
              <th scope="col">{{ 'people.audit.target' | transloco }}</th>
              <th scope="col">{{ 'people.audit.result' | transloco }}</th>
              <th scope="col">{{ 'people.audit.detail' | transloco }}</th>
              <th scope="col">{{ 'people.fields.address' | transloco }}</th>
            </tr>
          </thead>
          <tbody>
            @for (entry of entries(); track entry.id) {
              <tr data-testid="audit-row" [attr.data-kind]="entry.kind" [attr.data-actor]="entry.actor" [attr.data-target]="entry.target">
                <td>{{ entry.at | when: lang() }}</td>
                <td [attr.data-label]="'people.audit.actor' | transloco">
                  {{ entry.actor ?? '—' }} <span class="muted">({{ 'people.audit.actors.' + entry.actorType | transloco }})</span>
                </td>
                <td [attr.data-label]="'people.audit.kind' | transloco">{{ entry.kind }}</td>
                <td [attr.data-label]="'people.audit.target' | transloco">{{ entry.target ?? '—' }}</td>
                <td [attr.data-label]="'people.audit.result' | transloco">{{ 'people.audit.results.' + entry.result | transloco }}</td>
                <td [attr.data-label]="'people.audit.detail' | transloco">{{ entry.detail ?? '' }}</td>
                <td [attr.data-label]="'people.fields.address' | transloco">{{ entry.address ?? '' }}</td>
              </tr>
            } @empty {
              <tr><td colspan="7" class="muted">{{ 'people.audit.none' | transloco }}</td></tr>
            }
          </tbody>
        </table>
      </div>
      @if (cursor()) {
        <button mat-stroked-button type="button" class="more" data-testid="audit-more" [disabled]="loading()" (click)="more()">{{ 'people.audit.more' | transloco }}</button>
      }
    }
  `,
  styleUrl: './people-page.scss',
  styles: `
    .buttons {
      display: flex;
      flex-wrap: wrap;
      gap: 8px;
    }
    .more {
      margin-block-start: 16px;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class AuditPageComponent {
  protected readonly lang = inject(LanguageService).lang;
  private readonly api = inject(PeopleApiService);
  private readonly document = inject(DOCUMENT);
  protected readonly session = inject(SessionStore);
  protected readonly kinds = AUDIT_KINDS;
  protected readonly results = AUDIT_RESULTS;
  protected readonly entries = signal<AuditEntry[]>([]);
  protected readonly cursor = signal<string | null>(null);
  protected readonly loading = signal(false);
  protected readonly downloading = signal(false);
  protected readonly error = signal<string | null>(null);
  private query: AuditQuery = {};

  protected readonly filters = new FormGroup({
    actor: new FormControl('', { nonNullable: true }),
    space: new FormControl('', { nonNullable: true }),
    kind: new FormControl<AuditKind | ''>('', { nonNullable: true }),
    result: new FormControl<AuditResult | ''>('', { nonNullable: true }),
    from: new FormControl('', { nonNullable: true }),
    to: new FormControl('', { nonNullable: true }),
  });

  constructor() {
    effect(() => {
      if (this.session.canAct()) this.search();
    });
  }

  protected search(): void {
    const { actor, space, kind, result, from, to } = this.filters.getRawValue();
    this.query = {
      actor: actor.trim() || undefined,
      space: space.trim() || undefined,
      kind: kind || undefined,
      result: result || undefined,
      from: isoOf(from),
      to: isoOf(to),
      limit: PAGE_SIZE,
    };
    this.fetch(null);
  }

  protected more(): void {
    this.fetch(this.cursor());
  }

  /** Fetched with the session header (a link would need the token in its URL), then saved from memory. */
  protected downloadCsv(): void {
    this.downloading.set(true);
    this.api.auditCsv(this.query).subscribe({
      next: (blob) => {
        this.downloading.set(false);
        const url = URL.createObjectURL(blob);
        const link = this.document.createElement('a');
        link.href = url;
        link.download = `audit-${new Date().toISOString().slice(0, 10)}.csv`;
        link.click();
        setTimeout(() => URL.revokeObjectURL(url), 0);
      },
      error: (error: unknown) => {
        this.downloading.set(false);
        this.error.set(peopleErrorKey(error));
      },
    });
  }

  private fetch(cursor: string | null): void {
    this.loading.set(true);
    this.api.audit({ ...this.query, ...(cursor ? { cursor } : {}) }).subscribe({
      next: (page) => {
        this.loading.set(false);
        this.error.set(null);
        this.entries.set(cursor ? [...this.entries(), ...page.entries] : page.entries);
        this.cursor.set(page.nextCursor);
      },
      error: (error: unknown) => {
        this.loading.set(false);
        this.error.set(peopleErrorKey(error));
      },
    });
  }
}
