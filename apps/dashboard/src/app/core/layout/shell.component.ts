import { ChangeDetectionStrategy, Component, ElementRef, Injector, afterNextRender, effect, inject, viewChild } from '@angular/core';
import { MatButtonModule } from '@angular/material/button';
import { MatDialog } from '@angular/material/dialog';
import { MatDividerModule } from '@angular/material/divider';
import { MatIconModule } from '@angular/material/icon';
import { MatMenuModule } from '@angular/material/menu';
import { MatToolbarModule } from '@angular/material/toolbar';
import { MatTooltipModule } from '@angular/material/tooltip';
import { API_ROUTES } from '@hfd/contracts';
import { Title } from '@angular/platform-browser';
import { RouterLink, RouterOutlet } from '@angular/router';
import { TranslocoPipe, TranslocoService } from '@jsverse/transloco';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import { FocusKeeper } from '../a11y/focus-keeper';
import { StreamService } from '../sse/stream.service';
import { SessionStore } from '../auth/session.store';
import { ConfigStore } from '../config/config.store';
import { APP_LANGS, type AppLang } from '../i18n/app-lang';
import { LanguageService } from '../i18n/language.service';
import type { AppIconName } from '../icons/app-icons';
import { THEME_MODES, ThemeService, type ThemeMode } from '../theme/theme.service';
import { ConnectionStatusComponent } from './connection-status.component';
import { LayoutService } from './layout.service';

const THEME_ICONS: Record<ThemeMode, AppIconName> = { system: 'system-mode', light: 'light-mode', dark: 'dark-mode' };
/** Each language is named in itself, so someone who cannot read the current one still finds theirs. */
const LANG_NAMES: Record<AppLang, string> = { 'zh-CN': '简体中文', en: 'English' };

@Component({
  selector: 'hf-shell',
  imports: [
    MatButtonModule,
    MatDividerModule,
    MatIconModule,
    MatMenuModule,
    MatToolbarModule,
    MatTooltipModule,
    RouterLink,
    RouterOutlet,
    TranslocoPipe,
    ConnectionStatusComponent,
  ],
  templateUrl: './shell.component.html',
  styleUrl: './shell.component.scss',
  changeDetection: ChangeDetectionStrategy.OnPush,
})
export class ShellComponent {
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  private readonly logoutButton = viewChild('logout', { read: ElementRef<HTMLElement> });
  private readonly moreTrigger = viewChild('moreTrigger', { read: ElementRef<HTMLElement> });
  protected readonly theme = inject(ThemeService);
  protected readonly language = inject(LanguageService);
  protected readonly session = inject(SessionStore);
  protected readonly config = inject(ConfigStore);
  protected readonly compact = inject(LayoutService).compact;

  protected readonly themeModes = THEME_MODES;
  protected readonly themeIcons = THEME_ICONS;
  protected readonly langs = APP_LANGS;
  protected readonly langNames = LANG_NAMES;
  protected readonly docsUrl = API_ROUTES.docs;

  constructor() {
    inject(FocusKeeper).start();
    // Every page, not only the overview, hears the stream: the header's state stays true, and a
    // session the server ends (a `session-ended` event) is said on the admin pages too.
    inject(StreamService).status$.pipe(takeUntilDestroyed()).subscribe();
    const title = inject(Title);
    const transloco = inject(TranslocoService);
    // The browser tab speaks the page's language too.
    effect(() => {
      this.language.lang();
      title.setTitle(transloco.translate('app.title'));
    });
  }

  /** The login form (and the forms module) loads only when someone wants to log in. */
  protected async openLogin(): Promise<void> {
    const { LoginDialogComponent } = await import('../../features/auth/login-dialog/login-dialog.component');
    this.dialog
      .open<unknown, unknown, boolean>(LoginDialogComponent, { autoFocus: 'first-tabbable', maxWidth: 'calc(100vw - 32px)' })
      .afterClosed()
      .subscribe((loggedIn) => {
        // The Log in button that had the focus is gone: its successor takes it, in the same place.
        if (loggedIn) afterNextRender({ write: () => this.focusAfterLogin() }, { injector: this.injector });
      });
  }

  /** The profile dialogs (and the forms they need) load when first opened. */
  protected async openProfile(which: 'password' | 'totp' | 'sessions'): Promise<void> {
    const dialogs = await import('../../features/people/profile-dialogs');
    const component = { password: dialogs.PasswordDialogComponent, totp: dialogs.TotpDialogComponent, sessions: dialogs.MySessionsDialogComponent }[which];
    this.dialog.open(component, { autoFocus: 'first-tabbable', maxWidth: 'calc(100vw - 32px)' });
  }

  private focusAfterLogin(): void {
    (this.logoutButton() ?? this.moreTrigger())?.nativeElement.focus();
  }
}
