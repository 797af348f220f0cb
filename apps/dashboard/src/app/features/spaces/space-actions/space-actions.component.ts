import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import type { SpaceAction, SpaceSummary } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, switchMap } from 'rxjs';
import { SessionStore } from '../../../core/auth/session.store';
import { ConfigStore } from '../../../core/config/config.store';
import type { AppIconName } from '../../../core/icons/app-icons';
import { LayoutService } from '../../../core/layout/layout.service';
import {
  ConfirmActionDialogComponent,
  type ConfirmActionData,
} from '../confirm-action-dialog/confirm-action-dialog.component';
import { accountAccess } from '../data-access/account-access';
import { stageOf } from '../data-access/space-view';
import { SpacesStore } from '../data-access/spaces.store';

const ACTION_ICONS: Record<SpaceAction, AppIconName> = {
  restart: 'restart',
  rebuild: 'build',
  pause: 'pause',
  resume: 'play',
};

/**
 * Restart, rebuild, pause or resume, each after a confirmation. Shown only to a logged-in
 * operator; disabled, with the reason in words, when the account's token cannot write.
 * Inline buttons on wide screens, a menu on phones.
 */
@Component({
  selector: 'hf-space-actions',
  imports: [MatButtonModule, MatIconModule, MatMenuModule, TranslocoPipe],
  templateUrl: './space-actions.component.html',
  styleUrl: './space-actions.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpaceActionsComponent {
  readonly space = input.required<SpaceSummary>();

  private readonly store = inject(SpacesStore);
  private readonly config = inject(ConfigStore);
  private readonly dialog = inject(MatDialog);
  protected readonly loggedIn = inject(SessionStore).loggedIn;
  protected readonly compact = inject(LayoutService).compact;
  protected readonly icons = ACTION_ICONS;
  protected readonly busy = signal(false);

  /** A paused Space can only be resumed (or rebuilt); any other can be restarted or paused. */
  protected readonly actions = computed<SpaceAction[]>(() =>
    stageOf(this.space()) === 'PAUSED' ? ['resume', 'rebuild'] : ['restart', 'rebuild', 'pause'],
  );

  /**
   * The translation key of why actions are off, or null when they are allowed. The live
   * inventory decides whether the token can write (see accountAccess); until anything has
   * loaded, the server decides (it answers 403 if need be).
   */
  protected readonly blockedReason = computed<string | null>(() => {
    const owner = this.space().owner;
    const access = accountAccess(this.config.account(owner), this.store.accountStatus(owner));
    if (access === 'no-token') return 'actions.blocked.noToken';
    if (access === 'read-only') return 'actions.blocked.readOnlyToken';
    return null;
  });
  protected readonly reasonId = computed(() => `actions-reason-${this.space().id.replace(/[^\w-]/g, '_')}`);

  protected confirm(action: SpaceAction): void {
    // Disabled buttons stay focusable (so their reason can be read), and so still get clicks.
    if (this.blockedReason() !== null || this.busy()) return;
    const space = this.space();
    const data: ConfirmActionData = { action, spaceId: space.id, title: space.title };
    this.dialog
      .open<ConfirmActionDialogComponent, ConfirmActionData, boolean>(ConfirmActionDialogComponent, {
        data,
        autoFocus: 'dialog',
        maxWidth: 'min(480px, calc(100vw - 32px))',
      })
      .afterClosed()
      .pipe(
        filter((confirmed) => confirmed === true),
        switchMap(() => {
          this.busy.set(true);
          return this.store.runAction(space, action);
        }),
      )
      .subscribe({ complete: () => this.busy.set(false) });
  }
}
