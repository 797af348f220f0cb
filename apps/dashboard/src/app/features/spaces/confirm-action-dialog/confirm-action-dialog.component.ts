import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MAT_DIALOG_DATA, MatDialogModule } from '@angular/material/dialog';
import type { SpaceAction } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';

export interface ConfirmActionData {
  action: SpaceAction;
  spaceId: string;
  title: string;
}

/** Names the Space and says what the action does, so nobody rebuilds the wrong one. */
@Component({
  selector: 'hf-confirm-action-dialog',
  imports: [MatButtonModule, MatDialogModule, TranslocoPipe],
  template: `
    <h2 mat-dialog-title>{{ 'confirm.' + data.action + '.title' | transloco }}</h2>
    <mat-dialog-content>
      <p class="target">
        <strong>{{ data.title }}</strong>
        <span class="id">{{ data.spaceId }}</span>
      </p>
      <p>{{ 'confirm.' + data.action + '.body' | transloco }}</p>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" [mat-dialog-close]="false">{{ 'common.cancel' | transloco }}</button>
      <button
        mat-flat-button
        type="button"
        cdkFocusInitial
        data-testid="confirm-action"
        [class.danger]="data.action === 'rebuild'"
        [mat-dialog-close]="true"
      >
        {{ 'confirm.' + data.action + '.confirm' | transloco }}
      </button>
    </mat-dialog-actions>
  `,
  styles: `
    .target {
      display: flex;
      flex-direction: column;
      gap: 2px;
      margin-block-start: 0;
      overflow-wrap: anywhere;
    }
    .id {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .danger {
      --mat-button-filled-container-color: var(--mat-sys-error);
      --mat-button-filled-label-text-color: var(--mat-sys-on-error);
    }
  `,
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ConfirmActionDialogComponent {
  protected readonly data = inject<ConfirmActionData>(MAT_DIALOG_DATA);
}
