import { ChangeDetectionStrategy, Component, ElementRef, computed, inject, input, signal, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import type { SpaceAction, SpaceSummary } from '@hfd/contracts';
import { TranslocoPipe } from '@jsverse/transloco';
import { filter, switchMap } from 'rxjs';
import { SessionStore } from '../../../core/auth/session.store';
import { ConfigStore } from '../../../core/config/config.store';
import type { AppIconName } from '../../../core/icons/app-icons';
import {
  ConfirmActionDialogComponent,
  type ConfirmActionData,
} from '../confirm-action-dialog/confirm-action-dialog.component';
import { ACCOUNT_STATUS_SHOWN, accountAccess } from '../data-access/account-access';
import { stageOf } from '../data-access/space-view';
import { SpacesStore } from '../data-access/spaces.store';

const ACTION_ICONS: Record<SpaceAction, AppIconName> = {
  restart: 'restart',
  rebuild: 'build',
  pause: 'pause',
  resume: 'play',
};

/**
 * Restart, rebuild, pause or resume, each after a confirmation, for a logged-in operator:
 * as buttons (`inline`), or in a menu (`menu`: phones, list rows), which can also hold the
 * Space's links.
 *
 * When the account's token cannot write, there is nothing to offer: no row of disabled
 * buttons on every card. The account's group says so once; in a list of all accounts, a
 * short "read-only" note stands in. A static Space keeps its buttons, disabled, with the
 * Hub's reason, since that is about this Space alone.
 */
@Component({
  selector: 'hf-space-actions',
  imports: [MatButtonModule, MatDividerModule, MatIconModule, MatMenuModule, TranslocoPipe],
  templateUrl: './space-actions.component.html',
  styleUrl: './space-actions.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class SpaceActionsComponent {
  readonly space = input.required<SpaceSummary>();
  readonly presentation = input<'inline' | 'menu'>('inline');
  /** In menu form: also the links to the app and the Hub page (the list view has no room for them). */
  readonly withLinks = input(false);

  private readonly store = inject(SpacesStore);
  private readonly config = inject(ConfigStore);
  private readonly dialog = inject(MatDialog);
  private readonly menuTrigger = viewChild('trigger', { read: ElementRef<HTMLElement> });
  /** Viewers see no actions at all: the page says once why (spaces-page). */
  protected readonly loggedIn = inject(SessionStore).canAct;
  /** Inside an account group, its header already says the token is read-only. */
  protected readonly accountNoted = inject(ACCOUNT_STATUS_SHOWN);
  protected readonly icons = ACTION_ICONS;
  protected readonly busy = signal(false);

  /** A paused Space can only be resumed (or rebuilt); any other can be restarted or paused. */
  protected readonly actions = computed<SpaceAction[]>(() =>
    stageOf(this.space()) === 'PAUSED' ? ['resume', 'rebuild'] : ['restart', 'rebuild', 'pause'],
  );

  /**
   * Why this account's Spaces take no actions, or null. The live inventory decides whether
   * the token can write (see accountAccess); until anything has loaded, the server decides.
   */
  protected readonly accountBlock = computed<string | null>(() => {
    const owner = this.space().owner;
    const access = accountAccess(this.config.account(owner), this.store.accountStatus(owner));
    if (access === 'no-token') return 'actions.blocked.noToken';
    if (access === 'read-only') return 'actions.blocked.readOnlyToken';
    return null;
  });
  /** The Hub refuses restart, rebuild and pause of a static Space: no container to act on. */
  protected readonly spaceBlock = computed(() => (this.space().sdk === 'static' ? 'actions.blocked.static' : null));
  protected readonly offered = computed(() => this.loggedIn() && this.accountBlock() === null);
  protected readonly hasMenu = computed(() => this.withLinks() || this.offered());
  protected readonly reasonId = computed(() => `actions-reason-${this.space().id.replace(/[^\w-]/g, '_')}`);

  protected confirm(action: SpaceAction): void {
    // Disabled buttons stay focusable (so their reason can be read), and so still get clicks.
    if (!this.offered() || this.spaceBlock() !== null || this.busy()) return;
    const space = this.space();
    const data: ConfirmActionData = { action, spaceId: space.id, title: space.title };
    this.dialog
      .open<ConfirmActionDialogComponent, ConfirmActionData, boolean>(ConfirmActionDialogComponent, {
        data,
        autoFocus: 'dialog',
        maxWidth: 'min(480px, calc(100vw - 32px))',
        // A menu item is gone once the dialog closes: the keyboard goes back to the menu's button.
        restoreFocus: this.menuTrigger()?.nativeElement ?? true,
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
