import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { Role } from '@hfd/contracts';

/** What a page says to someone whose role may not use it, in place of a page that would fail. */
@Component({
  selector: 'hf-not-allowed',
  imports: [MatButtonModule, RouterLink, TranslocoPipe],
  template: `
    <section class="not-allowed" data-testid="not-allowed" role="status">
      <h2>{{ 'people.notAllowed.title' | transloco }}</h2>
      <p>{{ 'people.notAllowed.' + least() | transloco }}</p>
      <a mat-stroked-button routerLink="/">{{ 'people.notAllowed.back' | transloco }}</a>
    </section>
  `,
  styles: `
    .not-allowed {
      max-inline-size: 560px;
      margin: 48px auto;
      padding: 24px;
      text-align: center;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class NotAllowedComponent {
  readonly least = input.required<Role>();
}

export interface ConfirmData {
  title: string;
  message: string;
  confirm: string;
  params?: Record<string, string>;
}

/** Yes or no before something that cannot be undone (a deletion, a revocation). */
@Component({
  selector: 'hf-people-confirm',
  imports: [MatButtonModule, MatDialogModule, TranslocoPipe],
  template: `
    <h2 mat-dialog-title>{{ data.title | transloco: data.params }}</h2>
    <mat-dialog-content>
      <p>{{ data.message | transloco: data.params }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">{{ 'common.cancel' | transloco }}</button>
      <button mat-flat-button type="button" data-testid="confirm-yes" [mat-dialog-close]="true">{{ data.confirm | transloco }}</button>
    </mat-dialog-actions>
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class PeopleConfirmComponent {
  protected readonly data = inject<ConfirmData>(MAT_DIALOG_DATA);
}

/** A secret shown this once, with a button that copies it. */
@Component({
  selector: 'hf-shown-once',
  imports: [MatButtonModule, MatIconModule, TranslocoPipe],
  template: `
    <div class="shown-once" role="group" [attr.aria-label]="label() | transloco">
      <p class="warning">{{ 'people.shownOnce' | transloco }}</p>
      <pre class="secret" [attr.data-testid]="testId()" tabindex="0">{{ value() }}</pre>
      <button mat-stroked-button type="button" [attr.data-testid]="testId() + '-copy'" (click)="copy()">
        {{ 'people.copy' | transloco }}
      </button>
    </div>
  `,
  styles: `
    .shown-once {
      display: grid;
      gap: 8px;
      padding: 12px;
      border-radius: var(--mat-sys-corner-small);
      background: var(--mat-sys-surface-container-high);
    }
    .warning {
      margin: 0;
      font-weight: 500;
    }
    .secret {
      margin: 0;
      white-space: pre-wrap;
      word-break: break-all;
      font-family: ui-monospace, monospace;
    }
    button {
      justify-self: start;
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShownOnceComponent {
  readonly value = input.required<string>();
  readonly label = input.required<string>();
  readonly testId = input('shown-once');

  protected copy(): void {
    void navigator.clipboard?.writeText(this.value());
  }
}
